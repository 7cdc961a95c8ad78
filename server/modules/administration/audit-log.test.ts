import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser, relate, signIn } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { issueApiToken } from "../../platform/auth/api-tokens.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function renameOrg(orgId: string, headers: Record<string, string>, name: string, userAgent = "vitest") {
  const res = await t.app.inject({ method: "PATCH", url: `/api/orgs/${orgId}`, headers: { ...headers, "user-agent": userAgent }, payload: { name } });
  expect(res.statusCode).toBe(200);
}

describe("audit log browsing", () => {
  it("shows admins and auditors their organisation's entries, newest first, a page at a time", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const other = await orgWithUser(t.app, t.ctx.db, "admin");
    for (let i = 1; i <= 5; i++) await renameOrg(org.id, session.headers, `Comune Uno ${i}`);
    await renameOrg(other.org.id, other.session.headers, "Comune Altro");

    const seen: { seq: number; action: string; after: { name: string } }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/orgs/${org.id}/audit?action=organisation.update&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await t.app.inject({ method: "GET", url, headers: session.headers });
      expect(res.statusCode).toBe(200);
      const page: { items: typeof seen; nextCursor: string | null } = res.json();
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(seen.map((e) => e.after.name)).toEqual(["Comune Uno 5", "Comune Uno 4", "Comune Uno 3", "Comune Uno 2", "Comune Uno 1"]);
    const seqs = seen.map((e) => e.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);

    const auditor = await makeUser(t.ctx.db, org.id, "auditor");
    const auditorSession = await signIn(t.app, auditor.email);
    const asAuditor = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit?entityType=organisation`, headers: auditorSession.headers });
    expect(asAuditor.statusCode).toBe(200);
    expect(asAuditor.json().items).toHaveLength(5);
  });

  it("filters by action, entity type and time", async () => {
    const { org, user, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    await renameOrg(org.id, session.headers, "Comune Filtro");
    const employee = await makeUser(t.ctx.db, org.id, "employee");
    const change = await t.app.inject({ method: "PATCH", url: `/api/orgs/${org.id}/members/${employee.id}`, headers: session.headers, payload: { role: "viewer" } });
    expect(change.statusCode).toBe(200);

    const byAction = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit?action=member.role_change`, headers: session.headers });
    expect(byAction.json().items.map((e: { action: string }) => e.action)).toEqual(["member.role_change"]);
    expect(byAction.json().items[0]).toMatchObject({ actorUserId: user.id, actorLabel: user.email, entityId: employee.id, before: { role: "employee" }, after: { role: "viewer" } });

    const byType = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit?entityType=organisation`, headers: session.headers });
    expect(byType.json().items.map((e: { action: string }) => e.action)).toEqual(["organisation.update"]);

    const future = new Date(Date.now() + 60_000).toISOString();
    const past = new Date(Date.now() - 60_000).toISOString();
    const none = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit?from=${encodeURIComponent(future)}`, headers: session.headers });
    expect(none.json().items).toEqual([]);
    const all = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit?from=${encodeURIComponent(past)}&to=${encodeURIComponent(future)}`, headers: session.headers });
    // sign-in entries fall in the window too
    expect(all.json().items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["member.role_change", "organisation.update"]));
  });

  it("refuses bad filters naming the field, in the caller's language", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const reversed = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${org.id}/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
      headers: { ...session.headers, "accept-language": "en" },
    });
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().error.fields).toEqual([{ field: "query.to", reason: 'must be later than "from"' }]);
    const badDate = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit?from=yesterday`, headers: session.headers });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.fields[0].field).toBe("query.from");
    const badCursor = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit?cursor=bm90LWEtY3Vyc29y`, headers: session.headers });
    expect(badCursor.statusCode).toBe(422);
    expect(badCursor.json().error.fields[0].field).toBe("query.cursor");
    const unknown = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit?orgId=x`, headers: session.headers });
    expect(unknown.statusCode).toBe(400);
  });

  it("hides the log from other roles (403) and other organisations, providers included (404)", async () => {
    const { org } = await orgWithUser(t.app, t.ctx.db, "admin");
    const employee = await makeUser(t.ctx.db, org.id, "employee");
    const employeeSession = await signIn(t.app, employee.email);
    const forbidden = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit`, headers: employeeSession.headers });
    expect(forbidden.statusCode).toBe(403);

    const provider = await orgWithUser(t.app, t.ctx.db, "admin", { type: "it_provider" });
    await relate(t.ctx.db, "provider_of", provider.org.id, org.id);
    for (const url of [`/api/orgs/${org.id}/audit`, `/api/orgs/${org.id}/audit/export?format=json`]) {
      const hidden = await t.app.inject({ method: "GET", url, headers: provider.session.headers });
      expect(hidden.statusCode).toBe(404);
    }
    const anonymous = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit` });
    expect(anonymous.statusCode).toBe(401);
  });

  it("lets an API token with audit:read browse, and refuses one without it", async () => {
    const { org, user } = await orgWithUser(t.app, t.ctx.db, "admin");
    const good = await issueApiToken(t.ctx.db, { userId: user.id, orgId: org.id, name: "siem", scopes: ["audit:read"], expiresAt: null });
    const bad = await issueApiToken(t.ctx.db, { userId: user.id, orgId: org.id, name: "other", scopes: ["identity:read"], expiresAt: null });
    const ok = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit`, headers: { authorization: `Bearer ${good.token}` } });
    expect(ok.statusCode).toBe(200);
    const refused = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit`, headers: { authorization: `Bearer ${bad.token}` } });
    expect(refused.statusCode).toBe(403);
  });
});

describe("audit log export", () => {
  it("streams CSV with every cell quoted and formulas disarmed, and records the export", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    await renameOrg(org.id, session.headers, "Comune \"Virgolette\", Sì", "=HYPERLINK(\"http://evil\")");
    await renameOrg(org.id, session.headers, "Comune Due", "@SUM(1+1)");
    const res = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit/export?format=csv&action=organisation.update`, headers: session.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(new RegExp(`^attachment; filename="audit-${org.id}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const body = res.body;
    expect(body.startsWith("\uFEFF\"seq\",\"at\",")).toBe(true);
    const lines = body.trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[2]).toContain(`"'@SUM(1+1)"`);
    expect(lines[1]).toContain(`""name"":""Comune \\""Virgolette\\"", Sì""`);
    expect(body).not.toMatch(/(^|,)"[=+\-@]/m);

    const recorded = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "audit.export")));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.after).toMatchObject({ format: "csv" });
  });

  it("streams JSON oldest first, filtered", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    await renameOrg(org.id, session.headers, "Primo nome");
    await renameOrg(org.id, session.headers, "Secondo nome");
    const res = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit/export?format=json&action=organisation.update`, headers: session.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    const entries = res.json() as { seq: number; after: { name: string }; hash: string }[];
    expect(entries.map((e) => e.after.name)).toEqual(["Primo nome", "Secondo nome"]);
    expect(entries[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses an unknown format naming the field", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const res = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/audit/export?format=xlsx`, headers: session.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe("query.format");
  });
});
