import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser, signIn } from "../../../test/helpers/factories.ts";
import { issueApiToken } from "../../platform/auth/api-tokens.ts";
import { queueMail } from "../../platform/mail/mailer.ts";

// No SMTP_URL: mail is kept in the outbox, which is what admins read here.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const invitation = (orgId: string | null, to: string, link: string) =>
  queueMail(t.ctx.db, { to, template: "invitation", locale: "it", orgId, params: { inviter: "Anna", orgName: "Comune", role: "Lettore", link } });

describe("mail outbox", () => {
  it("shows admins the mail kept for their organisation, body included, newest first", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const other = await orgWithUser(t.app, t.ctx.db, "admin");
    await invitation(org.id, "primo@example.it", "http://localhost:3000/invitations/primo-token");
    await invitation(org.id, "secondo@example.it", "http://localhost:3000/invitations/secondo-token");
    await invitation(other.org.id, "altro@example.it", "http://localhost:3000/invitations/altro-token");
    await queueMail(t.ctx.db, { to: "reset@example.it", template: "password_reset", locale: "it", orgId: null, params: { name: "X", link: "http://x/reset" } });
    await t.drainJobs();

    const first = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/mail?limit=1`, headers: session.headers });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(1);
    expect(page1.items[0]).toMatchObject({ to: "secondo@example.it", status: "kept", template: "invitation", subject: "Cittadella: invito a Comune" });
    expect(page1.items[0].text).toContain("http://localhost:3000/invitations/secondo-token");
    const second = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/mail?limit=1&cursor=${page1.nextCursor}`, headers: session.headers });
    const page2 = second.json();
    expect(page2.items.map((m: { to: string }) => m.to)).toEqual(["primo@example.it"]);
    expect(page2.nextCursor).toBeNull();

    const kept = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/mail?status=sent`, headers: session.headers });
    expect(kept.json().items).toEqual([]);
  });

  it("is for admins only: other roles 403, other organisations 404, API tokens refused", async () => {
    const { org, user } = await orgWithUser(t.app, t.ctx.db, "admin");
    const auditor = await makeUser(t.ctx.db, org.id, "auditor");
    const auditorSession = await signIn(t.app, auditor.email);
    const asAuditor = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/mail`, headers: auditorSession.headers });
    expect(asAuditor.statusCode).toBe(403);

    const stranger = await orgWithUser(t.app, t.ctx.db, "admin");
    const hidden = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/mail`, headers: stranger.session.headers });
    expect(hidden.statusCode).toBe(404);

    // mail bodies hold invitation links: no token scope reaches them
    const token = await issueApiToken(t.ctx.db, { userId: user.id, orgId: org.id, name: "t", scopes: ["audit:read", "identity:write", "files:write"], expiresAt: null });
    const viaToken = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/mail`, headers: { authorization: `Bearer ${token.token}` } });
    expect(viaToken.statusCode).toBe(403);
  });

  it("refuses a tampered cursor naming the field", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const cursor = Buffer.from(JSON.stringify(["2026-01-01T00:00:00.000Z", "'; drop table users; --"])).toString("base64url");
    const res = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/mail?cursor=${cursor}`, headers: session.headers });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields[0].field).toBe("query.cursor");
  });
});
