import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { makeOrganisation, signIn, type SignedIn } from "../helpers/factories.ts";
import { listRoutes, prepareRequest } from "./openapi-walk.ts";
import { snapshotRowsMentioning } from "./tenant-snapshot.ts";
import { buildTenants, type Tenants } from "./tenant-fixtures.ts";

// Provider-of and coordinator-of relationships grant what the policies say and nothing more.
// Anything a module lets a provider or coordinator do on its client must be listed in `granted`
// here, with the reason, so the grant is a decision, not an accident.

/** Routes on A that A's provider and coordinator may use, with why; everything else must be 403 or 404. */
const both = {
  "GET /api/orgs/{orgId}": "organisationPolicy: a related organisation may read the organisation record",
  "GET /api/orgs/{orgId}/assessments":
    "assessmentShelfPolicy: a provider's user lists the assessments assigned to them, a coordinator the approved ones shared upward (none here)",
};
const granted: Record<"provider" | "coordinator", Record<string, string>> = {
  provider: {
    ...both,
    "GET /api/orgs/{orgId}/frameworks": "organisationFrameworksPolicy: the provider answers the client's assessments, so it reads the frameworks they use",
    "GET /api/orgs/{orgId}/frameworks/{frameworkId}": "as above, one framework",
    "GET /api/orgs/{orgId}/actions": "actionsPolicy: the provider lists the roadmap actions it owns (none here: an empty list)",
    "GET /api/orgs/{orgId}/actions/export.xlsx": "the same actions as a spreadsheet",
    "GET /api/orgs/{orgId}/actions/report.pdf": "the same actions as a PDF",
    "GET /api/orgs/{orgId}/roadmap/summary": "counts of the actions it owns",
    "GET /api/orgs/{orgId}/risks": "risksPolicy: the provider lists the risks linked to the actions it owns (none here)",
    "POST /api/orgs/{orgId}/roadmap/calendar-feed": "a calendar feed of the due dates of the actions it owns, for the provider's own user",
  },
  coordinator: both,
};
// rows the walk may create that are the caller's own, not A's: the provider's calendar feed token
// and the audit entry that records, in A's log, that the provider made one
const callersOwnTables = ["roadmap_calendar_feeds"];
const grantedAuditActions = ["roadmap.calendar_feed_create"];
const withoutGrantedAudit = (snapshot: Record<string, string[]>) =>
  Object.fromEntries(
    Object.entries(snapshot).map(([table, rows]) => [table, rows.filter((row) => !grantedAuditActions.some((action) => row.includes(`"action":"${action}"`)))]),
  );

let t: TestApp;
let tenants: Tenants;
let provider: SignedIn;
let coordinator: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  tenants = await buildTenants(t);
  provider = await signIn(t.app, tenants.providerAdmin.email);
  coordinator = await signIn(t.app, tenants.coordinatorAdmin.email);
});
afterAll(() => t.close());

describe("relationships between organisations", () => {
  it("let the provider and the coordinator read A, read-only", async () => {
    for (const session of [provider, coordinator]) {
      const res = await t.app.inject({ method: "GET", url: `/api/orgs/${tenants.orgA.id}`, headers: session.headers });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: tenants.orgA.id, myRole: null, actions: ["read"] });
      const list = await t.app.inject({ method: "GET", url: "/api/orgs", headers: session.headers });
      expect(list.json().items.map((o: { id: string }) => o.id)).toContain(tenants.orgA.id);
    }
  });

  it("grant nothing else on A: every other route answers 403 or 404 and A's rows stay as they were", async () => {
    const before = withoutGrantedAudit(await snapshotRowsMentioning(t.ctx.db, [tenants.orgA.id, tenants.adminA.id, tenants.employeeA.id], ["sessions", "oidc_logins", "login_failures", "jobs", "outbox_events", "audit_head", ...callersOwnTables]));
    const problems: string[] = [];
    const routes = listRoutes(t.app).filter((r) => r.pathParams.includes("orgId"));
    expect(routes.length).toBeGreaterThan(3);
    for (const [who, session] of [["provider", provider], ["coordinator", coordinator]] as const) {
      for (const route of routes) {
        const request = prepareRequest(route, tenants.paramFixtures);
        const headers: Record<string, string> = { ...session.headers, ...(request.contentType ? { "content-type": request.contentType } : {}) };
        const res = await t.app.inject({ method: request.method as "GET", url: request.url, headers, ...(request.payload !== undefined ? { payload: request.payload as string } : {}) });
        const allowed = granted[who][route.key];
        if (allowed ? res.statusCode >= 300 : ![403, 404].includes(res.statusCode)) {
          problems.push(`${who}: ${route.key} answered ${res.statusCode}, expected ${allowed ? "2xx" : "403 or 404"}: ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(withoutGrantedAudit(await snapshotRowsMentioning(t.ctx.db, [tenants.orgA.id, tenants.adminA.id, tenants.employeeA.id], ["sessions", "oidc_logins", "login_failures", "jobs", "outbox_events", "audit_head", ...callersOwnTables]))).toEqual(before);
  });

  it("work in one direction only and are not transitive", async () => {
    const adminA = await signIn(t.app, tenants.adminA.email);
    // the client does not see into its provider or coordinator
    for (const other of [tenants.provider.id, tenants.coordinator.id]) {
      const res = await t.app.inject({ method: "GET", url: `/api/orgs/${other}`, headers: adminA.headers });
      expect(res.statusCode).toBe(404);
    }
    // the provider and the coordinator of the same client do not see each other
    const viaProvider = await t.app.inject({ method: "GET", url: `/api/orgs/${tenants.coordinator.id}`, headers: provider.headers });
    expect(viaProvider.statusCode).toBe(404);
    const viaCoordinator = await t.app.inject({ method: "GET", url: `/api/orgs/${tenants.provider.id}`, headers: coordinator.headers });
    expect(viaCoordinator.statusCode).toBe(404);
    // and a provider sees only its own clients
    const stranger = await makeOrganisation(t.ctx.db, { name: "Comune Non Cliente" });
    const res = await t.app.inject({ method: "GET", url: `/api/orgs/${stranger.id}`, headers: provider.headers });
    expect(res.statusCode).toBe(404);
  });

  it("end when the client removes them: access stops at once", async () => {
    const adminA = await signIn(t.app, tenants.adminA.email);
    const end = await t.app.inject({ method: "DELETE", url: `/api/relationships/${tenants.providerRelationship.id}`, headers: adminA.headers });
    expect(end.statusCode).toBe(200);
    const res = await t.app.inject({ method: "GET", url: `/api/orgs/${tenants.orgA.id}`, headers: provider.headers });
    expect(res.statusCode).toBe(404);
    // the coordinator's relationship is untouched
    const still = await t.app.inject({ method: "GET", url: `/api/orgs/${tenants.orgA.id}`, headers: coordinator.headers });
    expect(still.statusCode).toBe(200);
  });
});
