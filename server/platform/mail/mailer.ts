import { eq } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db, DbOrTx } from "../../db/client.ts";
import type { Locale } from "../i18n/locale.ts";
import { enqueue } from "../jobs/queue.ts";
import { mailMessages } from "./mail.tables.ts";
import { renderMail, type TemplateName } from "./templates.ts";

export const MAIL_JOB = "mail.send";
// With the queue's backoff (2 s doubling, capped at an hour) 15 attempts keep retrying for about
// four hours, so an SMTP server down for maintenance delays mail instead of losing it.
export const MAIL_MAX_ATTEMPTS = 15;

export interface MailRequest {
  to: string;
  template: TemplateName;
  locale: Locale;
  params: Record<string, string>;
  orgId?: string | null;
}

/**
 * Queues a message in the caller's transaction: it is sent only if the change commits, and
 * retried by the job queue if the SMTP server is down.
 */
export async function queueMail(tx: DbOrTx, request: MailRequest) {
  const { subject, text } = renderMail(request.template, request.locale, request.params);
  const [row] = await tx
    .insert(mailMessages)
    .values({ to: request.to, subject, text, template: request.template, orgId: request.orgId ?? null })
    .returning({ id: mailMessages.id });
  await enqueue(tx, MAIL_JOB, { messageId: row!.id }, { maxAttempts: MAIL_MAX_ATTEMPTS });
  return row!.id;
}

/** The job that delivers a queued message, or keeps it in the outbox when no SMTP is set. */
export function createMailSender(db: Db, options: { smtpUrl?: string; from: string }) {
  const transport: Transporter | null = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return async (payload: Record<string, unknown>, job: { attempts: number }) => {
    const id = String(payload.messageId);
    const [message] = await db.select().from(mailMessages).where(eq(mailMessages.id, id));
    if (!message || message.status === "sent") return;
    if (!transport) {
      await db.update(mailMessages).set({ status: "kept" }).where(eq(mailMessages.id, id));
      return;
    }
    try {
      await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text });
      await db.update(mailMessages).set({ status: "sent", sentAt: new Date(), error: null }).where(eq(mailMessages.id, id));
    } catch (err) {
      // after the last attempt the message is marked failed, so admins see it was never delivered
      const lastAttempt = job.attempts >= MAIL_MAX_ATTEMPTS;
      await db
        .update(mailMessages)
        .set({ error: err instanceof Error ? err.message.slice(0, 500) : "send failed", ...(lastAttempt ? { status: "failed" } : {}) })
        .where(eq(mailMessages.id, id));
      throw err;
    }
  };
}
