import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeOrganisation, makeUser, orgWithUser, relate } from "../../../test/helpers/factories.ts";
import { startSmtpInbox, type SmtpInbox } from "../../../test/helpers/smtp-inbox.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { schedules } from "../../platform/jobs/jobs.tables.ts";
import { improvementActions } from "./risks.tables.ts";
import { escalateLateActions, LATE_ACTIONS_JOB } from "./late-actions.ts";

let inbox: SmtpInbox;
let t: TestApp;
beforeAll(async () => {
  inbox = await startSmtpInbox();
  t = await createTestApp({ SMTP_URL: inbox.url, PUBLIC_URL: "https://cittadella.example.it" });
});
afterAll(async () => {
  await t.close();
  await inbox.close();
});

/** Runs the daily schedule now, through the worker, and delivers the mail it queues. */
async function runDailyJob() {
  await t.worker.ensureSchedules();
  await t.ctx.db.update(schedules).set({ nextRunAt: sql`now() - interval '1 second'` }).where(eq(schedules.name, LATE_ACTIONS_JOB));
  await t.drainJobs();
}

describe("escalation of late actions", () => {
  it("mails the owner and the entity's security managers once per due date", async () => {
    const db = t.ctx.db;
    const { org, user: admin } = await orgWithUser(t.app, db, "admin", { name: "Comune di Ritardo" });
    const manager = await makeUser(db, org.id, "security_manager", { name: "Responsabile Sicurezza" });
    const englishManager = await makeUser(db, org.id, "security_manager", { name: "Security Lead", locale: "en" });
    const operator = await makeUser(db, org.id, "it_operator", { name: "Operatore Interno" });
    const provider = await makeOrganisation(db, { type: "it_provider", name: "SIA Ritardi" });
    await relate(db, "provider_of", provider.id, org.id);
    const technician = await makeUser(db, provider.id, "it_operator", { name: "Tecnico Esterno" });
    const action = (values: Partial<typeof improvementActions.$inferInsert>) =>
      db
        .insert(improvementActions)
        .values({ orgId: org.id, ownerOrgId: org.id, number: 0, title: "x", csfFunction: "protect", ...values })
        .returning()
        .then((rows) => rows[0]!);
    const late = await action({ number: 1, title: "Segmentare la rete", ownerUserId: operator.id, dueOn: "2020-03-31", status: "in_progress", progress: 30 });
    const lateAtProvider = await action({ number: 2, title: "Patch dei server", ownerOrgId: provider.id, ownerUserId: technician.id, dueOn: "2020-04-30" });
    await action({ number: 3, title: "Fatta in tempo", ownerUserId: operator.id, dueOn: "2020-01-31", status: "done" });
    await action({ number: 4, title: "Annullata", ownerUserId: operator.id, dueOn: "2020-01-31", status: "cancelled" });
    await action({ number: 5, title: "Futura", ownerUserId: operator.id, dueOn: "2999-01-31" });

    await runDailyJob();
    const subjects = (email: string) => inbox.to(email).map((m) => m.subject).sort();
    expect(subjects(operator.email)).toEqual(["Cittadella: azione A-1 in ritardo (Comune di Ritardo)"]);
    expect(subjects(technician.email)).toEqual(["Cittadella: azione A-2 in ritardo (Comune di Ritardo)"]);
    expect(subjects(manager.email)).toEqual(["Cittadella: azione A-1 in ritardo (Comune di Ritardo)", "Cittadella: azione A-2 in ritardo (Comune di Ritardo)"]);
    expect(subjects(englishManager.email)).toEqual(["Cittadella: action A-1 is late (Comune di Ritardo)", "Cittadella: action A-2 is late (Comune di Ritardo)"]);
    // the admins are not mailed while the entity has security managers
    expect(inbox.to(admin.email)).toEqual([]);
    const [mail] = inbox.to(operator.email);
    expect(mail!.text).toContain('"Segmentare la rete"');
    expect(mail!.text).toContain("2020-03-31");
    expect(mail!.text).toContain('ancora "In corso" (30%)');
    expect(mail!.text).toContain("https://cittadella.example.it/piano");
    expect(inbox.to(technician.email)[0]!.text).toContain("La realizza: SIA Ritardi");

    // the next day: nothing new for the same due dates
    const count = inbox.messages.length;
    await runDailyJob();
    expect(await escalateLateActions(db, "https://cittadella.example.it")).toBe(0);
    expect(inbox.messages.length).toBe(count);

    // a new due date, missed again, escalates again (once)
    await db.update(improvementActions).set({ dueOn: "2020-06-30" }).where(eq(improvementActions.id, late.id));
    expect(await escalateLateActions(db, "https://cittadella.example.it")).toBe(1);
    expect(await escalateLateActions(db, "https://cittadella.example.it")).toBe(0);
    await t.drainJobs();
    expect(inbox.to(operator.email)).toHaveLength(2);

    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "roadmap.action_late_escalated")).orderBy(auditLog.seq);
    expect(audit.map((a) => [a.entityId, a.actorLabel])).toEqual([
      [late.id, "system"],
      [lateAtProvider.id, "system"],
      [late.id, "system"],
    ]);
  });
});
