import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeApiToken, makeUser, TEST_PASSWORD } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { intelCommunityMembers } from "../intel.tables.ts";
import { buildIntelWorld, sharingFor, type IntelWorld } from "../intel-world.test-helper.ts";
import { readExample, referenceSchemaErrors } from "../stix/reference-schemas.test-helper.ts";
import { PUBLIC_COLLECTION_ID } from "./collections.ts";

// The TAXII 2.1 server through HTTP: discovery, collections per membership, paging, filters,
// POST with status, DELETE, media types, and TLP exactly as the API applies it.

const TAXII = "application/taxii+json;version=2.1";
type StixObject = { id: string; type: string; modified?: string; created_by_ref?: string; [key: string]: unknown };
type Envelope = { more: boolean; next?: string; objects?: StixObject[] };

let t: TestApp;
let world: IntelWorld;
const tokens: Record<string, string> = {};
const stixIds: Record<string, string> = {};
let readOnlyToken: string;
let base: string;

async function publishIndicator(sharing: object, value: string, anonymous = false) {
  const res = await t.app.inject({ method: "POST", url: "/api/intel/indicators", headers: world.author.session.headers, payload: { sharing, anonymous, indicators: [{ type: "ipv4", value }] } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().items[0] as { id: string; stixId: string };
}

beforeAll(async () => {
  t = await createTestApp();
  world = await buildIntelWorld(t);
  // the recipient organisation and the named person's organisation join the community, so the
  // collection alone does not decide: TLP does
  await t.ctx.db.insert(intelCommunityMembers).values([
    { communityId: world.community.id, orgId: world.recipient.org.id },
    { communityId: world.community.id, orgId: world.named.org.id },
  ]);
  for (const [name, who] of Object.entries({ author: world.author, member: world.member, recipient: world.recipient, named: world.named, nonMember: world.nonMember })) {
    tokens[name] = (await makeApiToken(t.ctx.db, who.user.id, who.org.id, ["intel:write"])).token;
  }
  readOnlyToken = (await makeApiToken(t.ctx.db, world.member.user.id, world.member.org.id, ["intel:read"])).token;
  const withCommunity = { communityIds: [world.community.id] };
  stixIds.green = (await publishIndicator(sharingFor(world, "green"), "192.0.2.10")).stixId;
  stixIds.clear = (await publishIndicator({ ...sharingFor(world, "clear"), ...withCommunity }, "192.0.2.11")).stixId;
  stixIds.amber = (await publishIndicator({ ...sharingFor(world, "amber"), ...withCommunity }, "192.0.2.12")).stixId;
  stixIds.red = (await publishIndicator({ ...sharingFor(world, "red"), ...withCommunity }, "192.0.2.13")).stixId;
  const report = await t.app.inject({
    method: "POST",
    url: "/api/intel/experience-reports",
    headers: world.author.session.headers,
    payload: { sharing: sharingFor(world, "green"), anonymous: true, title: "Phishing mirato", attackType: "phishing", narrative: "Credenziali rubate." },
  });
  expect(report.statusCode, report.body).toBe(201);
  stixIds.anonymous = report.json().stixId;
  base = `/taxii2/api/collections/${world.community.id}`;
});
afterAll(() => t.close());

const bearer = (who: string) => ({ authorization: `Bearer ${tokens[who]}`, accept: TAXII });
const basic = (user: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`, accept: TAXII });

async function taxii(url: string, headers: Record<string, string>, status = 200) {
  const res = await t.app.inject({ method: "GET", url, headers });
  expect(res.statusCode, res.body).toBe(status);
  if (status < 300) expect(res.headers["content-type"]).toBe(TAXII);
  return res;
}

async function allObjects(url: string, headers: Record<string, string>): Promise<StixObject[]> {
  const res = await t.app.inject({ method: "GET", url, headers });
  if (res.statusCode === 404) return [];
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Envelope).objects ?? [];
}

describe("discovery, API root and collections", () => {
  it("answers discovery and the API root to an authenticated client, 401 with a Basic challenge otherwise", async () => {
    const anonymous = await t.app.inject({ method: "GET", url: "/taxii2/", headers: { accept: TAXII } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers["www-authenticate"]).toContain("Basic");
    expect(anonymous.json()).toMatchObject({ http_status: "401", title: expect.any(String) });
    const discovery = (await taxii("/taxii2/", bearer("member"))).json();
    expect(discovery.api_roots).toEqual([expect.stringMatching(/\/taxii2\/api\/$/)]);
    const root = (await taxii("/taxii2/api/", basic("chiunque", tokens.member!))).json();
    expect(root).toMatchObject({ versions: [TAXII], max_content_length: expect.any(Number) });
  });

  it("accepts HTTP Basic with email and password", async () => {
    await taxii("/taxii2/api/collections/", basic(world.member.user.email, TEST_PASSWORD));
    await taxii("/taxii2/api/collections/", basic(world.member.user.email, "sbagliata"), 401);
    // with two-step verification on, the password alone would bypass it: only a token will do
    const guarded = await makeUser(t.ctx.db, world.member.org.id, "security_manager", { totpEnabledAt: new Date() });
    await taxii("/taxii2/api/collections/", basic(guarded.email, TEST_PASSWORD), 401);
  });

  it("lists the caller's communities and the public collection, with read/write per membership and token", async () => {
    const member = (await taxii("/taxii2/api/collections/", bearer("member"))).json().collections as { id: string; can_read: boolean; can_write: boolean }[];
    expect(member).toEqual(expect.arrayContaining([expect.objectContaining({ id: PUBLIC_COLLECTION_ID, can_read: true, can_write: false }), expect.objectContaining({ id: world.community.id, can_read: true, can_write: true })]));
    const readOnly = (await taxii("/taxii2/api/collections/", { authorization: `Bearer ${readOnlyToken}`, accept: TAXII })).json().collections as { id: string; can_write: boolean }[];
    expect(readOnly.find((c) => c.id === world.community.id)!.can_write).toBe(false);
    // an employee reads but does not write
    const recipient = (await taxii("/taxii2/api/collections/", bearer("recipient"))).json().collections as { id: string; can_write: boolean }[];
    expect(recipient.find((c) => c.id === world.community.id)!.can_write).toBe(false);
    const outsider = (await taxii("/taxii2/api/collections/", bearer("nonMember"))).json().collections as { id: string }[];
    expect(outsider.map((c) => c.id)).toEqual([PUBLIC_COLLECTION_ID]);
    await taxii(`${base}/`, bearer("nonMember"), 404);
    await taxii(`${base}/objects/`, bearer("nonMember"), 404);
  });
});

describe("TLP over TAXII", () => {
  const indicatorIds = async (who: string, collection = base) => (await allObjects(`${collection}/objects/?match[type]=indicator`, bearer(who))).map((o) => o.id);

  it("serves each caller exactly what TLP lets it see", async () => {
    const expected: Record<string, string[]> = {
      author: ["green", "clear", "amber", "red"],
      member: ["green", "clear"],
      recipient: ["green", "clear", "amber"],
      named: ["green", "clear", "red"],
    };
    for (const [who, levels] of Object.entries(expected)) {
      const seen = await indicatorIds(who);
      for (const level of ["green", "clear", "amber", "red"]) {
        expect(seen.includes(stixIds[level]!), `${who} ${level}`).toBe(levels.includes(level));
        const single = await t.app.inject({ method: "GET", url: `${base}/objects/${stixIds[level]}/`, headers: bearer(who) });
        expect(single.statusCode, `${who} ${level}`).toBe(levels.includes(level) ? 200 : 404);
      }
    }
  });

  it("keeps GREEN and stronger out of the public collection, for everyone", async () => {
    for (const who of ["nonMember", "author"]) {
      const seen = await indicatorIds(who, `/taxii2/api/collections/${PUBLIC_COLLECTION_ID}`);
      expect(seen).toContain(stixIds.clear);
      for (const level of ["green", "amber", "red"]) expect(seen).not.toContain(stixIds[level]);
      await taxii(`/taxii2/api/collections/${PUBLIC_COLLECTION_ID}/objects/${stixIds.green}/`, bearer(who), 404);
    }
  });

  it("carries no author on anonymous items", async () => {
    const objects = await allObjects(`${base}/objects/?match[id]=${stixIds.anonymous}`, bearer("member"));
    expect(objects.map((o) => o.type)).toEqual(["incident"]);
    expect(objects[0]!.created_by_ref).toBeUndefined();
    const all = JSON.stringify(await allObjects(`${base}/objects/?limit=1000`, bearer("member")));
    expect(all).toContain(stixIds.anonymous);
    const identities = (await allObjects(`${base}/objects/?match[type]=identity`, bearer("member"))).map((o) => o.name);
    // the author's identity appears for its named items, never next to the anonymous one
    const incident = JSON.parse(all) as StixObject[];
    expect(incident.find((o) => o.id === stixIds.anonymous)!.created_by_ref).toBeUndefined();
    expect(identities.length).toBeLessThanOrEqual(1);
  });
});

describe("objects: paging, filters, manifest, versions", () => {
  it("pages with limit, next and more, stable while objects are added, and filters by added_after", async () => {
    const url = `${base}/objects/?match[type]=indicator`;
    const everything = await allObjects(`${url}&limit=1000`, bearer("author"));
    const first = await taxii(`${url}&limit=2`, bearer("author"));
    const page = first.json() as Envelope;
    expect(page.objects).toHaveLength(2);
    expect(page.more).toBe(true);
    expect(first.headers["x-taxii-date-added-first"]).toBeDefined();
    // a new object arrives while the client pages
    const late = await publishIndicator(sharingFor(world, "green"), "192.0.2.99");
    const ids = page.objects!.map((o) => o.id);
    let next = page.next;
    while (next) {
      const res = (await taxii(`${url}&limit=2&next=${encodeURIComponent(next)}`, bearer("author"))).json() as Envelope;
      ids.push(...(res.objects ?? []).map((o) => o.id));
      next = res.more ? res.next : undefined;
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...everything.map((o) => o.id), late.stixId]);

    const full = await taxii(`${url}&limit=1000`, bearer("author"));
    const last = full.headers["x-taxii-date-added-last"] as string;
    const newer = await publishIndicator(sharingFor(world, "green"), "192.0.2.100");
    const after = (await taxii(`${base}/objects/?added_after=${encodeURIComponent(last)}`, bearer("author"))).json() as Envelope;
    expect(after.objects!.filter((o) => o.type === "indicator").map((o) => o.id)).toEqual([newer.stixId]);
    await taxii(`${url}&next=nonsense`, bearer("author"), 400);
  });

  it("filters by id, type, version and spec_version", async () => {
    const one = await allObjects(`${base}/objects/?match[id]=${stixIds.green}`, bearer("member"));
    expect(one.map((o) => o.id)).toEqual([stixIds.green]);
    const version = one[0]!.modified!;
    expect(await allObjects(`${base}/objects/?match[id]=${stixIds.green}&match[version]=${version}`, bearer("member"))).toHaveLength(1);
    expect(await allObjects(`${base}/objects/?match[id]=${stixIds.green}&match[version]=2001-01-01T00:00:00.000Z`, bearer("member"))).toHaveLength(0);
    expect(await allObjects(`${base}/objects/?match[id]=${stixIds.green}&match[version]=all`, bearer("member"))).toHaveLength(1);
    expect(await allObjects(`${base}/objects/?match[spec_version]=2.0`, bearer("member"))).toHaveLength(0);
    const markings = await allObjects(`${base}/objects/?match[type]=marking-definition`, bearer("member"));
    expect(markings.length).toBeGreaterThan(0);
    expect(markings.every((o) => o.type === "marking-definition")).toBe(true);
    for (const object of await allObjects(`${base}/objects/?limit=1000`, bearer("author"))) expect(referenceSchemaErrors(object), object.type).toEqual([]);
  });

  it("lists the manifest, one object and its versions", async () => {
    const manifest = (await taxii(`${base}/manifest/?match[id]=${stixIds.green}`, bearer("member"))).json();
    expect(manifest.objects).toEqual([{ id: stixIds.green, date_added: expect.any(String), version: expect.any(String), media_type: "application/stix+json;version=2.1" }]);
    const versions = (await taxii(`${base}/objects/${stixIds.green}/versions/`, bearer("member"))).json();
    expect(versions).toEqual({ more: false, versions: [manifest.objects[0].version] });
    await taxii(`${base}/objects/${stixIds.red}/versions/`, bearer("member"), 404);
  });
});

describe("POST, status and DELETE", () => {
  const post = (who: string | Record<string, string>, body: unknown, contentType = TAXII) =>
    t.app.inject({ method: "POST", url: `${base}/objects/`, headers: { ...(typeof who === "string" ? bearer(who) : who), "content-type": contentType }, payload: JSON.stringify(body) });

  it("adds an envelope, answers a complete status and serves the objects under their ids", async () => {
    const envelope = JSON.parse(readExample("indicator-for-c2-ip-address.json")) as { objects: StixObject[] };
    const res = await post("member", { objects: envelope.objects });
    expect(res.statusCode, res.body).toBe(202);
    const status = res.json();
    expect(status).toMatchObject({ status: "complete", total_count: envelope.objects.length, failure_count: 0, pending_count: 0 });
    expect(status.successes.map((s: { id: string }) => s.id)).toContain("indicator--33fe3b22-0201-47cf-85d0-97c02164528d");
    expect((await taxii(`/taxii2/api/status/${status.id}/`, bearer("member"))).json()).toEqual(status);
    await taxii(`/taxii2/api/status/${status.id}/`, bearer("author"), 404);
    const served = await allObjects(`${base}/objects/indicator--33fe3b22-0201-47cf-85d0-97c02164528d/`, bearer("author"));
    expect(served[0]).toMatchObject({ pattern: "[ipv4-addr:value = '10.0.0.0']" });
  });

  it("reports invalid and unkept objects one by one", async () => {
    const res = await post("member", {
      objects: [
        { type: "indicator", spec_version: "2.1", id: "indicator--6b2c9e0d-7f31-4e55-8a43-2f7a8d0e4b1c", created: "2026-01-01T00:00:00Z", modified: "2026-01-01T00:00:00Z", pattern: "[ipv4-addr:value = ", pattern_type: "stix", valid_from: "2026-01-01T00:00:00Z" },
        { type: "malware", spec_version: "2.1", id: "malware--6b2c9e0d-7f31-4e55-8a43-2f7a8d0e4b1c", created: "2026-01-01T00:00:00Z", modified: "2026-01-01T00:00:00Z", name: "Emotet", is_family: true },
      ],
    });
    expect(res.statusCode, res.body).toBe(202);
    const status = res.json();
    expect(status.success_count).toBe(0);
    expect(status.failures).toEqual([
      { id: "indicator--6b2c9e0d-7f31-4e55-8a43-2f7a8d0e4b1c", version: "2026-01-01T00:00:00Z", message: expect.stringContaining("pattern") },
      { id: "malware--6b2c9e0d-7f31-4e55-8a43-2f7a8d0e4b1c", version: "2026-01-01T00:00:00Z", message: expect.stringContaining("not stored") },
    ]);
  });

  it("refuses writes without the right, and deletes only the author's objects", async () => {
    const envelope = JSON.parse(readExample("indicator-for-c2-ip-address.json")) as { objects: StixObject[] };
    expect((await post({ authorization: `Bearer ${readOnlyToken}`, accept: TAXII }, envelope)).statusCode).toBe(403);
    expect((await post("recipient", envelope)).statusCode).toBe(403);
    const del = (who: string, id: string) => t.app.inject({ method: "DELETE", url: `${base}/objects/${id}/`, headers: bearer(who) });
    expect((await del("member", stixIds.green!)).statusCode).toBe(403);
    expect((await del("nonMember", "indicator--33fe3b22-0201-47cf-85d0-97c02164528d")).statusCode).toBe(404);
    expect((await del("member", "indicator--33fe3b22-0201-47cf-85d0-97c02164528d")).statusCode).toBe(200);
    await taxii(`${base}/objects/indicator--33fe3b22-0201-47cf-85d0-97c02164528d/`, bearer("member"), 404);
  });

  it("answers 406, 415 and 413 as TAXII error messages", async () => {
    const wrongAccept = await t.app.inject({ method: "GET", url: `${base}/objects/`, headers: { ...bearer("member"), accept: "application/xml" } });
    expect(wrongAccept.statusCode).toBe(406);
    expect(wrongAccept.json()).toMatchObject({ http_status: "406", title: expect.any(String) });
    expect((await t.app.inject({ method: "GET", url: "/taxii2/", headers: { ...bearer("member"), accept: "application/taxii+json;version=2.0" } })).statusCode).toBe(406);
    const wrongType = await post("member", { objects: [] }, "application/json");
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json()).toMatchObject({ http_status: "415" });
    const huge = await post("member", { objects: [{ type: "x-big", padding: "x".repeat(t.ctx.config.BODY_LIMIT_BYTES) }] });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ http_status: "413" });
  });
});
