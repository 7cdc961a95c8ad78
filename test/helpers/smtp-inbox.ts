import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** headers and body, with quoted-printable soft breaks and escapes undone */
  raw: string;
  subject: string;
  /** the decoded body without headers */
  text: string;
  /** the SMTP user the sender signed in as, if any */
  user: string | null;
}

export interface SmtpInbox {
  /** pass as SMTP_URL to createTestApp */
  url: string;
  messages: ReceivedMail[];
  /** the messages sent to one address */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes = Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1");
  return bytes.toString("utf8");
}

function decodeSubject(raw: string): string {
  const line = raw.match(/^Subject: (.*(?:\r?\n[ \t].*)*)/m)?.[1] ?? "";
  return line
    .replace(/\r?\n[ \t]/g, " ")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, body: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(body, "base64").toString("utf8") : decodeQuotedPrintable(body.replace(/_/g, " ")),
    )
    .trim();
}

/**
 * A real SMTP server in this process, so tests receive exactly what users would. Any user name
 * and password are accepted over plain TCP, so an SMTP_URL with credentials works too.
 */
export async function startSmtpInbox(options: { port?: number } = {}): Promise<SmtpInbox> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const decoded = decodeQuotedPrintable(raw);
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: decoded,
          subject: decodeSubject(raw),
          text: decoded.split(/\r?\n\r?\n/).slice(1).join("\n\n"),
          user: typeof session.user === "string" ? session.user : null,
        });
        callback();
      });
    },
  });
  // a given port lets a test bring a "down" server back where the mailer expects it
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
