/**
 * Puts values into a message's "{name}" placeholders. A value not given becomes `missing`, or
 * stays as its placeholder when `missing` is not set, so a forgotten value shows instead of hiding.
 */
export function fillTemplate(text: string, params: Record<string, string | number | undefined>, missing?: string): string {
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? (missing ?? placeholder) : String(value);
  });
}
