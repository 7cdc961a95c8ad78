/** Where to go after sign-in: only a path inside this app (never "//host" or a full URL). */
export function safeNext(value: string | null): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
