import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser, signIn, type SignedIn } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { mailMessages } from "../../platform/mail/mail.tables.ts";
import { memberships } from "../identity/identity.tables.ts";
import { academyAssignmentLearners, academyAssignments } from "./academy-assignments.tables.ts";
import { academyPaths } from "./academy.tables.ts";
import { makeOrganisationPath } from "./academy.test-helper.ts";
import { addDays, todayInItaly } from "./assignment-status.ts";

// Assigning paths: who a target resolves to, who may assign, what a learner sees, and bad input
// refused naming the field with nothing written.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: "https://cittadella.example.it" });
});
afterAll(() => t.close());

const inFuture = (days = 30) => addDays(todayInItaly(), days);
const post = (session: SignedIn, url: string, payload: object) => t.app.inject({ method: "POST", url, payload, headers: session.headers });
const get = (session: SignedIn, url: string) => t.app.inject({ method: "GET", url, headers: session.headers });

async function member(orgId: string, role: "employee" | "viewer" | "it_operator", name: string, office: string | null, managementBody = false) {
  const user = await makeUser(t.ctx.db, orgId, role, { name });
  await t.ctx.db.update(memberships).set({ office, managementBody }).where(and(eq(memberships.userId, user.id), eq(memberships.orgId, orgId)));
  return user;
}

/** A comune with an admin and people in two offices, one of them in the giunta. */
async function comune() {
  const { org, user: admin, session } = await orgWithUser(t.app, t.ctx.db, "admin");
  const anagrafe1 = await member(org.id, "employee", "Alba Anagrafe", "Ufficio Anagrafe");
  const anagrafe2 = await member(org.id, "viewer", "Bruno Anagrafe", "Ufficio Anagrafe");
  const ragioneria = await member(org.id, "employee", "Carla Ragioneria", "Ragioneria");
  const assessore = await member(org.id, "viewer", "Dario Assessore", null, true);
  return { org, admin, session, anagrafe1, anagrafe2, ragioneria, assessore };
}

const learnersOf = async (assignmentId: string) =>
  (await t.ctx.db.select({ userId: academyAssignmentLearners.userId }).from(academyAssignmentLearners).where(eq(academyAssignmentLearners.assignmentId, assignmentId))).map((r) => r.userId).sort();

describe("assigning a path", () => {
  it("resolves a role, an office (any case), the management body and a list to the right members", async () => {
    const c = await comune();
    const other = await orgWithUser(t.app, t.ctx.db, "employee"); // another comune's employee: never assigned
    const url = `/api/orgs/${c.org.id}/academy/assignments`;
    const byRole = await post(c.session, url, { pathSlug: "incidenti-in-ufficio", dueOn: inFuture(), target: { roles: ["employee"] } });
    expect(byRole.statusCode, byRole.body).toBe(201);
    expect(byRole.json()).toMatchObject({ pathSlug: "incidenti-in-ufficio", assigned: 2, completed: 0, overdue: 0, followsMembers: true, actions: ["read", "delete"] });
    expect(await learnersOf(byRole.json().id)).toEqual([c.anagrafe1.id, c.ragioneria.id].sort());

    const byOffice = await post(c.session, url, { pathSlug: "sicurezza-digitale-di-base", dueOn: inFuture(), target: { offices: [" ufficio anagrafe "] } });
    expect(await learnersOf(byOffice.json().id)).toEqual([c.anagrafe1.id, c.anagrafe2.id].sort());

    const byBoard = await post(c.session, url, { pathSlug: "sicurezza-digitale-di-base", dueOn: inFuture(), target: { managementBody: true } });
    expect(await learnersOf(byBoard.json().id)).toEqual([c.assessore.id]);

    const byList = await post(c.session, url, { pathSlug: "incidenti-in-ufficio", dueOn: inFuture(), target: { userIds: [c.ragioneria.id, c.assessore.id] }, followsMembers: false });
    expect(await learnersOf(byList.json().id)).toEqual([c.ragioneria.id, c.assessore.id].sort());

    const all = (await t.ctx.db.select({ userId: academyAssignmentLearners.userId }).from(academyAssignmentLearners).where(eq(academyAssignmentLearners.orgId, c.org.id))).map((r) => r.userId);
    expect(all).not.toContain(other.user.id);
    expect(all).not.toContain(c.admin.id);

    // each learner is told by mail, in the transaction that assigned them
    const mails = await t.ctx.db.select().from(mailMessages).where(and(eq(mailMessages.to, c.anagrafe1.email), eq(mailMessages.template, "academy_assignment_new")));
    expect(mails).toHaveLength(2);
    expect(mails.map((m) => m.text).join("\n")).toContain("https://cittadella.example.it/academy/incidenti-in-ufficio");

    const [audit] = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, "academy.assignment.create"), eq(auditLog.entityId, byRole.json().id)));
    expect(audit!.after).toMatchObject({ pathSlug: "incidenti-in-ufficio", learners: 2 });

    // the managers' list, and one assignment with its learners
    const list = await get(c.session, url);
    expect(list.json().items).toHaveLength(4);
    const detail = await get(c.session, `${url}/${byOffice.json().id}`);
    expect(detail.json().learners.map((l: { name: string; status: string; office: string }) => [l.name, l.status, l.office])).toEqual([
      ["Alba Anagrafe", "not_started", "Ufficio Anagrafe"],
      ["Bruno Anagrafe", "not_started", "Ufficio Anagrafe"],
    ]);
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const c = await comune();
    const stranger = await orgWithUser(t.app, t.ctx.db, "employee");
    const draft = await makeOrganisationPath(t.ctx.db, c.org.id, `bozza-${c.org.id.slice(0, 6)}`, "Percorso in bozza");
    await t.ctx.db.update(academyPaths).set({ status: "draft" }).where(eq(academyPaths.id, draft.id));
    const elsewhere = await makeOrganisationPath(t.ctx.db, stranger.org.id, `altrui-${c.org.id.slice(0, 6)}`, "Percorso di un altro comune");
    const url = `/api/orgs/${c.org.id}/academy/assignments`;
    const valid = { pathSlug: "incidenti-in-ufficio", dueOn: inFuture(), target: { roles: ["employee"] } };
    const cases: [object, number, string, string][] = [
      [{ ...valid, dueOn: addDays(todayInItaly(), -1) }, 422, "body.dueOn", "la scadenza non può essere nel passato"],
      [{ ...valid, pathSlug: "non-esiste" }, 422, "body.pathSlug", "nessun percorso con questo identificativo"],
      [{ ...valid, pathSlug: elsewhere.slug }, 422, "body.pathSlug", "nessun percorso con questo identificativo"],
      [{ ...valid, pathSlug: draft.slug }, 422, "body.pathSlug", "il percorso non è pubblicato"],
      [{ ...valid, target: {} }, 422, "body.target", "indica almeno un ruolo"],
      [{ ...valid, target: { roles: [], offices: [], userIds: [], managementBody: false } }, 422, "body.target", "indica almeno un ruolo"],
      [{ ...valid, target: { offices: ["Ufficio Inesistente"] } }, 422, "body.target", "nessun membro attivo"],
      [{ ...valid, target: { userIds: [c.anagrafe1.id, stranger.user.id] } }, 422, "body.target.userIds.1", "non è membro dell'organizzazione"],
      [{ ...valid, dueOn: "2026-02-30" }, 400, "body.dueOn", ""],
      [{ ...valid, target: { roles: ["mayor"] } }, 400, "body.target.roles.0", ""],
    ];
    for (const [payload, status, field, reason] of cases) {
      const res = await post(c.session, url, payload);
      expect(res.statusCode, `${JSON.stringify(payload)}: ${res.body}`).toBe(status);
      const problem = res.json().error.fields.find((f: { field: string }) => f.field === field);
      expect(problem, res.body).toBeDefined();
      expect(problem.reason).toContain(reason);
    }
    const [assignments] = await t.ctx.db.select({ n: count() }).from(academyAssignments).where(eq(academyAssignments.orgId, c.org.id));
    expect(assignments!.n).toBe(0);
    const [mails] = await t.ctx.db.select({ n: count() }).from(mailMessages).where(eq(mailMessages.orgId, c.org.id));
    expect(mails!.n).toBe(0);
    // the message is in the caller's language
    const english = await t.app.inject({ method: "POST", url, payload: { ...valid, target: {} }, headers: { ...c.session.headers, "accept-language": "en" } });
    expect(english.json().error.fields[0].reason).toBe("name at least one role, office, the management body or some people");
  });

  it("lets admins and security managers assign, auditors read, employees neither; other organisations see nothing", async () => {
    const c = await comune();
    const manager = await makeUser(t.ctx.db, c.org.id, "security_manager");
    const auditor = await makeUser(t.ctx.db, c.org.id, "auditor");
    const url = `/api/orgs/${c.org.id}/academy/assignments`;
    const payload = { pathSlug: "incidenti-in-ufficio", dueOn: inFuture(), target: { roles: ["employee"] } };
    const asManager = await post(await signIn(t.app, manager.email), url, payload);
    expect(asManager.statusCode).toBe(201);
    const auditorSession = await signIn(t.app, auditor.email);
    expect((await post(auditorSession, url, payload)).statusCode).toBe(403);
    const auditorList = await get(auditorSession, url);
    expect(auditorList.statusCode).toBe(200);
    expect(auditorList.json().items[0].actions).toEqual(["read"]);
    const employee = await signIn(t.app, c.anagrafe1.email);
    expect((await post(employee, url, payload)).statusCode).toBe(403);
    expect((await get(employee, url)).statusCode).toBe(403);
    expect((await get(employee, `${url}/${asManager.json().id}`)).statusCode).toBe(403);
    const outsider = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await get(outsider.session, url)).statusCode).toBe(404);
    expect((await get(outsider.session, `${url}/${asManager.json().id}`)).statusCode).toBe(404);
    expect((await post(outsider.session, url, payload)).statusCode).toBe(404);
    // the other organisation's own address does not reach this assignment either
    expect((await get(outsider.session, `/api/orgs/${outsider.org.id}/academy/assignments/${asManager.json().id}`)).statusCode).toBe(404);
    const del = await t.app.inject({ method: "DELETE", url: `/api/orgs/${outsider.org.id}/academy/assignments/${asManager.json().id}`, headers: outsider.session.headers });
    expect(del.statusCode).toBe(404);
    expect(await learnersOf(asManager.json().id)).toHaveLength(2);

    // withdrawn by a manager: gone, audited
    const gone = await t.app.inject({ method: "DELETE", url: `${url}/${asManager.json().id}`, headers: c.session.headers });
    expect(gone.statusCode).toBe(200);
    expect(await learnersOf(asManager.json().id)).toEqual([]);
    const [audit] = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, "academy.assignment.delete"), eq(auditLog.entityId, asManager.json().id)));
    expect(audit).toBeDefined();
  });

  it("shows learners their own assignments and where they stand", async () => {
    const c = await comune();
    const url = `/api/orgs/${c.org.id}/academy/assignments`;
    await post(c.session, url, { pathSlug: "incidenti-in-ufficio", dueOn: inFuture(20), target: { roles: ["employee"] } });
    await post(c.session, url, { pathSlug: "sicurezza-digitale-di-base", dueOn: inFuture(10), target: { offices: ["Ragioneria"] } });
    const carla = await signIn(t.app, c.ragioneria.email);
    await post(carla, "/api/academy/paths/incidenti-in-ufficio/items/incidente-articolo/complete", {});
    const mine = await get(carla, "/api/academy/my-assignments");
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((a: { pathSlug: string; status: string; dueOn: string }) => [a.pathSlug, a.status, a.dueOn])).toEqual([
      ["sicurezza-digitale-di-base", "not_started", inFuture(10)],
      ["incidenti-in-ufficio", "in_progress", inFuture(20)],
    ]);
    const bruno = await signIn(t.app, c.anagrafe2.email);
    expect((await get(bruno, "/api/academy/my-assignments")).json().items).toEqual([]);
    expect((await t.app.inject({ method: "GET", url: "/api/academy/my-assignments" })).statusCode).toBe(401);
  });
});
