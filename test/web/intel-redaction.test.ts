import { describe, expect, it } from "vitest";
import { cleanSpans, redactAll, redactSpan, segmentsOf } from "../../web/src/features/intel/redaction.ts";

const text = "Scrivere a mario.rossi@comune.it, CF RSSMRA80A01F205X, tel 333 1234567.";
const span = (kind: string, value: string) => ({ kind, start: text.indexOf(value), end: text.indexOf(value) + value.length, text: value });
const email = span("email", "mario.rossi@comune.it");
const cf = span("codice_fiscale", "RSSMRA80A01F205X");
const phone = span("phone", "333 1234567");

describe("redaction of scan findings", () => {
  it("sorts spans and drops overlapping and out-of-range ones", () => {
    const inner = { kind: "own_host", start: email.start + 12, end: email.end, text: "comune.it" };
    expect(cleanSpans(text, [phone, inner, email, cf, { kind: "x", start: 5, end: 500, text: "" }])).toEqual([email, cf, phone]);
  });

  it("redacts one span and moves the later ones", () => {
    const { text: out, spans } = redactSpan(text, [email, cf, phone], 0, "[OSCURATO]");
    expect(out).toBe("Scrivere a [OSCURATO], CF RSSMRA80A01F205X, tel 333 1234567.");
    expect(spans.map((s) => out.slice(s.start, s.end))).toEqual(["RSSMRA80A01F205X", "333 1234567"]);
    const second = redactSpan(out, spans, 1, "[OSCURATO]");
    expect(second.text).toBe("Scrivere a [OSCURATO], CF RSSMRA80A01F205X, tel [OSCURATO].");
    expect(second.spans.map((s) => second.text.slice(s.start, s.end))).toEqual(["RSSMRA80A01F205X"]);
  });

  it("redacts every span at once", () => {
    expect(redactAll(text, [cf, email, phone], "█")).toBe("Scrivere a █, CF █, tel █.");
  });

  it("cuts the text into plain pieces and spans", () => {
    const parts = segmentsOf(text, [email, cf]);
    expect(parts.map((p) => ("plain" in p ? p.plain : `<${p.span.text}>`)).join("")).toBe(text.replace(email.text, `<${email.text}>`).replace(cf.text, `<${cf.text}>`));
  });
});
