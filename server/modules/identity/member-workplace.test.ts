import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser, signIn } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { memberships } from "./identity.tables.ts";

// Where a member works (office, management body): set by the organisation's admins, shown in the
// members list, used by the academy's assignments and training report.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("a member's workplace", () => {
  it("is set by an admin, listed with the member and audited", async () => {
    const { org, user: admin, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const employee = await makeUser(t.ctx.db, org.id, "employee");
    const url = `/api/orgs/${org.id}/members/${employee.id}/workplace`;
    const res = await t.app.inject({ method: "PUT", url, headers: session.headers, payload: { office: "  Ufficio Anagrafe ", managementBody: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ userId: employee.id, office: "Ufficio Anagrafe", managementBody: true });
    const list = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/members`, headers: session.headers });
    const listed = list.json().items.find((m: { userId: string }) => m.userId === employee.id);
    expect(listed).toMatchObject({ office: "Ufficio Anagrafe", managementBody: true });
    expect(listed.actions).toContain("setWorkplace");
    const [audit] = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, "member.workplace_change"), eq(auditLog.entityId, employee.id)));
    expect(audit).toMatchObject({ before: { office: null, managementBody: false }, after: { office: "Ufficio Anagrafe", managementBody: true } });

    // an admin's own row too; a blank office clears it
    const own = await t.app.inject({ method: "PUT", url: `/api/orgs/${org.id}/members/${admin.id}/workplace`, headers: session.headers, payload: { office: "   ", managementBody: false } });
    expect(own.json()).toEqual({ userId: admin.id, office: null, managementBody: false });
  });

  it("refuses anyone but the organisation's admins and bad input, changing nothing", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const employee = await makeUser(t.ctx.db, org.id, "employee");
    const manager = await makeUser(t.ctx.db, org.id, "security_manager");
    const url = `/api/orgs/${org.id}/members/${employee.id}/workplace`;
    const payload = { office: "Ragioneria", managementBody: false };
    expect((await t.app.inject({ method: "PUT", url, headers: (await signIn(t.app, manager.email)).headers, payload })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "PUT", url, headers: (await signIn(t.app, employee.email)).headers, payload })).statusCode).toBe(403);
    const outsider = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await t.app.inject({ method: "PUT", url, headers: outsider.session.headers, payload })).statusCode).toBe(404);
    const missing = await t.app.inject({ method: "PUT", url, headers: session.headers, payload: { office: "Ragioneria" } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].field).toBe("body.managementBody");
    const long = await t.app.inject({ method: "PUT", url, headers: session.headers, payload: { office: "x".repeat(121), managementBody: false } });
    expect(long.json().error.fields[0].field).toBe("body.office");
    const [row] = await t.ctx.db.select().from(memberships).where(and(eq(memberships.userId, employee.id), eq(memberships.orgId, org.id)));
    expect(row).toMatchObject({ office: null, managementBody: false });
  });
});
