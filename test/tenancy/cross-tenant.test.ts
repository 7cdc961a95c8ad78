import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { makeApiToken, signIn, type SignedIn } from "../helpers/factories.ts";
import { listRoutes, prepareRequest, type ApiRoute } from "./openapi-walk.ts";
import { declaredTables, snapshotRowsMentioning } from "./tenant-snapshot.ts";
import { buildTenants, type Tenants } from "./tenant-fixtures.ts";

// The tenancy proof of issue 2: the admin of organisation B calls EVERY route of the OpenAPI
// document with the ids of organisation A's records, and must see and change nothing of A.

/**
 * Routes that are about the caller, not about a record of an organisation, each with the reason.
 * They are still called (with A's ids wherever the body takes one), and still may not leak or
 * change anything of A; `refuses` says the call must be refused because its body names A.
 */
const aboutTheCaller: Record<string, { reason: string; refuses?: boolean; contactsIdp?: boolean }> = {
  "GET /api/health": { reason: "public liveness probe" },
  "GET /api/orgs": { reason: "lists the caller's own and related organisations" },
  "POST /api/orgs": { reason: "registers a new organisation with the caller as admin" },
  "POST /api/auth/switch-organisation": { reason: "acts for one of the caller's organisations", refuses: true },
  "GET /api/auth/sso/{providerId}/start": {
    reason: "public by design: anyone may start a sign-in with any provider; the identity provider authenticates, and the reply is only a redirect to it",
    // A's provider points at a closed local port, so the server answers that it cannot reach it
    contactsIdp: true,
  },
  "GET /api/frameworks": { reason: "the frameworks of the caller's own organisation (shipped, in its wording, and its own)" },
  "GET /api/frameworks/template.xlsx": { reason: "the empty framework template, the same for everyone" },
  "GET /api/frameworks/template.csv": { reason: "the empty framework template, the same for everyone" },
  "GET /api/threats": { reason: "the shipped threat catalog, the same for every organisation" },
  "GET /api/invitations/{token}": { reason: "looked up by the secret mailed to the invitee; the walk passes A's invitation id, not its secret", refuses: true },
  "GET /api/intel/communities": { reason: "the communities of the caller's own organisation" },
  "POST /api/intel/communities": { reason: "sets up a community with the caller's organisation as member (coordinating bodies only)" },
  "GET /api/intel/items": { reason: "the shared items TLP lets the caller see" },
  "POST /api/intel/lookup": { reason: "looks the caller's observables up among the indicators TLP lets the caller see" },
  "POST /api/intel/advisories": { reason: "publishes an advisory of the caller's organisation" },
  "POST /api/intel/indicators": { reason: "publishes indicators of the caller's organisation" },
  "POST /api/intel/experience-reports": { reason: "publishes an experience report of the caller's organisation" },
  "POST /api/intel/scan": { reason: "scans the caller's own text for personal data; nothing is stored" },
  "GET /api/intel/stix/bundle": { reason: "a STIX bundle of the shared items TLP lets the caller see" },
  "POST /api/intel/stix/import": { reason: "imports a STIX bundle as items of the caller's organisation" },
  "POST /api/intel/stix/import/file": { reason: "imports a STIX bundle file as items of the caller's organisation" },
  "GET /api/public/intel/items": { reason: "public TLP:CLEAR items, the same for everyone" },
  "GET /api/public/intel/feed.atom": { reason: "public Atom feed of TLP:CLEAR items, the same for everyone" },
  "GET /api/academy/paths": { reason: "public learning paths and those of the caller's own organisation" },
  "GET /api/academy/statements": { reason: "the caller's own xAPI statements, or (managers) those of the caller's own organisation" },
  "GET /api/academy/my/certificates": { reason: "the caller's own certificates" },
  "GET /api/academy/authoring/paths": { reason: "the paths the caller writes: platform-wide ones (academy editors) and its own organisation's" },
  "POST /api/academy/authoring/paths": { reason: "creates a draft of the caller's own organisation (or the platform's, editors only); copyFrom of A's path is refused", refuses: true },
  "POST /api/academy/authoring/import": { reason: "imports a package as a draft of the caller's own organisation" },
  "GET /api/academy/scorm": { reason: "SCORM packages of the platform and of the caller's own organisation" },
  "POST /api/academy/scorm": { reason: "uploads a SCORM package of the caller's own organisation" },
  "GET /api/academy/my-assignments": { reason: "the paths the caller's own organisation assigned the caller" },
  "GET /api/academy/certificates/{code}": {
    reason: "public check by the code printed on a certificate; the walk passes A's certificate id, not its code",
    refuses: true,
  },
};
/** Prefixes of routes that act on the caller's own account or on signing in. */
const callerPrefixes: { prefix: RegExp; reason: string }[] = [
  { prefix: /^\/api\/auth\//, reason: "signing in and the caller's own sessions" },
  { prefix: /^\/api\/me(\/|$)/, reason: "the caller's own profile, password, MFA and tokens" },
  { prefix: /^\/api\/invitations\/accept$/, reason: "accepting an invitation by its mailed secret" },
];

/** Routes where A's record is visible to B but the action forbidden (403 instead of 404), with why. */
const visibleButForbidden: Record<string, string> = {};

// Starting a single sign-on with A's provider (public by design, above) records the login in
// flight with A's provider id; that row is the caller's attempt, not A's data.
const volatileTables = ["oidc_logins"];

function exemption(route: ApiRoute): { reason: string; refuses?: boolean; contactsIdp?: boolean } | null {
  const exact = aboutTheCaller[route.key];
  if (exact) return exact;
  // a path parameter under /api/me names a record (e.g. a token): it is walked like any other
  if (route.pathParams.length > 0) return null;
  const byPrefix = callerPrefixes.find((p) => p.prefix.test(route.path));
  return byPrefix ? { reason: byPrefix.reason } : null;
}

let t: TestApp;
let tenants: Tenants;
let b: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  tenants = await buildTenants(t);
  b = tenants.b.session;
});
afterAll(() => t.close());

async function send(route: ApiRoute, params: Record<string, string>, session: SignedIn) {
  const request = prepareRequest(route, params);
  const headers: Record<string, string> = { ...session.headers };
  if (request.contentType) headers["content-type"] = request.contentType;
  const res = await t.app.inject({
    method: request.method as "GET",
    url: request.url,
    headers,
    ...(request.payload !== undefined ? { payload: request.payload as string } : {}),
  });
  return { res, url: request.url };
}

/** Some caller routes end B's session (logout, revoke-all): sign in again when that happens. */
async function keepSignedIn() {
  const probe = await t.app.inject({ method: "GET", url: "/api/auth/session", headers: b.headers });
  if (probe.statusCode !== 200) b = await signIn(t.app, tenants.b.user.email);
}

function leaks(text: string): string[] {
  return tenants.secrets.filter((secret) => secret && text.includes(secret));
}

describe("another organisation's admin walks every route with A's ids", () => {
  it("has a fixture for every path parameter and a reason for every route about the caller", () => {
    const routes = listRoutes(t.app);
    // the walk is only a proof if it walks the real API
    expect(routes.map((r) => r.key)).toEqual(expect.arrayContaining(["GET /api/orgs/{orgId}/members", "PATCH /api/orgs/{orgId}", "DELETE /api/relationships/{relationshipId}"]));
    const problems: string[] = [];
    for (const route of routes) {
      for (const param of route.pathParams) {
        if (!(param in tenants.paramFixtures)) {
          problems.push(`${route.key}: no fixture for path parameter "${param}"; add a record of org A for it in test/tenancy/tenant-fixtures.ts (paramFixtures)`);
        }
      }
      if (route.pathParams.length === 0 && !exemption(route)) {
        problems.push(`${route.key}: takes no record id; add it to aboutTheCaller in test/tenancy/cross-tenant.test.ts with the reason it is about the caller`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("never answers 2xx on A's records, never shows A's data, and changes none of A's rows", async () => {
    const tables = declaredTables();
    const before = await snapshotRowsMentioning(t.ctx.db, tenants.snapshotIds, volatileTables);
    // the snapshot must hold A's records of every kind, or comparing it proves nothing
    for (const table of ["organisations", "users", "memberships", "organisation_relationships", "invitations", "api_tokens", "oidc_providers", "stored_files", "audit_log", "mail_messages"]) {
      expect(tables).toContain(table);
      expect(before[table]?.length, `rows of A in ${table}`).toBeGreaterThan(0);
    }

    const problems: string[] = [];
    const routes = listRoutes(t.app);
    let walked = 0;
    for (const route of routes) {
      const exempt = exemption(route);
      // pass 1: every id is A's. Pass 2: B's own organisation with A's other records in it.
      const passes: Record<string, string>[] = [tenants.paramFixtures];
      if (route.pathParams.includes("orgId") && route.pathParams.length > 1) passes.push({ ...tenants.paramFixtures, orgId: tenants.b.org.id });
      for (const params of passes) {
        const { res, url } = await send(route, params, b);
        walked++;
        const where = `${route.method} ${url} (${route.key})`;
        const found = leaks(res.body);
        if (found.length) problems.push(`${where}: reply shows A's data ${JSON.stringify(found)}: ${res.body.slice(0, 300)}`);
        if (!exempt || exempt.refuses) {
          const allowed = exempt ? [400, 401, 403, 404, 409, 410, 422] : visibleButForbidden[route.key] ? [403] : [404];
          if (!allowed.includes(res.statusCode)) {
            const hint = res.statusCode === 400 || res.statusCode === 422 ? " (the sample body was refused before the policy spoke: give prepareRequest a better one)" : "";
            problems.push(`${where}: answered ${res.statusCode}, expected ${allowed.join(" or ")}${hint}: ${res.body.slice(0, 300)}`);
          }
        } else if (res.statusCode >= 500 && !(exempt.contactsIdp && res.statusCode === 502)) {
          problems.push(`${where}: answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
        }
        if (!exempt && res.statusCode < 400 && res.headers.location && leaks(String(res.headers.location)).length) {
          problems.push(`${where}: redirect shows A's data: ${res.headers.location}`);
        }
        await keepSignedIn();
      }
    }
    expect(problems).toEqual([]);
    expect(walked).toBeGreaterThanOrEqual(routes.length);

    const after = await snapshotRowsMentioning(t.ctx.db, tenants.snapshotIds, volatileTables);
    expect(after).toEqual(before);
    // the uploaded bytes are where they were
    const bytes = await t.ctx.fileStore.get(tenants.file.storageKey);
    expect(bytes.toString("utf8")).toContain("Documento riservato Alfa");
  });

  it("cannot switch its session into A", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/auth/switch-organisation", headers: b.headers, payload: { orgId: tenants.orgA.id } });
    expect([403, 404, 422]).toContain(res.statusCode);
    const session = await t.app.inject({ method: "GET", url: "/api/auth/session", headers: b.headers });
    expect(session.json().currentOrgId).toBe(tenants.b.org.id);
  });

  it("cannot reach A with B's own API token either", async () => {
    const own = await makeApiToken(t.ctx.db, tenants.b.user.id, tenants.b.org.id, ["identity:read", "identity:write"]);
    const auth = { authorization: `Bearer ${own.token}` };
    const read = await t.app.inject({ method: "GET", url: `/api/orgs/${tenants.orgA.id}/members`, headers: auth });
    expect(read.statusCode).toBe(404);
    const write = await t.app.inject({ method: "PATCH", url: `/api/orgs/${tenants.orgA.id}`, headers: auth, payload: { name: "Presa" } });
    expect(write.statusCode).toBe(404);
    expect(leaks(read.body + write.body)).toEqual([]);
  });
});
