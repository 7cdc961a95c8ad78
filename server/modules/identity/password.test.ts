import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, orgWithUser, signIn, TEST_PASSWORD } from "../../../test/helpers/factories.ts";
import { startSmtpInbox, type SmtpInbox } from "../../../test/helpers/smtp-inbox.ts";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { passwordResets, sessions } from "../../platform/auth/auth.tables.ts";
import { sha256 } from "../../platform/auth/tokens.ts";
import { users } from "./identity.tables.ts";

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

const post = (url: string, payload: object, headers: Record<string, string> = {}) => t.app.inject({ method: "POST", url, payload, headers });
const actionsOf = async (userId: string) => (await t.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, userId))).map((r) => r.action);
const canSignIn = async (email: string, password: string) =>
  (await post("/api/auth/login", { email, password })).statusCode === 200;

/** Asks for a reset link and reads it from the mail the SMTP server received. */
async function resetLinkFor(email: string): Promise<{ token: string; subject: string; raw: string }> {
  const before = inbox.to(email).length;
  const res = await post("/api/auth/password-reset/request", { email });
  expect(res.statusCode).toBe(202);
  await t.drainJobs();
  const mails = inbox.to(email);
  expect(mails).toHaveLength(before + 1);
  const mail = mails.at(-1)!;
  const token = mail.raw.match(/https:\/\/cittadella\.example\.it\/password-reset\?token=([A-Za-z0-9_-]+)/)?.[1];
  expect(token).toBeTruthy();
  return { token: token!, subject: mail.subject, raw: mail.raw };
}

describe("password strength", () => {
  it("scores with the Italian dictionary and counts the person's own name against the password", async () => {
    const weak = await post("/api/auth/password-strength", { password: "cassaforte1" });
    expect(weak.statusCode).toBe(200);
    expect(weak.json()).toMatchObject({ ok: false });
    const strong = await post("/api/auth/password-strength", { password: STRONG });
    expect(strong.json()).toMatchObject({ ok: true });
    expect(strong.json().score).toBeGreaterThanOrEqual(3);
    const personal = await post("/api/auth/password-strength", { password: "Mariangela.Sforzini", name: "Mariangela Sforzini", email: "mariangela.sforzini@comune.it" });
    expect(personal.json().ok).toBe(false);
    expect(personal.json().feedback.length).toBeGreaterThan(0);
    const unknown = await post("/api/auth/password-strength", { password: STRONG, hint: "x" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].field).toBe("body.hint");
  });
});

describe("profile and password change", () => {
  it("changes name and language, with an audit entry", async () => {
    const { user, session } = await orgWithUser(t.app, t.ctx.db, "viewer");
    const res = await t.app.inject({ method: "PATCH", url: "/api/me", headers: session.headers, payload: { name: "Giulia Esposito", locale: "en" } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, name: "Giulia Esposito", locale: "en", mfaEnabled: false });
    const bad = await t.app.inject({ method: "PATCH", url: "/api/me", headers: session.headers, payload: { locale: "fr", email: "x@y.it" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(["body.email", "body.locale"]);
    const empty = await t.app.inject({ method: "PATCH", url: "/api/me", headers: session.headers, payload: {} });
    expect(empty.json()).toMatchObject({ name: "Giulia Esposito", locale: "en" });
    const [audit] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, "user.update"));
    expect(audit).toMatchObject({ entityId: user.id, after: { name: "Giulia Esposito", locale: "en" } });
  });

  it("needs the current password, refuses a weak one, and signs out the other sessions", async () => {
    const { user, session } = await orgWithUser(t.app, t.ctx.db, "viewer");
    const other = await signIn(t.app, user.email);
    const wrong = await post("/api/me/password", { currentPassword: "non-la-mia-password", newPassword: STRONG }, session.headers);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.fields).toEqual([{ field: "body.currentPassword", reason: "password errata" }]);
    const weak = await post("/api/me/password", { currentPassword: TEST_PASSWORD, newPassword: "password123" }, session.headers);
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.fields[0].field).toBe("body.newPassword");
    expect(await canSignIn(user.email, TEST_PASSWORD)).toBe(true);

    const ok = await post("/api/me/password", { currentPassword: TEST_PASSWORD, newPassword: STRONG }, session.headers);
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/session", headers: session.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/session", headers: other.headers })).statusCode).toBe(401);
    expect(await canSignIn(user.email, TEST_PASSWORD)).toBe(false);
    expect(await canSignIn(user.email, STRONG)).toBe(true);
    expect(await actionsOf(user.id)).toContain("user.password_change");
  });

  it("spends reset links mailed before the change", async () => {
    const { user, session } = await orgWithUser(t.app, t.ctx.db, "viewer");
    const { token } = await resetLinkFor(user.email);
    expect((await post("/api/me/password", { currentPassword: TEST_PASSWORD, newPassword: STRONG }, session.headers)).statusCode).toBe(200);
    const late = await post("/api/auth/password-reset/confirm", { token, password: "Un-Altra-Password-Ancora-99" });
    expect(late.json().error.fields[0]).toMatchObject({ field: "body.token" });
    expect(await canSignIn(user.email, STRONG)).toBe(true);
  });
});

describe("password reset", () => {
  it("mails a link in the user's language; the link sets the password once and signs out everywhere", async () => {
    const user = await makeUser(t.ctx.db, null, "viewer", { name: "Paolo Bianchi" });
    const session = await signIn(t.app, user.email);
    const { token, subject, raw } = await resetLinkFor(user.email);
    expect(subject).toBe("Cittadella: reimposta la password");
    expect(raw).toContain("Ciao Paolo Bianchi");
    const [stored] = await t.ctx.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(stored!.tokenHash).toBe(sha256(token));
    expect(stored!.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);

    const weak = await post("/api/auth/password-reset/confirm", { token, password: "qwerty" });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.fields[0].field).toBe("body.password");

    const ok = await post("/api/auth/password-reset/confirm", { token, password: STRONG });
    expect(ok.statusCode).toBe(200);
    expect(await t.ctx.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/session", headers: session.headers })).statusCode).toBe(401);
    expect(await canSignIn(user.email, STRONG)).toBe(true);

    const reused = await post("/api/auth/password-reset/confirm", { token, password: "Un-Altra-Password-Ancora-99" });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.fields).toEqual([{ field: "body.token", reason: "link già usato" }]);
    expect(await canSignIn(user.email, STRONG)).toBe(true);
    expect(await actionsOf(user.id)).toEqual(expect.arrayContaining(["auth.password_reset_request", "auth.password_reset"]));
  });

  it("works while sign-in is blocked by guessing, and lifts the block", async () => {
    const user = await makeUser(t.ctx.db, null, "viewer");
    for (let i = 0; i < 5; i++) expect((await post("/api/auth/login", { email: user.email, password: "tentativo-sbagliato" })).statusCode).toBe(401);
    expect((await post("/api/auth/login", { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(429);
    const { token } = await resetLinkFor(user.email);
    expect((await post("/api/auth/password-reset/confirm", { token, password: STRONG })).statusCode).toBe(200);
    expect(await canSignIn(user.email, STRONG)).toBe(true);
  });

  it("writes in English to English-speaking users", async () => {
    const user = await makeUser(t.ctx.db, null, "viewer", { locale: "en", name: "Jane Doe" });
    const { subject, raw } = await resetLinkFor(user.email);
    expect(subject).toBe("Cittadella: reset your password");
    expect(raw).toContain("Hello Jane Doe");
  });

  it("answers 202 for unknown addresses without sending anything", async () => {
    const sent = inbox.messages.length;
    const res = await post("/api/auth/password-reset/request", { email: "nessuno@example.it" });
    expect(res.statusCode).toBe(202);
    await t.drainJobs();
    expect(inbox.messages.length).toBe(sent);
    const bad = await post("/api/auth/password-reset/request", { email: "not-an-email" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe("body.email");
  });

  it("refuses unknown and expired links, naming the token", async () => {
    const unknown = await post("/api/auth/password-reset/confirm", { token: "inventato", password: STRONG }, { "accept-language": "en" });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.fields).toEqual([{ field: "body.token", reason: "invalid link" }]);

    const user = await makeUser(t.ctx.db, null, "viewer");
    const { token } = await resetLinkFor(user.email);
    await t.ctx.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.tokenHash, sha256(token)));
    const expired = await post("/api/auth/password-reset/confirm", { token, password: STRONG });
    expect(expired.statusCode).toBe(422);
    expect(expired.json().error.fields).toEqual([{ field: "body.token", reason: "link scaduto: chiedine uno nuovo" }]);
    expect(await canSignIn(user.email, TEST_PASSWORD)).toBe(true);
  });

  it("spends every open link when one is used, and limits links per hour", async () => {
    const user = await makeUser(t.ctx.db, null, "viewer");
    const first = await resetLinkFor(user.email);
    const second = await resetLinkFor(user.email);
    expect((await post("/api/auth/password-reset/confirm", { token: second.token, password: STRONG })).statusCode).toBe(200);
    expect((await post("/api/auth/password-reset/confirm", { token: first.token, password: STRONG })).statusCode).toBe(422);
    await resetLinkFor(user.email);
    const sent = inbox.to(user.email).length;
    expect((await post("/api/auth/password-reset/request", { email: user.email })).statusCode).toBe(202);
    await t.drainJobs();
    expect(inbox.to(user.email).length).toBe(sent);
    const [row] = await t.ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).not.toBeNull();
  });
});
