// Redacting what the personal-data scan found, in the browser, before an anonymous publication.
// Findings are UTF-16 spans of one text; redacting one moves the spans after it.

export interface Span {
  kind: string;
  start: number;
  end: number;
  text: string;
}

/** Sorted, in range and without overlaps (the first of two overlapping spans wins). */
export function cleanSpans<S extends Span>(text: string, spans: S[]): S[] {
  const sorted = [...spans].filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end).sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: S[] = [];
  for (const s of sorted) if (!kept.length || s.start >= kept[kept.length - 1]!.end) kept.push(s);
  return kept;
}

/** The text with one span replaced by the mask, and the remaining spans moved accordingly. */
export function redactSpan<S extends Span>(text: string, spans: S[], index: number, mask: string): { text: string; spans: S[] } {
  const target = spans[index];
  if (!target) return { text, spans };
  const shift = mask.length - (target.end - target.start);
  const next = text.slice(0, target.start) + mask + text.slice(target.end);
  const rest = spans.filter((_, i) => i !== index).map((s) => (s.start >= target.end ? { ...s, start: s.start + shift, end: s.end + shift } : s));
  return { text: next, spans: rest };
}

/** Every span replaced by the mask. */
export function redactAll<S extends Span>(text: string, spans: S[], mask: string): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + mask + out.slice(s.end);
  return out;
}

/** The text cut into plain pieces and found spans, for highlighting. */
export function segmentsOf<S extends Span>(text: string, spans: S[]): ({ plain: string } | { span: S; index: number })[] {
  const out: ({ plain: string } | { span: S; index: number })[] = [];
  let at = 0;
  spans.forEach((span, index) => {
    if (span.start > at) out.push({ plain: text.slice(at, span.start) });
    out.push({ span, index });
    at = span.end;
  });
  if (at < text.length) out.push({ plain: text.slice(at) });
  return out;
}
