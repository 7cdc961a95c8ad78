import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeApiToken, makeOrganisation, makeUser, orgWithUser, signIn, TEST_PASSWORD, type SignedIn } from "../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { recoveryCodes } from "../../platform/auth/auth.tables.ts";
import { currentTotp } from "../../platform/auth/totp.ts";
import { users } from "./identity.tables.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (url: string, s: SignedIn | null, payload?: object) =>
  t.app.inject({ method: "POST", url, headers: s?.headers ?? {}, ...(payload ? { payload } : {}) });
const get = (url: string, s: SignedIn) => t.app.inject({ method: "GET", url, headers: s.headers });

async function enrol(session: SignedIn) {
  const setup = await post("/api/me/mfa/setup", session);
  expect(setup.statusCode).toBe(200);
  const { secret } = setup.json() as { secret: string };
  const enable = await post("/api/me/mfa/enable", session, { code: currentTotp(secret) });
  expect(enable.statusCode).toBe(200);
  await letNextCodeStepPass(session);
  return { secret, recoveryCodes: (enable.json() as { recoveryCodes: string[] }).recoveryCodes };
}

/** A code is accepted once; the tests' next code would be the same one, so move on 30 seconds. */
async function letNextCodeStepPass(session: SignedIn) {
  const userId = (await get("/api/auth/session", session)).json().user.id as string;
  await t.ctx.db.update(users).set({ totpLastStep: null }).where(eq(users.id, userId));
}

const actionsOf = async (userId: string) =>
  (await t.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, userId))).map((r) => r.action);

describe("two-step verification", () => {
  it("sets up with a sealed secret, refuses a wrong first code, and shows recovery codes once", async () => {
    const { user, session } = await orgWithUser(t.app, t.ctx.db, "employee");
    const setup = await post("/api/me/mfa/setup", session);
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Cittadella:.+secret=/);
    const [stored] = await t.ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(stored!.totpSecret).toMatch(/^v1\./);
    expect(stored!.totpSecret).not.toContain(secret);

    const wrong = await post("/api/me/mfa/enable", session, { code: "000000" === currentTotp(secret) ? "111111" : "000000" });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.fields).toEqual([{ field: "body.code", reason: "codice errato o scaduto" }]);
    expect((await t.ctx.db.select().from(users).where(eq(users.id, user.id)))[0]!.totpEnabledAt).toBeNull();

    const enable = await post("/api/me/mfa/enable", session, { code: currentTotp(secret) });
    expect(enable.statusCode).toBe(200);
    const codes: string[] = enable.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const hashes = await t.ctx.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(hashes).toHaveLength(10);
    expect(hashes.some((h) => codes.some((c) => h.codeHash.includes(c.replace("-", ""))))).toBe(false);

    // the enabling session proved the code, so it carries on without a second prompt
    const info = await get("/api/auth/session", session);
    expect(info.json()).toMatchObject({ pending: null, user: { mfaEnabled: true } });
    expect((await post("/api/me/mfa/enable", session, { code: currentTotp(secret) })).statusCode).toBe(409);
    expect(await actionsOf(user.id)).toEqual(expect.arrayContaining(["mfa.setup_start", "mfa.enable"]));
  });

  it("asks for the code at sign-in and lets nothing else through until it is given", async () => {
    const { user, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const { secret } = await enrol(session);
    const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: user.email, password: TEST_PASSWORD } });
    expect(login.json().mfaRequired).toBe(true);
    const pending = await signIn(t.app, user.email);
    expect((await get("/api/auth/session", pending)).json().pending).toBe("mfa_required");
    const blocked = await get("/api/orgs", pending);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe("mfa_required");
    // a stolen password must not be enough to replace the authenticator
    expect((await post("/api/me/mfa/setup", pending)).statusCode).toBe(403);

    const wrong = await post("/api/auth/mfa/verify", pending, { code: "12345" });
    expect(wrong.statusCode).toBe(400);
    const bad = await post("/api/auth/mfa/verify", pending, { code: "123456" === currentTotp(secret) ? "654321" : "123456" });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields[0].field).toBe("body.code");

    const ok = await post("/api/auth/mfa/verify", pending, { code: currentTotp(secret) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true, recoveryCodesLeft: 10 });
    expect((await get("/api/orgs", pending)).statusCode).toBe(200);
    expect(await actionsOf(user.id)).toEqual(expect.arrayContaining(["auth.password_ok_mfa_pending", "auth.mfa_failed", "auth.sign_in"]));
  });

  it("accepts each recovery code once", async () => {
    const { user, session } = await orgWithUser(t.app, t.ctx.db, "viewer");
    const { recoveryCodes: codes } = await enrol(session);
    const first = await signIn(t.app, user.email);
    const used = await post("/api/auth/mfa/verify", first, { code: codes[0]!.toUpperCase() });
    expect(used.statusCode).toBe(200);
    expect(used.json().recoveryCodesLeft).toBe(9);
    const second = await signIn(t.app, user.email);
    const again = await post("/api/auth/mfa/verify", second, { code: codes[0]! });
    expect(again.statusCode).toBe(422);
    expect((await get("/api/orgs", second)).statusCode).toBe(403);
    expect((await post("/api/auth/mfa/verify", second, { code: codes[1]! })).statusCode).toBe(200);
  });

  it("accepts each code once: a replayed code is refused", async () => {
    const { user, session } = await orgWithUser(t.app, t.ctx.db, "viewer");
    const { secret } = await enrol(session);
    const code = currentTotp(secret);
    expect((await post("/api/auth/mfa/verify", await signIn(t.app, user.email), { code })).statusCode).toBe(200);
    const replay = await post("/api/auth/mfa/verify", await signIn(t.app, user.email), { code });
    expect(replay.statusCode).toBe(422);
    expect(replay.json().error.fields[0].field).toBe("body.code");
  });

  it("throttles guessing: after five wrong codes even the right one waits", async () => {
    const { user, session } = await orgWithUser(t.app, t.ctx.db, "viewer");
    const { secret } = await enrol(session);
    const pending = await signIn(t.app, user.email);
    const wrongCode = currentTotp(secret) === "999999" ? "999998" : "999999";
    for (let i = 0; i < 5; i++) expect((await post("/api/auth/mfa/verify", pending, { code: wrongCode })).statusCode).toBe(422);
    const blocked = await post("/api/auth/mfa/verify", pending, { code: currentTotp(secret) });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers["retry-after"]).toBe("900");
    expect((await get("/api/orgs", pending)).statusCode).toBe(403);
  });

  it("turns off only with the password and a current code", async () => {
    const { user, session } = await orgWithUser(t.app, t.ctx.db, "viewer");
    const { secret } = await enrol(session);
    const badPassword = await post("/api/me/mfa/disable", session, { password: "sbagliata-del-tutto", code: currentTotp(secret) });
    expect(badPassword.statusCode).toBe(422);
    expect(badPassword.json().error.fields[0].field).toBe("body.password");
    const badCode = await post("/api/me/mfa/disable", session, { password: TEST_PASSWORD, code: currentTotp(secret) === "000001" ? "000002" : "000001" });
    expect(badCode.statusCode).toBe(422);
    expect(badCode.json().error.fields[0].field).toBe("body.code");
    const unknown = await post("/api/me/mfa/disable", session, { password: TEST_PASSWORD, code: currentTotp(secret), force: true });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].field).toBe("body.force");
    expect((await t.ctx.db.select().from(users).where(eq(users.id, user.id)))[0]!.totpEnabledAt).not.toBeNull();

    const ok = await post("/api/me/mfa/disable", session, { password: TEST_PASSWORD, code: currentTotp(secret) });
    expect(ok.statusCode).toBe(200);
    const [row] = await t.ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(await t.ctx.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toHaveLength(0);
    const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: user.email, password: TEST_PASSWORD } });
    expect(login.json().mfaRequired).toBe(false);
    expect(await actionsOf(user.id)).toContain("mfa.disable");
  });

  it("regenerates recovery codes with the password; the old ones stop working", async () => {
    const { user, session } = await orgWithUser(t.app, t.ctx.db, "viewer");
    const { recoveryCodes: old } = await enrol(session);
    expect((await post("/api/me/mfa/recovery-codes", session, { password: "non-e-lei-1234" })).statusCode).toBe(422);
    const res = await post("/api/me/mfa/recovery-codes", session, { password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const fresh: string[] = res.json().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(old[0]);
    const pending = await signIn(t.app, user.email);
    expect((await post("/api/auth/mfa/verify", pending, { code: old[0]! })).statusCode).toBe(422);
    expect((await post("/api/auth/mfa/verify", pending, { code: fresh[0]! })).statusCode).toBe(200);
    expect(await actionsOf(user.id)).toContain("mfa.recovery_codes_regenerate");
  });

  it("makes admins enrol when the organisation requires it, and only admins", async () => {
    const org = await makeOrganisation(t.ctx.db, { requireAdminMfa: true });
    const admin = await makeUser(t.ctx.db, org.id, "admin");
    const employee = await makeUser(t.ctx.db, org.id, "employee");
    const session = await signIn(t.app, admin.email);
    expect((await get("/api/auth/session", session)).json().pending).toBe("mfa_enrolment_required");
    const blocked = await get(`/api/orgs/${org.id}`, session);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe("mfa_enrolment_required");
    // enrolling is allowed while blocked; changing the password is not
    expect((await post("/api/me/password", session, { currentPassword: TEST_PASSWORD, newPassword: "Gabbiano-Traghetto-Ischia-77" })).statusCode).toBe(403);
    const { secret } = await enrol(session);
    expect((await get(`/api/orgs/${org.id}`, session)).statusCode).toBe(200);
    // from now on a sign-in asks for the code
    const next = await signIn(t.app, admin.email);
    expect((await get("/api/auth/session", next)).json().pending).toBe("mfa_required");
    expect((await post("/api/auth/mfa/verify", next, { code: currentTotp(secret) })).statusCode).toBe(200);
    expect((await get(`/api/orgs/${org.id}`, next)).statusCode).toBe(200);

    const employeeSession = await signIn(t.app, employee.email);
    expect((await get("/api/auth/session", employeeSession)).json().pending).toBeNull();
    expect((await get(`/api/orgs/${org.id}`, employeeSession)).statusCode).toBe(200);
  });

  it("refuses API tokens on the MFA routes", async () => {
    const { user, org } = await orgWithUser(t.app, t.ctx.db, "admin");
    const { token } = await makeApiToken(t.ctx.db, user.id, org.id, ["identity:write"]);
    const res = await t.app.inject({ method: "POST", url: "/api/me/mfa/setup", headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.fields).toEqual([{ field: "headers.authorization", reason: expect.any(String) }]);
    expect(await t.ctx.db.select().from(users).where(and(eq(users.id, user.id)))).toMatchObject([{ totpSecret: null }]);
  });
});
