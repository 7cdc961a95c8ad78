import pino, { type DestinationStream, type Logger } from "pino";

// Nothing secret is logged: cookies, auth headers, passwords, tokens and codes are redacted
// wherever they appear in a logged object.
export const redactPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  "req.headers['x-csrf-token']",
  "req.headers['x-intel-edit-key']",
  "res.headers['set-cookie']",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "*.token",
  "*.code",
  "*.secret",
  "*.clientSecret",
  "*.editKey",
];

/** A request URL without the secrets links carry (`?token=`, OIDC `code`/`state`, `/invitations/<token>`, `/calendar/<token>`). */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&](?:token|code|state)=)[^&#]*/gi, "$1[redacted]")
    .replace(/^(\/(?:api\/)?invitations\/)(?!accept(?:[?#]|$))[^/?#]+/, "$1[redacted]")
    // a calendar feed's URL is its only credential (calendar apps send no cookies)
    .replace(/^(\/api\/calendar\/)[^/?#]+/, "$1[redacted]");
}

// Fastify's own request serializer, with the URL cleaned: links' tokens would otherwise be logged.
const serializers = {
  req: (req: { method?: string; url?: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
    method: req.method,
    url: req.url ? redactUrl(req.url) : req.url,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};

/** `destination` lets tests read what would be logged (stdout otherwise). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, serializers, redact: { paths: redactPaths, censor: "[redacted]" } }, destination);
}
