// The register and roadmap as the web app reads them (docs/plans/risks-api.md). Pure: no DOM,
// no React, so the level shown while typing and the timeline's layout are unit-tested in Node.

export type Level = "low" | "medium" | "high" | "critical";
export const levels: Level[] = ["low", "medium", "high", "critical"];
export type StageName = "inherent" | "current" | "residual";
export const stages: StageName[] = ["inherent", "current", "residual"];
export type ImpactDimension = "service" | "personal_data" | "legal" | "financial" | "reputation";
/** the order the form asks for them: what matters first to a public body */
export const impactDimensions: ImpactDimension[] = ["service", "personal_data", "legal", "financial", "reputation"];
export type Treatment = "mitigate" | "accept" | "transfer" | "avoid";
export const treatments: Treatment[] = ["mitigate", "accept", "transfer", "avoid"];
export type CsfFunction = "govern" | "identify" | "protect" | "detect" | "respond" | "recover";
export const csfFunctions: CsfFunction[] = ["govern", "identify", "protect", "detect", "respond", "recover"];
export type ActionStatus = "planned" | "in_progress" | "blocked" | "done" | "cancelled";
/** the board's columns; cancelled actions leave the board */
export const boardStatuses: ActionStatus[] = ["planned", "in_progress", "blocked", "done"];
export const actionStatuses: ActionStatus[] = [...boardStatuses, "cancelled"];
export type Effort = "small" | "medium" | "large";
export const efforts: Effort[] = ["small", "medium", "large"];

export interface Labels {
  it: string[];
  en: string[];
}

export interface MatrixShape {
  likelihoodSteps: number;
  impactSteps: number;
  likelihoodLabels: Labels;
  impactLabels: Labels;
  /** cells[likelihood-1][impact-1] */
  cells: Level[][];
}

export interface StageInput {
  likelihood: number;
  impacts: Record<ImpactDimension, number>;
}

/** One cell of a heat map: how many risks sit at this likelihood and impact. */
export interface HeatCell {
  likelihood: number;
  impact: number;
  level: Level;
  count: number;
}

/** The worst impact dimension drives the score, as on the server. */
export function worstImpact(impacts: Record<ImpactDimension, number>): number {
  return Math.max(...impactDimensions.map((d) => impacts[d]));
}

/** The level of a cell, or null when the score lies outside the matrix. */
export function levelAt(matrix: MatrixShape, likelihood: number, impact: number): Level | null {
  return matrix.cells[likelihood - 1]?.[impact - 1] ?? null;
}

/** The level a stage gets from the matrix, for the form to show while the user types. */
export function levelOfStage(matrix: MatrixShape, stage: StageInput): { impact: number; level: Level | null } {
  const impact = worstImpact(stage.impacts);
  return { impact, level: levelAt(matrix, stage.likelihood, impact) };
}

export function labelOf(labels: Labels, step: number, locale: string): string {
  const list = locale === "en" ? labels.en : labels.it;
  return list[step - 1] ?? String(step);
}

/** Every cell of the grid, empty ones at zero: the server sends only non-empty cells. */
export function fullGrid(matrix: MatrixShape, cells: HeatCell[]): HeatCell[][] {
  const count = new Map(cells.map((c) => [`${c.likelihood}:${c.impact}`, c.count]));
  const rows: HeatCell[][] = [];
  // highest likelihood on top, as risk matrices are read
  for (let l = matrix.likelihoodSteps; l >= 1; l--) {
    const row: HeatCell[] = [];
    for (let i = 1; i <= matrix.impactSteps; i++) {
      row.push({ likelihood: l, impact: i, level: levelAt(matrix, l, i) ?? "low", count: count.get(`${l}:${i}`) ?? 0 });
    }
    rows.push(row);
  }
  return rows;
}

/**
 * A matrix resized: cells kept where they exist, new ones take the level their position
 * suggests (the product of the steps, scaled), labels padded with numbers.
 */
export function resizeMatrix(matrix: MatrixShape, likelihoodSteps: number, impactSteps: number): MatrixShape {
  const pad = (list: string[], n: number) => Array.from({ length: n }, (_, i) => list[i] ?? String(i + 1));
  const cells = Array.from({ length: likelihoodSteps }, (_, l) =>
    Array.from({ length: impactSteps }, (_, i) => matrix.cells[l]?.[i] ?? suggestedLevel(l + 1, i + 1, likelihoodSteps, impactSteps)),
  );
  return {
    likelihoodSteps,
    impactSteps,
    likelihoodLabels: { it: pad(matrix.likelihoodLabels.it, likelihoodSteps), en: pad(matrix.likelihoodLabels.en, likelihoodSteps) },
    impactLabels: { it: pad(matrix.impactLabels.it, impactSteps), en: pad(matrix.impactLabels.en, impactSteps) },
    cells,
  };
}

function suggestedLevel(l: number, i: number, ls: number, is: number): Level {
  const share = (l * i) / (ls * is);
  if (share >= 0.6) return "critical";
  if (share >= 0.35) return "high";
  if (share >= 0.15) return "medium";
  return "low";
}

/** CSF 2.0 function of an assessment requirement or its function node ("GV.RM-03.1", "PR"). */
export function csfFunctionOf(id: string): CsfFunction | null {
  const prefix = id.slice(0, 2).toUpperCase();
  const map: Record<string, CsfFunction> = { GV: "govern", ID: "identify", PR: "protect", DE: "detect", RS: "respond", RC: "recover" };
  return map[prefix] ?? null;
}

// ---- the timeline ----

export interface Dated {
  startOn: string | null;
  dueOn: string | null;
}

const day = 86_400_000;
const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The window a timeline shows: from the earliest start to the latest due date, at least a month. */
export function timelineWindow(items: Dated[], today: string): { from: string; to: string } {
  const times = items.flatMap((a) => [a.startOn, a.dueOn]).filter((d): d is string => !!d).map(toTime);
  const now = toTime(today);
  let from = Math.min(now, ...times);
  let to = Math.max(now, ...times);
  if (to - from < 30 * day) to = from + 30 * day;
  return { from: new Date(from).toISOString().slice(0, 10), to: new Date(to).toISOString().slice(0, 10) };
}

/**
 * Where a bar sits in the window, in percent. An action with only a due date is drawn as a
 * marker on that day; one with neither gets no bar (the table still lists it).
 */
export function barOf(item: Dated, window: { from: string; to: string }): { left: number; width: number } | null {
  const start = item.startOn ?? item.dueOn;
  const end = item.dueOn ?? item.startOn;
  if (!start || !end) return null;
  const from = toTime(window.from);
  const span = Math.max(day, toTime(window.to) - from);
  const clamp = (v: number) => Math.min(100, Math.max(0, v));
  const left = clamp(((toTime(start) - from) / span) * 100);
  const right = clamp(((toTime(end) + day - from) / span) * 100);
  return { left, width: Math.max(0.8, right - left) };
}

/** Month boundaries inside the window, for the timeline's scale. */
export function monthTicks(window: { from: string; to: string }): { date: string; left: number }[] {
  const from = toTime(window.from);
  const span = Math.max(day, toTime(window.to) - from);
  const ticks: { date: string; left: number }[] = [];
  const cursor = new Date(from);
  cursor.setUTCDate(1);
  cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  while (cursor.getTime() <= toTime(window.to)) {
    ticks.push({ date: cursor.toISOString().slice(0, 10), left: ((cursor.getTime() - from) / span) * 100 });
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return ticks;
}

/** Euro from cents, for people: "€ 12.500,00". */
export function formatEuro(cents: number | null, locale: string): string {
  if (cents === null) return "";
  return (cents / 100).toLocaleString(locale === "en" ? "en-IE" : "it-IT", { style: "currency", currency: "EUR" });
}

/** Cents from what the user typed in euro ("1.234,50" or "1234.50"); null when blank, NaN when not a number. */
export function parseEuro(text: string): number | null {
  const trimmed = text.trim().replace(/\s|€/g, "");
  if (!trimmed) return null;
  // the last separator followed by one or two digits is the decimal one
  const normalised = /[.,]\d{1,2}$/.test(trimmed)
    ? trimmed.slice(0, trimmed.search(/[.,]\d{1,2}$/)).replace(/[.,]/g, "") + "." + trimmed.slice(trimmed.search(/[.,]\d{1,2}$/) + 1)
    : trimmed.replace(/[.,]/g, "");
  const value = Number(normalised);
  return Number.isFinite(value) ? Math.round(value * 100) : Number.NaN;
}

/** What the roadmap views need of an action (the API's Action has more). */
export interface ActionView extends Dated {
  id: string;
  ref: string;
  title: string;
  csfFunction: CsfFunction;
  ownerOrgName: string;
  ownerUserName: string | null;
  status: ActionStatus;
  progress: number;
  late: boolean;
  priority: { level: Level };
}

/** Whole days an action is past its due date (0 when not late). */
export function daysLate(action: Dated & { late: boolean }, today: string): number {
  if (!action.late || !action.dueOn) return 0;
  return Math.max(0, Math.round((toTime(today) - toTime(action.dueOn)) / day));
}

/** Today as YYYY-MM-DD in the user's time zone. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
