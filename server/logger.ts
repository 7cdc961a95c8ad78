import pino, { type Logger } from "pino";

// Nothing secret is logged: cookies, auth headers, passwords, tokens and codes are redacted
// wherever they appear in a logged object.
export const redactPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  "req.headers['x-csrf-token']",
  "res.headers['set-cookie']",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "*.token",
  "*.code",
  "*.secret",
  "*.clientSecret",
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: "[redacted]" } });
}
