import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { intelComments, intelItems, intelSightings } from "./intel.tables.ts";
import { buildIntelWorld, sharingFor, type IntelWorld } from "./intel-world.test-helper.ts";

// Anonymous publication: nothing in what others receive names the author, the author keeps a key
// to edit or withdraw, and sightings never say who.

let t: TestApp;
let world: IntelWorld;
let reportId: string;
let editKey: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildIntelWorld(t);
  const res = await t.app.inject({
    method: "POST",
    url: "/api/intel/experience-reports",
    headers: { ...world.author.session.headers, "user-agent": "Browser-Autore/1.0" },
    payload: {
      sharing: sharingFor(world, "clear"),
      anonymous: true,
      title: "Ransomware via VPN",
      attackType: "ransomware",
      entryVector: "VPN senza MFA",
      narrative: "Cifrati i file server in una notte.",
      lessons: "MFA ovunque.",
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  reportId = res.json().id;
  editKey = res.json().editKey;
});
afterAll(() => t.close());

function authorTraces() {
  const { org, user } = world.author;
  return [org.id, org.name, user.id, user.name, user.email, "Browser-Autore"];
}

describe("an anonymous experience report", () => {
  it("names no author to anyone else, signed in or not, in items, lists, search and the feed", async () => {
    const replies = [
      await t.app.inject({ method: "GET", url: `/api/intel/items/${reportId}`, headers: world.member.session.headers }),
      await t.app.inject({ method: "GET", url: `/api/intel/items?q=ransomware`, headers: world.nonMember.session.headers }),
      await t.app.inject({ method: "GET", url: `/api/public/intel/items/${reportId}` }),
      await t.app.inject({ method: "GET", url: `/api/public/intel/items` }),
      await t.app.inject({ method: "GET", url: `/api/public/intel/feed.atom` }),
    ];
    for (const reply of replies) {
      expect(reply.statusCode).toBe(200);
      expect(reply.body).toContain("Ransomware via VPN");
      for (const trace of authorTraces()) expect(reply.body).not.toContain(trace);
    }
    const item = replies[0]!.json();
    expect(item).toMatchObject({ anonymous: true, author: null, sharing: null, actions: ["read", "sight", "comment"] });
    expect(replies[4]!.body).toContain("<name>Anonimo</name>");
  });

  it("keeps no author id in the shared record, and a coarse time", async () => {
    const [row] = await t.ctx.db.select().from(intelItems).where(eq(intelItems.id, reportId));
    expect(row).toMatchObject({ authorOrgId: null, authorUserId: null, anonymous: true });
    expect(row!.authorTag).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.editKeyHash).not.toContain(editKey);
    expect(row!.createdAt.toISOString()).toMatch(/T00:00:00\.000Z$/);
    // the audit log records that the organisation published something anonymous, not what
    const entries = await t.ctx.db.select().from(auditLog).where(sql`${auditLog.entityId} = ${reportId} or ${auditLog.after}::text like ${"%" + reportId + "%"}`);
    expect(entries).toEqual([]);
  });

  it("is still its author's: seen with its sharing, but changed only with the edit key", async () => {
    const own = await t.app.inject({ method: "GET", url: `/api/intel/items/${reportId}`, headers: world.author.session.headers });
    expect(own.json().sharing).not.toBeNull();
    expect(own.json().actions).not.toContain("update");
    const withoutKey = await t.app.inject({ method: "PATCH", url: `/api/intel/experience-reports/${reportId}`, headers: world.author.session.headers, payload: { lessons: "Cambiato" } });
    expect(withoutKey.statusCode).toBe(403);
    const wrongKey = await t.app.inject({ method: "PATCH", url: `/api/intel/experience-reports/${reportId}`, headers: { ...world.member.session.headers, "x-intel-edit-key": "x".repeat(43) }, payload: { lessons: "Cambiato" } });
    expect(wrongKey.statusCode).toBe(403);
    const withKey = await t.app.inject({ method: "PATCH", url: `/api/intel/experience-reports/${reportId}`, headers: { ...world.author.session.headers, "x-intel-edit-key": editKey }, payload: { lessons: "MFA ovunque, anche sui fornitori." } });
    expect(withKey.statusCode, withKey.body).toBe(200);
    expect(withKey.json().experienceReport.lessons).toBe("MFA ovunque, anche sui fornitori.");
    expect(withKey.json().author).toBeNull();
  });

  it("can be withdrawn with the key, and then shows as revoked", async () => {
    const res = await t.app.inject({ method: "POST", url: `/api/intel/items/${reportId}/withdraw`, headers: { ...world.author.session.headers, "x-intel-edit-key": editKey } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "revoked", revoked: true });
    const list = await t.app.inject({ method: "GET", url: `/api/public/intel/items` });
    expect((list.json().items as { id: string }[]).map((i) => i.id)).not.toContain(reportId);
  });
});

describe("sightings and comments", () => {
  it("count organisations and sightings without saying who", async () => {
    const created = await t.app.inject({ method: "POST", url: "/api/intel/indicators", headers: world.author.session.headers, payload: { sharing: sharingFor(world, "green"), indicators: [{ type: "ipv4", value: "192.0.2.200" }] } });
    const id = created.json().items[0].id as string;
    await t.app.inject({ method: "POST", url: `/api/intel/items/${id}/sightings`, headers: world.member.session.headers, payload: {} });
    await t.app.inject({ method: "POST", url: `/api/intel/items/${id}/sightings`, headers: world.member.session.headers, payload: { count: 2 } });
    const own = await t.app.inject({ method: "POST", url: `/api/intel/items/${id}/sightings`, headers: world.author.session.headers, payload: {} });
    expect(own.json()).toEqual({ organisations: 2, total: 4 });
    const read = await t.app.inject({ method: "GET", url: `/api/intel/items/${id}/sightings`, headers: world.member.session.headers });
    expect(read.json()).toEqual({ organisations: 2, total: 4 });
    const outsider = await t.app.inject({ method: "POST", url: `/api/intel/items/${id}/sightings`, headers: world.nonMember.session.headers, payload: {} });
    expect(outsider.statusCode).toBe(404);
    const rows = await t.ctx.db.select().from(intelSightings).where(eq(intelSightings.itemId, id));
    const stored = JSON.stringify(rows);
    for (const org of [world.member.org, world.author.org]) expect(stored).not.toContain(org.id);
  });

  it("are signed or anonymous; an anonymous comment keeps no author", async () => {
    const created = await t.app.inject({ method: "POST", url: "/api/intel/advisories", headers: world.author.session.headers, payload: { sharing: sharingFor(world, "green"), title: "Avviso", summary: "Testo", severity: "medium" } });
    const id = created.json().id as string;
    const signed = await t.app.inject({ method: "POST", url: `/api/intel/items/${id}/comments`, headers: world.member.session.headers, payload: { body: "Visto anche da noi" } });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json().author).toEqual({ orgName: world.member.org.name, name: world.member.user.name });
    const anonymous = await t.app.inject({ method: "POST", url: `/api/intel/items/${id}/comments`, headers: world.member.session.headers, payload: { body: "Patch applicata", anonymous: true } });
    expect(anonymous.json().author).toBeNull();
    const list = await t.app.inject({ method: "GET", url: `/api/intel/items/${id}/comments`, headers: world.author.session.headers });
    // an anonymous comment carries the day only, so it sorts at the start of its day
    expect(list.json().items.map((c: { body: string }) => c.body)).toEqual(["Patch applicata", "Visto anche da noi"]);
    const [row] = await t.ctx.db.select().from(intelComments).where(eq(intelComments.id, anonymous.json().id));
    expect(row).toMatchObject({ authorOrgId: null, authorUserId: null, authorName: null, authorOrgName: null });
    const outsider = await t.app.inject({ method: "GET", url: `/api/intel/items/${id}/comments`, headers: world.nonMember.session.headers });
    expect(outsider.statusCode).toBe(404);
  });
});

describe("personal-data scan", () => {
  it("highlights people, contacts and the author's own hosts, knowing its domain from its people's addresses", async () => {
    const domain = world.author.user.email.split("@")[1]!;
    const text = `Il sig. Rossi ha segnalato: server mail.${domain} (10.0.0.5), scrivere a cert@${domain}, tel. 333 1234567.`;
    const res = await t.app.inject({ method: "POST", url: "/api/intel/scan", headers: world.author.session.headers, payload: { text } });
    expect(res.statusCode, res.body).toBe(200);
    const findings = res.json().findings as { kind: string; text: string; start: number; end: number }[];
    expect(findings.map((f) => [f.kind, f.text])).toEqual([
      ["person_name", "sig. Rossi"],
      ["own_host", `mail.${domain}`],
      ["internal_address", "10.0.0.5"],
      ["email", `cert@${domain}`],
      ["phone", "333 1234567"],
    ]);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect((await t.app.inject({ method: "POST", url: "/api/intel/scan", payload: { text } })).statusCode).toBe(401);
  });
});
