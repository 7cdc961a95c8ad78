import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { makeOrganisation, signIn, type SignedIn } from "../helpers/factories.ts";
import { listRoutes, prepareRequest } from "./openapi-walk.ts";
import { snapshotRowsMentioning } from "./tenant-snapshot.ts";
import { buildTenants, type Tenants } from "./tenant-fixtures.ts";

// Provider-of and coordinator-of relationships grant what the policies say and nothing more.
// Today that is: read the related organisation itself. Anything else a module lets a provider or
// coordinator do must be added to `grantedReads` here, so the grant is a decision, not an accident.

/** Routes on A that A's provider and coordinator may read, with why. */
const grantedReads: Record<string, string> = {
  "GET /api/orgs/{orgId}": "organisationPolicy: a related organisation may read the organisation record",
  "GET /api/orgs/{orgId}/assessments":
    "assessmentShelfPolicy: a provider's user lists the assessments assigned to them, a coordinator the approved ones shared upward (none here)",
};

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
    const before = await snapshotRowsMentioning(t.ctx.db, [tenants.orgA.id, tenants.adminA.id, tenants.employeeA.id], ["sessions", "oidc_logins", "login_failures", "jobs", "outbox_events", "audit_head"]);
    const problems: string[] = [];
    const routes = listRoutes(t.app).filter((r) => r.pathParams.includes("orgId"));
    expect(routes.length).toBeGreaterThan(3);
    for (const [who, session] of [["provider", provider], ["coordinator", coordinator]] as const) {
      for (const route of routes) {
        const request = prepareRequest(route, tenants.paramFixtures);
        const headers: Record<string, string> = { ...session.headers, ...(request.contentType ? { "content-type": request.contentType } : {}) };
        const res = await t.app.inject({ method: request.method as "GET", url: request.url, headers, ...(request.payload !== undefined ? { payload: request.payload as string } : {}) });
        const granted = grantedReads[route.key];
        if (granted ? res.statusCode !== 200 : ![403, 404].includes(res.statusCode)) {
          problems.push(`${who}: ${route.key} answered ${res.statusCode}, expected ${granted ? 200 : "403 or 404"}: ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshotRowsMentioning(t.ctx.db, [tenants.orgA.id, tenants.adminA.id, tenants.employeeA.id], ["sessions", "oidc_logins", "login_failures", "jobs", "outbox_events", "audit_head"])).toEqual(before);
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
