import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser, signIn } from "../../../test/helpers/factories.ts";
import { startSmtpInbox, type SmtpInbox } from "../../../test/helpers/smtp-inbox.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { schedules } from "../../platform/jobs/jobs.tables.ts";
import { memberships } from "../identity/identity.tables.ts";
import { academyAssignmentLearners, academyAssignments } from "./academy-assignments.tables.ts";
import { answersFor, rightAnswer, starterQuiz } from "./academy.test-helper.ts";
import { ASSIGNMENT_REMINDERS_JOB, runAssignmentRound } from "./assignment-reminders.ts";
import { addDays, todayInItaly } from "./assignment-status.ts";

// The daily round over real SMTP: a new assignment is mailed, a reminder goes out once in the
// week before the due date, an overdue notice once after it, nothing to who completed the path;
// people who later match the target are added while the due date is ahead.

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

async function runDailyJob() {
  await t.worker.ensureSchedules();
  await t.ctx.db.update(schedules).set({ nextRunAt: sql`now() - interval '1 second'` }).where(eq(schedules.name, ASSIGNMENT_REMINDERS_JOB));
  await t.drainJobs();
}
const subjects = (email: string) => inbox.to(email).map((m) => m.subject);

describe("assignment mail", () => {
  it("tells learners of a new assignment, reminds once before the due date and once when overdue", async () => {
    const today = todayInItaly();
    const { org, session: admin } = await orgWithUser(t.app, t.ctx.db, "admin", { name: "Comune di Promemoria" });
    const alba = await makeUser(t.ctx.db, org.id, "employee", { name: "Alba" });
    const john = await makeUser(t.ctx.db, org.id, "employee", { name: "John", locale: "en" });
    const done = await makeUser(t.ctx.db, org.id, "employee", { name: "Diligente" });
    const res = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${org.id}/academy/assignments`,
      headers: admin.headers,
      payload: { pathSlug: "incidenti-in-ufficio", dueOn: addDays(today, 30), target: { roles: ["employee"] } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    await t.drainJobs();
    expect(subjects(alba.email)).toEqual([`Cittadella: nuovo percorso di formazione "${res.json().pathTitle}"`]);
    expect(inbox.to(alba.email)[0]!.text).toContain("https://cittadella.example.it/academy/incidenti-in-ufficio");
    expect(subjects(john.email)[0]).toMatch(/^Cittadella: new training path/);

    // one learner completes the path
    const quiz = await starterQuiz("incidenti-in-ufficio", "incidente-quiz");
    const session = await signIn(t.app, done.email);
    const started = await t.app.inject({ method: "POST", url: "/api/academy/paths/incidenti-in-ufficio/quizzes/incidente-quiz/attempts", headers: session.headers });
    const attempt = started.json().attempt as { id: string; questions: { id: string }[] };
    await t.app.inject({ method: "POST", url: `/api/academy/attempts/${attempt.id}/submit`, headers: session.headers, payload: { answers: answersFor(quiz, attempt.questions.map((q) => q.id), rightAnswer) } });

    // far from the due date: nothing
    await runDailyJob();
    expect(subjects(alba.email)).toHaveLength(1);

    // the due date comes within a week: one reminder each, not to who completed
    await t.ctx.db.update(academyAssignments).set({ dueOn: addDays(today, 5) }).where(eq(academyAssignments.id, id));
    await runDailyJob();
    await runDailyJob();
    expect(subjects(alba.email)).toEqual([expect.any(String), `Cittadella: il percorso "${res.json().pathTitle}" scade il ${addDays(today, 5)}`]);
    expect(subjects(john.email)[1]).toMatch(/is due on/);
    expect(subjects(done.email)).toHaveLength(1);

    // past the due date: one notice each, never repeated
    await t.ctx.db.update(academyAssignments).set({ dueOn: addDays(today, -1) }).where(eq(academyAssignments.id, id));
    await runDailyJob();
    expect(await runAssignmentRound(t.ctx.db, "https://cittadella.example.it")).toEqual({ added: 0, reminded: 0, overdue: 0 });
    await t.drainJobs();
    expect(subjects(alba.email)).toHaveLength(3);
    expect(subjects(alba.email)[2]).toBe(`Cittadella: percorso "${res.json().pathTitle}" scaduto`);
    expect(inbox.to(alba.email)[2]!.text).toContain("Riceverai questo avviso una sola volta");
    expect(subjects(done.email)).toHaveLength(1);

    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.seq);
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ["academy.assignment.create", expect.any(String)],
      ["academy.assignment.reminded", "system"],
      ["academy.assignment.overdue_notified", "system"],
    ]);
  });

  it("adds people who later match the rules while the due date is ahead, never to a named list", async () => {
    const today = todayInItaly();
    const { org, session: admin } = await orgWithUser(t.app, t.ctx.db, "admin");
    const first = await makeUser(t.ctx.db, org.id, "employee");
    const url = `/api/orgs/${org.id}/academy/assignments`;
    const byOffice = await t.app.inject({ method: "POST", url, headers: admin.headers, payload: { pathSlug: "incidenti-in-ufficio", dueOn: addDays(today, 60), target: { offices: ["Tributi"], roles: ["employee"] } } });
    const byList = await t.app.inject({ method: "POST", url, headers: admin.headers, payload: { pathSlug: "incidenti-in-ufficio", dueOn: addDays(today, 60), target: { userIds: [first.id] } } });
    const frozen = await t.app.inject({ method: "POST", url, headers: admin.headers, payload: { pathSlug: "incidenti-in-ufficio", dueOn: addDays(today, 60), target: { roles: ["employee"] }, followsMembers: false } });
    // a newcomer, and a viewer moving to the Tributi office
    const newcomer = await makeUser(t.ctx.db, org.id, "employee");
    const mover = await makeUser(t.ctx.db, org.id, "viewer");
    const moved = await t.app.inject({ method: "PUT", url: `/api/orgs/${org.id}/members/${mover.id}/workplace`, headers: admin.headers, payload: { office: "tributi", managementBody: false } });
    expect(moved.statusCode, moved.body).toBe(200);
    await runDailyJob();
    const learners = async (id: string) =>
      (await t.ctx.db.select({ userId: academyAssignmentLearners.userId }).from(academyAssignmentLearners).where(eq(academyAssignmentLearners.assignmentId, id))).map((r) => r.userId).sort();
    expect(await learners(byOffice.json().id)).toEqual([first.id, newcomer.id, mover.id].sort());
    expect(await learners(byList.json().id)).toEqual([first.id]);
    expect(await learners(frozen.json().id)).toEqual([first.id]);
    expect(subjects(newcomer.email)).toHaveLength(1);
    // past its due date nobody more is added
    await t.ctx.db.update(academyAssignments).set({ dueOn: addDays(today, -1) }).where(eq(academyAssignments.id, byOffice.json().id));
    const late = await makeUser(t.ctx.db, org.id, "employee");
    await runDailyJob();
    expect(await learners(byOffice.json().id)).not.toContain(late.id);
    // someone who left the organisation is neither counted nor mailed
    await t.ctx.db.delete(memberships).where(and(eq(memberships.userId, first.id), eq(memberships.orgId, org.id)));
    const list = (await t.app.inject({ method: "GET", url, headers: admin.headers })).json().items as { id: string; assigned: number }[];
    expect(list.find((a) => a.id === byList.json().id)!.assigned).toBe(0);
  });
});
