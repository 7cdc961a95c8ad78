import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser } from "../../../test/helpers/factories.ts";
import { startSmtpInbox, type SmtpInbox } from "../../../test/helpers/smtp-inbox.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { risks } from "./risks.tables.ts";
import { sendReviewReminders } from "./risk-reviews.ts";
import { caller, riskBody } from "./risks.test-helper.ts";

let inbox: SmtpInbox;
let t: TestApp;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  inbox = await startSmtpInbox();
  t = await createTestApp({ SMTP_URL: inbox.url, PUBLIC_URL: "https://cittadella.example.it" });
  call = caller(t.app);
});
afterAll(async () => {
  await t.close();
  await inbox.close();
});

const setReview = (id: string, values: Partial<typeof risks.$inferInsert>) => t.ctx.db.update(risks).set(values).where(eq(risks.id, id));
const today = () => new Date().toISOString().slice(0, 10);

describe("periodic review reminders", () => {
  it("mail each due risk once to its owner, or to the managers when it has none, from the daily schedule", async () => {
    const { org, user: admin, session } = await orgWithUser(t.app, t.ctx.db, "admin", { name: "Comune di Borgo Fiorito" });
    const manager = await makeUser(t.ctx.db, org.id, "security_manager");
    const owner = await makeUser(t.ctx.db, org.id, "it_operator", { name: "Owner Person", locale: "en" });
    await makeUser(t.ctx.db, org.id, "viewer");
    const base = `/api/orgs/${org.id}/risks`;
    const owned = (await call(session, "POST", base, riskBody({ title: "Frode sui pagamenti", ownerId: owner.id }))).json();
    const unowned = (await call(session, "POST", base, riskBody({ title: "Sito defacciato" }))).json();
    const later = (await call(session, "POST", base, riskBody({ title: "Non ancora" }))).json();
    const closed = (await call(session, "POST", base, riskBody({ title: "Chiuso" }))).json();
    await setReview(owned.id, { nextReviewOn: "2025-01-31" });
    await setReview(unowned.id, { nextReviewOn: today() });
    await setReview(closed.id, { nextReviewOn: "2025-01-31", status: "closed" });
    expect(later.nextReviewOn > today()).toBe(true);

    await t.worker.ensureSchedules();
    await t.drainJobs();

    const toOwner = inbox.to(owner.email);
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0]!.subject).toBe("Cittadella: one risk to review (Comune di Borgo Fiorito)");
    expect(toOwner[0]!.text).toContain("R-1 Frode sui pagamenti (2025-01-31)");
    expect(toOwner[0]!.text).toContain("https://cittadella.example.it/rischi");
    expect(toOwner[0]!.text).not.toContain("Sito defacciato");
    for (const person of [admin, manager]) {
      const mails = inbox.to(person.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe("Cittadella: un rischio da riesaminare (Comune di Borgo Fiorito)");
      expect(mails[0]!.text).toContain(`R-2 Sito defacciato (${today()})`);
      expect(mails[0]!.text).not.toContain("Non ancora");
      expect(mails[0]!.text).not.toContain("Chiuso");
    }
    expect(inbox.messages.filter((m) => m.text.includes("Borgo Fiorito") || m.subject.includes("Borgo Fiorito"))).toHaveLength(3);
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "risk.review_reminder")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorLabel).toBe("system");

    // one reminder per due date: running again sends nothing
    expect(await sendReviewReminders(t.ctx.db, "https://cittadella.example.it")).toBe(0);

    // reviewed, the risk moves on; when its next date comes, it is mailed again
    const reviewed = await call(session, "POST", `${base}/${owned.id}/review`, {});
    expect(reviewed.json().nextReviewOn > today()).toBe(true);
    await setReview(owned.id, { nextReviewOn: today() });
    expect(await sendReviewReminders(t.ctx.db, "https://cittadella.example.it")).toBe(1);
    await t.drainJobs();
    expect(inbox.to(owner.email)).toHaveLength(2);
  });
});
