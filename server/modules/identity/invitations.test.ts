import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, orgWithUser, signIn, TEST_PASSWORD, type SignedIn } from "../../../test/helpers/factories.ts";
import { startSmtpInbox, type SmtpInbox } from "../../../test/helpers/smtp-inbox.ts";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { sha256 } from "../../platform/auth/tokens.ts";
import { invitations, memberships, users } from "./identity.tables.ts";

const STRONG = "Gabbiano-Traghetto-Ischia-77";
let t: TestApp;
let inbox: SmtpInbox;
beforeAll(async () => {
  inbox = await startSmtpInbox();
  t = await createTestApp({ SMTP_URL: inbox.url, PUBLIC_URL: "https://cittadella.example.it" });
});
afterAll(async () => {
  await t.close();
  await inbox.close();
});

const post = (url: string, payload: object, s?: SignedIn) => t.app.inject({ method: "POST", url, payload, headers: s?.headers ?? {} });

/** Invites through the API and returns the token read from the mail actually delivered. */
async function invite(session: SignedIn, orgId: string, email: string, role = "employee", headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: "POST", url: `/api/orgs/${orgId}/invitations`, headers: { ...session.headers, ...headers }, payload: { email, role } });
  expect(res.statusCode).toBe(201);
  await t.drainJobs();
  const mail = inbox.to(email.toLowerCase()).at(-1)!;
  const token = mail.raw.match(/https:\/\/cittadella\.example\.it\/invitations\/([A-Za-z0-9_-]+)/)?.[1];
  expect(token).toBeTruthy();
  return { invitation: res.json(), token: token!, mail };
}

describe("invitations", () => {
  it("invites a new person, who creates an account with a strong password and is signed in", async () => {
    const { org, user: admin, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const { invitation, token, mail } = await invite(session, org.id, "Nuova.Collega@Comune.it", "security_manager");
    expect(invitation).toMatchObject({ email: "nuova.collega@comune.it", role: "security_manager", invitedBy: admin.id, actions: ["read", "revoke"] });
    expect(mail.subject).toBe(`Cittadella: invito a ${org.name}`);
    expect(mail.raw).toContain('"Responsabile della sicurezza"');
    const [stored] = await t.ctx.db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(stored!.tokenHash).toBe(sha256(token));

    const list = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/invitations`, headers: session.headers });
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([invitation.id]);

    const preview = await t.app.inject({ method: "GET", url: `/api/invitations/${token}` });
    expect(preview.json()).toEqual({ orgName: org.name, email: "nuova.collega@comune.it", role: "security_manager", existingAccount: false });

    const missing = await post("/api/invitations/accept", { token, password: STRONG });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.fields[0].field).toBe("body.name");
    const weak = await post("/api/invitations/accept", { token, name: "Nuova Collega", password: "comune2024" });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.fields[0].field).toBe("body.password");
    expect(await t.ctx.db.select().from(users).where(eq(users.email, "nuova.collega@comune.it"))).toHaveLength(0);

    const accepted = await post("/api/invitations/accept", { token, name: "Nuova Collega", password: STRONG });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ orgId: org.id, accountCreated: true, signedIn: true });
    const cookie = accepted.cookies.find((c) => c.name === "cittadella_session")!;
    const me = await t.app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie: `cittadella_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({ currentOrgId: org.id, role: "security_manager", user: { email: "nuova.collega@comune.it", name: "Nuova Collega" } });

    const reused = await post("/api/invitations/accept", { token, name: "Altra Persona", password: STRONG });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.fields).toEqual([{ field: "body.token", reason: "link già usato" }]);
    expect((await t.app.inject({ method: "GET", url: `/api/invitations/${token}` })).statusCode).toBe(422);
    const actions = (await t.ctx.db.select().from(auditLog).where(eq(auditLog.orgId, org.id))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["invitation.create", "user.create", "invitation.accept", "auth.sign_in"]));
  });

  it("adds the membership to an existing account, signed in or not", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const known = await makeUser(t.ctx.db, null, "viewer", { locale: "en" });
    const first = await invite(session, org.id, known.email, "auditor");
    expect(first.mail.subject).toBe(`Cittadella: invitation to ${org.name}`);
    expect(first.mail.raw).toContain('"Auditor"');
    expect((await t.app.inject({ method: "GET", url: `/api/invitations/${first.token}` })).json().existingAccount).toBe(true);
    const notSignedIn = await post("/api/invitations/accept", { token: first.token });
    expect(notSignedIn.json()).toEqual({ orgId: org.id, accountCreated: false, signedIn: false, csrfToken: null });
    const [member] = await t.ctx.db.select().from(memberships).where(and(eq(memberships.userId, known.id), eq(memberships.orgId, org.id)));
    expect(member?.role).toBe("auditor");

    const { org: second, session: secondAdmin } = await orgWithUser(t.app, t.ctx.db, "admin");
    const knownSession = await signIn(t.app, known.email);
    const next = await invite(secondAdmin, second.id, known.email, "viewer");
    const signedIn = await post("/api/invitations/accept", { token: next.token }, knownSession);
    expect(signedIn.json()).toMatchObject({ orgId: second.id, signedIn: true, csrfToken: knownSession.csrfToken });
    const me = await t.app.inject({ method: "GET", url: "/api/auth/session", headers: knownSession.headers });
    expect(me.json()).toMatchObject({ currentOrgId: second.id, role: "viewer" });
    expect(await signIn(t.app, known.email, TEST_PASSWORD)).toBeTruthy();
  });

  it("refuses a signed-in person accepting someone else's invitation", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const { token } = await invite(session, org.id, "destinatario@example.it");
    const { session: stranger } = await orgWithUser(t.app, t.ctx.db, "viewer");
    const res = await post("/api/invitations/accept", { token, name: "Estraneo", password: STRONG }, stranger);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields[0].field).toBe("body.token");
    expect(await t.ctx.db.select().from(users).where(eq(users.email, "destinatario@example.it"))).toHaveLength(0);
  });

  it("refuses revoked, expired and replaced invitations, and inviting a member", async () => {
    const { org, user: admin, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const revoked = await invite(session, org.id, "revocato@example.it");
    const del = await t.app.inject({ method: "DELETE", url: `/api/orgs/${org.id}/invitations/${revoked.invitation.id}`, headers: session.headers });
    expect(del.statusCode).toBe(200);
    const afterRevoke = await post("/api/invitations/accept", { token: revoked.token, name: "Revocato", password: STRONG });
    expect(afterRevoke.json().error.fields).toEqual([{ field: "body.token", reason: "invito revocato" }]);

    const old = await invite(session, org.id, "scaduto@example.it");
    await t.ctx.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, old.invitation.id));
    const expired = await t.app.inject({ method: "GET", url: `/api/invitations/${old.token}`, headers: { "accept-language": "en" } });
    expect(expired.statusCode).toBe(422);
    expect(expired.json().error.fields).toEqual([{ field: "params.token", reason: "link expired: ask for a new one" }]);

    // inviting again replaces the pending invitation: only the newest link works
    const firstTry = await invite(session, org.id, "doppio@example.it");
    const secondTry = await invite(session, org.id, "doppio@example.it");
    expect((await post("/api/invitations/accept", { token: firstTry.token, name: "Doppio", password: STRONG })).statusCode).toBe(422);
    expect((await post("/api/invitations/accept", { token: secondTry.token, name: "Doppio", password: STRONG })).statusCode).toBe(200);

    const dup = await t.app.inject({ method: "POST", url: `/api/orgs/${org.id}/invitations`, headers: session.headers, payload: { email: admin.email, role: "viewer" } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields[0].field).toBe("body.email");
    const pending = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/invitations`, headers: session.headers });
    expect(pending.json().items).toEqual([]);
    const actions = (await t.ctx.db.select().from(auditLog).where(eq(auditLog.orgId, org.id))).map((r) => r.action);
    expect(actions).toContain("invitation.revoke");
  });

  it("lets only admins of the organisation invite, list and revoke", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const { invitation } = await invite(session, org.id, "solo-admin@example.it");
    const member = await makeUser(t.ctx.db, org.id, "security_manager");
    const memberSession = await signIn(t.app, member.email);
    const refused = await t.app.inject({ method: "POST", url: `/api/orgs/${org.id}/invitations`, headers: memberSession.headers, payload: { email: "x@example.it", role: "admin" } });
    expect(refused.statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/invitations`, headers: memberSession.headers })).statusCode).toBe(403);
    const { session: outsider } = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/invitations`, headers: outsider.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "DELETE", url: `/api/orgs/${org.id}/invitations/${invitation.id}`, headers: outsider.headers })).statusCode).toBe(404);
    const badRole = await t.app.inject({ method: "POST", url: `/api/orgs/${org.id}/invitations`, headers: session.headers, payload: { email: "y@example.it", role: "king", note: "x" } });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(["body.note", "body.role"]);
  });
});
