import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSmtpInbox, type SmtpInbox } from "../../../test/helpers/smtp-inbox.ts";
import { openTestDatabase } from "../../../test/helpers/test-database.ts";
import type { Database } from "../../db/client.ts";
import { redactPaths } from "../../logger.ts";
import { jobs } from "../jobs/jobs.tables.ts";
import { backoffSeconds } from "../jobs/queue.ts";
import { createRegistry, Worker } from "../jobs/worker.ts";
import { mailMessages } from "./mail.tables.ts";
import { createMailSender, MAIL_JOB, queueMail } from "./mailer.ts";

const FROM = "Cittadella <noreply@cittadella.example.it>";
const RESET_SECRET = "reset-token-Qx81hV0sPz";
const SMTP_PASSWORD = "Password-Smtp-Segreta-77";
let database: Database;
let inbox: SmtpInbox;

beforeAll(async () => {
  database = await openTestDatabase();
  inbox = await startSmtpInbox();
});
afterAll(async () => {
  await inbox.close();
  await database.close();
});
beforeEach(async () => {
  await database.db.delete(jobs);
  await database.db.delete(mailMessages);
  inbox.messages.length = 0;
});

/** A worker that sends mail the way a process does, with every log line kept for inspection. */
function mailWorker(smtpUrl: string | undefined) {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) });
  const log = pino({ level: "trace", redact: { paths: redactPaths, censor: "[redacted]" } }, sink);
  const registry = createRegistry();
  registry.handle(MAIL_JOB, createMailSender(database.db, { smtpUrl, from: FROM }));
  return { worker: new Worker(database.db, registry, log), logs: () => lines.join("") };
}

const resetMail = (to: string, locale: "it" | "en") =>
  database.db.transaction((tx) =>
    queueMail(tx, { to, template: "password_reset", locale, params: { name: "Maria", link: `https://cittadella.example.it/reset/${RESET_SECRET}` } }),
  );
const message = async (id: string) => (await database.db.select().from(mailMessages).where(eq(mailMessages.id, id)))[0]!;

describe("mail over SMTP", () => {
  it("delivers queued mail to the recipient in the recipient's language", async () => {
    const { worker, logs } = mailWorker(inbox.url.replace("smtp://", `smtp://cittadella:${SMTP_PASSWORD}@`));
    const italian = await resetMail("maria.rossi@comune.example.it", "it");
    const english = await resetMail("john.smith@example.org", "en");
    expect(inbox.messages).toHaveLength(0); // queued, not sent inside the transaction
    await worker.tick();

    const [it_] = inbox.to("maria.rossi@comune.example.it");
    expect(it_).toBeDefined();
    expect(it_!.subject).toBe("Cittadella: reimposta la password");
    expect(it_!.raw).toContain("abbiamo ricevuto una richiesta di reimpostare la tua password");
    expect(it_!.raw).toContain(`https://cittadella.example.it/reset/${RESET_SECRET}`);
    expect(it_!.from).toBe("noreply@cittadella.example.it");
    const [en] = inbox.to("john.smith@example.org");
    expect(en!.subject).toBe("Cittadella: reset your password");
    expect(en!.raw).toContain("we received a request to reset your password");
    expect(inbox.messages).toHaveLength(2);

    for (const id of [italian, english]) {
      const row = await message(id);
      expect(row).toMatchObject({ status: "sent", error: null });
      expect(row.sentAt).toBeInstanceOf(Date);
    }
    // a second round sends nothing again
    await worker.tick();
    expect(inbox.messages).toHaveLength(2);
    expect(logs()).not.toContain(RESET_SECRET);
    expect(logs()).not.toContain(SMTP_PASSWORD);
  });

  it("sends nothing when the transaction that queued the mail rolls back", async () => {
    const { worker } = mailWorker(inbox.url);
    await expect(
      database.db.transaction(async (tx) => {
        await queueMail(tx, { to: "nessuno@example.it", template: "password_reset", locale: "it", params: { name: "N", link: "x" } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await worker.tick();
    expect(inbox.messages).toHaveLength(0);
    expect(await database.db.select().from(mailMessages)).toHaveLength(0);
  });

  it("keeps mail in the outbox when no SMTP server is configured", async () => {
    const { worker } = mailWorker(undefined);
    const id = await resetMail("maria.rossi@comune.example.it", "it");
    await worker.tick();
    const row = await message(id);
    expect(row).toMatchObject({ status: "kept", subject: "Cittadella: reimposta la password", to: "maria.rossi@comune.example.it", sentAt: null });
    expect(row.text).toContain(RESET_SECRET);
    expect(inbox.messages).toHaveLength(0);
    const [job] = await database.db.select().from(jobs);
    expect(job!.status).toBe("done");
  });

  it("retries while the SMTP server is down and delivers once it is back, without logging secrets", async () => {
    // find a free port, then leave it closed: the server is "down"
    const probe = await startSmtpInbox();
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const { worker, logs } = mailWorker(`smtp://cittadella:${SMTP_PASSWORD}@127.0.0.1:${port}`);
    const id = await resetMail("maria.rossi@comune.example.it", "it");

    await worker.tick();
    const waiting = await message(id);
    expect(waiting.status).toBe("queued");
    expect(waiting.error).toMatch(/ECONNREFUSED|connect/i);
    const [job] = await database.db.select().from(jobs);
    expect(job).toMatchObject({ status: "queued", attempts: 1 });
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now());
    // retries go on for hours, not seconds, before the job gives up
    const retryWindow = Array.from({ length: job!.maxAttempts - 1 }, (_, i) => backoffSeconds(i + 1)).reduce((a, b) => a + b, 0);
    expect(retryWindow).toBeGreaterThan(3 * 3_600);
    expect(logs()).toContain("job failed");
    expect(logs()).not.toContain(SMTP_PASSWORD);
    expect(logs()).not.toContain(RESET_SECRET);

    const back = await startSmtpInbox({ port });
    try {
      await database.db.update(jobs).set({ runAt: new Date(Date.now() - 1_000) });
      await worker.tick();
      expect(back.to("maria.rossi@comune.example.it").map((m) => m.subject)).toEqual(["Cittadella: reimposta la password"]);
      expect(await message(id)).toMatchObject({ status: "sent", error: null });
      const [done] = await database.db.select().from(jobs);
      expect(done).toMatchObject({ status: "done", attempts: 2 });
    } finally {
      await back.close();
    }
  });

  it("marks the message failed once the last attempt fails, so admins see it was never delivered", async () => {
    const probe = await startSmtpInbox();
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const { worker } = mailWorker(`smtp://127.0.0.1:${port}`);
    const id = await resetMail("maria.rossi@comune.example.it", "it");
    const [job] = await database.db.select().from(jobs);
    // as if every earlier attempt had already failed
    await database.db.update(jobs).set({ attempts: job!.maxAttempts - 1 });
    await worker.tick();
    expect(await message(id)).toMatchObject({ status: "failed", sentAt: null });
    expect((await message(id)).error).toMatch(/ECONNREFUSED|connect/i);
    const [gaveUp] = await database.db.select().from(jobs);
    expect(gaveUp!.status).toBe("failed");
  });
});
