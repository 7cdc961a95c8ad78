import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeApiToken } from "../../../test/helpers/factories.ts";
import { intelCommunities, intelCommunityMembers } from "./intel.tables.ts";
import { buildIntelWorld, type IntelWorld } from "./intel-world.test-helper.ts";

let t: TestApp;
let world: IntelWorld;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildIntelWorld(t);
});
afterAll(() => t.close());

const communityCount = async () => (await t.ctx.db.select({ n: count() }).from(intelCommunities))[0]!.n;

describe("communities", () => {
  it("are set up by the admin of a coordinating body, who becomes member and moderator", async () => {
    const before = await communityCount();
    const byComune = await t.app.inject({ method: "POST", url: "/api/intel/communities", headers: world.nonMember.session.headers, payload: { name: "Gruppo" } });
    expect(byComune.statusCode).toBe(403);
    expect(await communityCount()).toBe(before);
    const byRegione = await t.app.inject({ method: "POST", url: "/api/intel/communities", headers: world.regione.session.headers, payload: { name: "Sanità regionale", memberOrgIds: [world.recipient.org.id] } });
    expect(byRegione.statusCode, byRegione.body).toBe(201);
    expect(byRegione.json()).toMatchObject({ name: "Sanità regionale", moderators: [{ userId: world.regione.user.id }], actions: ["read", "manage"] });
    expect(byRegione.json().members.map((m: { orgId: string }) => m.orgId).sort()).toEqual([world.regione.org.id, world.recipient.org.id].sort());
  });

  it("are seen by their members only; moderators manage them, members may not", async () => {
    const id = world.community.id;
    expect((await t.app.inject({ method: "GET", url: `/api/intel/communities/${id}`, headers: world.nonMember.session.headers })).statusCode).toBe(404);
    const asMember = await t.app.inject({ method: "GET", url: `/api/intel/communities/${id}`, headers: world.member.session.headers });
    expect(asMember.statusCode).toBe(200);
    expect(asMember.json().actions).toEqual(["read"]);
    const listed = await t.app.inject({ method: "GET", url: "/api/intel/communities", headers: world.member.session.headers });
    expect(listed.json().items.map((c: { id: string }) => c.id)).toEqual([id]);

    const add = { memberOrgIds: [world.regione.org.id, world.author.org.id, world.member.org.id, world.nonMember.org.id] };
    const byMember = await t.app.inject({ method: "PATCH", url: `/api/intel/communities/${id}`, headers: world.member.session.headers, payload: add });
    expect(byMember.statusCode).toBe(403);
    const byModerator = await t.app.inject({ method: "PATCH", url: `/api/intel/communities/${id}`, headers: world.regione.session.headers, payload: add });
    expect(byModerator.statusCode, byModerator.body).toBe(200);
    // dropping the moderator's own organisation would leave the community unmanaged from inside
    const orphan = await t.app.inject({ method: "PATCH", url: `/api/intel/communities/${id}`, headers: world.regione.session.headers, payload: { memberOrgIds: [world.author.org.id] } });
    expect(orphan.statusCode).toBe(422);
    expect((await t.app.inject({ method: "GET", url: `/api/intel/communities/${id}`, headers: world.nonMember.session.headers })).statusCode).toBe(200);
  });

  it("refuse a moderator from outside the community and an unknown organisation, changing nothing", async () => {
    const id = world.community.id;
    const before = await t.ctx.db.select().from(intelCommunityMembers).where(eq(intelCommunityMembers.communityId, id));
    const outsider = await t.app.inject({ method: "PATCH", url: `/api/intel/communities/${id}`, headers: world.regione.session.headers, payload: { moderatorIds: [world.provider.user.id] } });
    expect(outsider.statusCode).toBe(422);
    expect(outsider.json().error.fields[0].field).toBe("body.moderatorIds");
    const unknown = await t.app.inject({ method: "PATCH", url: `/api/intel/communities/${id}`, headers: world.regione.session.headers, payload: { memberOrgIds: ["00000000-0000-4000-8000-000000000000"] } });
    expect(unknown.statusCode).toBe(422);
    expect(await t.ctx.db.select().from(intelCommunityMembers).where(eq(intelCommunityMembers.communityId, id))).toEqual(before);
  });

  it("an API token needs the intel scope", async () => {
    const identityOnly = await makeApiToken(t.ctx.db, world.member.user.id, world.member.org.id, ["identity:read"]);
    const refused = await t.app.inject({ method: "GET", url: `/api/intel/communities/${world.community.id}`, headers: { authorization: `Bearer ${identityOnly.token}` } });
    expect(refused.statusCode).toBe(403);
    const reader = await makeApiToken(t.ctx.db, world.member.user.id, world.member.org.id, ["intel:read"]);
    const read = await t.app.inject({ method: "GET", url: "/api/intel/items", headers: { authorization: `Bearer ${reader.token}` } });
    expect(read.statusCode).toBe(200);
    const write = await t.app.inject({ method: "POST", url: "/api/intel/advisories", headers: { authorization: `Bearer ${reader.token}` }, payload: { sharing: { tlp: "clear" }, title: "x", summary: "x", severity: "low" } });
    expect(write.statusCode).toBe(403);
  });
});
