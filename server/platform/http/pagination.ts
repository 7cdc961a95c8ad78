// Keyset pagination: the cursor is the sort key of the last row, opaque to clients.
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Array.isArray(parsed) && parsed.every((p) => typeof p === "string" || typeof p === "number") ? parsed : null;
  } catch {
    return null;
  }
}
