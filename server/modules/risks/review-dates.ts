// Calendar dates (YYYY-MM-DD, UTC) for review schedules: what people read and what the daily
// reminder job compares, without time zones getting in the way.

export const today = (now = new Date()) => now.toISOString().slice(0, 10);

/** date + months, keeping the day of the month where it exists (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return today(first);
}

export const earlier = (a: string | null, b: string | null) => (a && b ? (a < b ? a : b) : (a ?? b));
