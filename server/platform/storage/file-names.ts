// Names of uploaded files: kept for people to read, never used as a path or trusted for the type.

/** The last path segment without control characters, at most 200 characters, keeping the extension. */
export function cleanFileName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (raw.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  if (!base || base === "." || base === "..") return "file";
  if (base.length <= 200) return base;
  const dot = base.lastIndexOf(".");
  const extension = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : "";
  return base.slice(0, 200 - extension.length) + extension;
}

/**
 * `attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 8187), so the
 * browser saves the file rather than showing it, and quotes or semicolons cannot break the header.
 */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
