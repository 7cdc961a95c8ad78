import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { intelIndicators, intelItemRecipientOrgs, intelItems } from "./intel.tables.ts";
import { buildIntelWorld, sharingFor, type IntelWorld } from "./intel-world.test-helper.ts";

let t: TestApp;
let world: IntelWorld;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildIntelWorld(t);
});
afterAll(() => t.close());

const post = (url: string, headers: Record<string, string>, payload: unknown) => t.app.inject({ method: "POST", url, headers, payload: payload as object });
const itemCount = async () => (await t.ctx.db.select({ n: count() }).from(intelItems))[0]!.n;

describe("indicators", () => {
  it("are added in bulk, normalised by type, the same observable once", async () => {
    const res = await post("/api/intel/indicators", world.author.session.headers, {
      sharing: sharingFor(world, "green"),
      indicators: [
        { type: "domain", value: "Phishing.Bücher.Example." },
        { type: "ipv6", value: "2001:0DB8:0:0:0:0:0:0042", confidence: 80 },
        { type: "cidr", value: "198.51.100.77/24" },
        { type: "sha256", value: "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855" },
        { type: "url", value: "HTTP://Evil.Example:80/a/../login#x" },
        { type: "email", value: "Finance@Evil.Example" },
        { type: "domain", value: "phishing.xn--bcher-kva.example" },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const values = (res.json().items as { indicator: { type: string; value: string }; stixId: string }[]).map((i) => `${i.indicator.type} ${i.indicator.value}`);
    expect(values).toEqual([
      "domain phishing.xn--bcher-kva.example",
      "ipv6 2001:db8::42",
      "cidr 198.51.100.0/24",
      "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "url http://evil.example/login",
      "email finance@evil.example",
    ]);
    expect(res.json().items[0].stixId).toMatch(/^indicator--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.json().editKey).toBeNull();
  });

  it("posted again with the same sharing are refreshed, not doubled; shared another way they are new", async () => {
    const first = await post("/api/intel/indicators", world.author.session.headers, {
      sharing: sharingFor(world, "amber"),
      indicators: [{ type: "domain", value: "feed-replay.example", lastSeen: "2026-01-01T00:00:00.000Z", confidence: 40 }],
    });
    const id = first.json().items[0].id as string;
    const before = await itemCount();
    const again = await post("/api/intel/indicators", world.author.session.headers, {
      sharing: sharingFor(world, "amber"),
      indicators: [{ type: "domain", value: "FEED-REPLAY.example.", lastSeen: "2026-02-01T00:00:00.000Z", confidence: 70 }],
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().refreshedIds).toEqual([id]);
    expect(again.json().items[0]).toMatchObject({ id, stixId: first.json().items[0].stixId, indicator: { lastSeen: "2026-02-01T00:00:00.000Z", confidence: 70 } });
    expect(new Date(again.json().items[0].modifiedAt).getTime()).toBeGreaterThan(new Date(first.json().items[0].modifiedAt).getTime());
    expect(await itemCount()).toBe(before);
    const otherway = await post("/api/intel/indicators", world.author.session.headers, {
      sharing: sharingFor(world, "amber-providers"),
      indicators: [{ type: "domain", value: "feed-replay.example" }],
    });
    expect(otherway.json().refreshedIds).toEqual([]);
    expect(otherway.json().items[0].id).not.toBe(id);
  });

  it("refuse an invalid IP or a hash of the wrong length, naming the entry, and write nothing", async () => {
    const before = await itemCount();
    const badIp = await post("/api/intel/indicators", world.author.session.headers, {
      sharing: sharingFor(world, "clear"),
      indicators: [{ type: "ipv4", value: "192.0.2.1" }, { type: "ipv4", value: "300.1.2.3" }],
    });
    expect(badIp.statusCode).toBe(422);
    expect(badIp.json().error.fields).toEqual([{ field: "body.indicators.1.value", reason: "non è un valore valido di tipo ipv4" }]);
    const badHash = await t.app.inject({
      method: "POST",
      url: "/api/intel/indicators",
      headers: { ...world.author.session.headers, "accept-language": "en" },
      payload: { sharing: sharingFor(world, "clear"), indicators: [{ type: "md5", value: "d41d8cd98f00b204e9800998ecf8427e00" }] },
    });
    expect(badHash.statusCode).toBe(422);
    expect(badHash.json().error.fields).toEqual([{ field: "body.indicators.0.value", reason: "a md5 hash has 32 hex digits" }]);
    expect(await itemCount()).toBe(before);
  });

  it("past their validity are not served unless asked for", async () => {
    const res = await post("/api/intel/indicators", world.author.session.headers, {
      sharing: sharingFor(world, "clear"),
      indicators: [
        { type: "ipv4", value: "203.0.113.9", validUntil: "2020-01-01T00:00:00.000Z" },
        { type: "ipv4", value: "203.0.113.10", validUntil: "2999-01-01T00:00:00.000Z" },
      ],
    });
    const [expired, valid] = res.json().items as { id: string }[];
    const list = await t.app.inject({ method: "GET", url: "/api/intel/items?indicatorType=ipv4", headers: world.member.session.headers });
    const ids = (list.json().items as { id: string }[]).map((i) => i.id);
    expect(ids).toContain(valid!.id);
    expect(ids).not.toContain(expired!.id);
    const all = await t.app.inject({ method: "GET", url: "/api/intel/items?indicatorType=ipv4&includeExpired=true", headers: world.member.session.headers });
    const withExpired = all.json().items as { id: string; expired: boolean }[];
    expect(withExpired.find((i) => i.id === expired!.id)?.expired).toBe(true);
  });
});

describe("sharing", () => {
  it("needs the lists its level uses and refuses the others", async () => {
    const cases: [unknown, string][] = [
      [{ tlp: "green" }, "body.sharing.communityIds"],
      [{ tlp: "amber" }, "body.sharing.recipientOrgIds"],
      [{ tlp: "red" }, "body.sharing.recipientUserIds"],
      [{ tlp: "red", recipientUserIds: [world.named.user.id], recipientOrgIds: [world.recipient.org.id] }, "body.sharing.recipientOrgIds"],
      [{ tlp: "clear", recipientUserIds: [world.named.user.id] }, "body.sharing.recipientUserIds"],
      [{ tlp: "amber+strict", recipientOrgIds: [world.recipient.org.id], providersAllowed: true }, "body.sharing.providersAllowed"],
      [{ tlp: "green", communityIds: [world.unrelated.id] }, "body.sharing.communityIds"],
    ];
    const before = await itemCount();
    for (const [sharing, field] of cases) {
      const res = await post("/api/intel/advisories", world.author.session.headers, { sharing, title: "Prova", summary: "Prova", severity: "low" });
      expect(res.statusCode, JSON.stringify(sharing)).toBe(422);
      expect(res.json().error.fields[0].field).toBe(field);
    }
    const unknownRecipient = await post("/api/intel/advisories", world.author.session.headers, {
      sharing: { tlp: "amber", recipientOrgIds: ["00000000-0000-4000-8000-000000000000"] },
      title: "Prova",
      summary: "Prova",
      severity: "low",
    });
    expect(unknownRecipient.json().error.fields).toEqual([{ field: "body.sharing.recipientOrgIds", reason: "organizzazione sconosciuta: 00000000-0000-4000-8000-000000000000" }]);
    const badTlp = await post("/api/intel/advisories", world.author.session.headers, { sharing: { tlp: "white" }, title: "Prova", summary: "Prova", severity: "low" });
    expect(badTlp.statusCode).toBe(400);
    expect(badTlp.json().error.fields[0].field).toBe("body.sharing.tlp");
    expect(await itemCount()).toBe(before);
  });

  it("is relaxed only by the author's organisation: a recipient gets 403 and nothing changes", async () => {
    const created = await post("/api/intel/advisories", world.author.session.headers, { sharing: sharingFor(world, "amber"), title: "Campagna ransomware", summary: "Dettagli", severity: "critical" });
    const id = created.json().id as string;
    const before = await t.ctx.db.select().from(intelItems).where(eq(intelItems.id, id));
    const relax = { tlp: "clear" };
    const byRecipient = await t.app.inject({ method: "PUT", url: `/api/intel/items/${id}/sharing`, headers: world.recipient.session.headers, payload: relax });
    expect(byRecipient.statusCode).toBe(403);
    const byOutsider = await t.app.inject({ method: "PUT", url: `/api/intel/items/${id}/sharing`, headers: world.nonMember.session.headers, payload: relax });
    expect(byOutsider.statusCode).toBe(404);
    expect(await t.ctx.db.select().from(intelItems).where(eq(intelItems.id, id))).toEqual(before);
    expect(await t.ctx.db.select().from(intelItemRecipientOrgs).where(eq(intelItemRecipientOrgs.itemId, id))).toHaveLength(1);

    const byAuthor = await t.app.inject({ method: "PUT", url: `/api/intel/items/${id}/sharing`, headers: world.author.session.headers, payload: relax });
    expect(byAuthor.statusCode, byAuthor.body).toBe(200);
    expect(byAuthor.json().tlp).toBe("clear");
    expect(new Date(byAuthor.json().modifiedAt).getTime()).toBeGreaterThan(before[0]!.modifiedAt.getTime());
    expect((await t.app.inject({ method: "GET", url: `/api/public/intel/items/${id}` })).statusCode).toBe(200);
  });

  it("a draft is the author's alone until published", async () => {
    const created = await post("/api/intel/advisories", world.author.session.headers, { sharing: sharingFor(world, "clear"), status: "draft", title: "Bozza", summary: "Bozza", severity: "medium" });
    const id = created.json().id as string;
    expect(created.json().actions).toContain("publish");
    expect((await t.app.inject({ method: "GET", url: `/api/intel/items/${id}`, headers: world.member.session.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/public/intel/items/${id}` })).statusCode).toBe(404);
    const published = await t.app.inject({ method: "POST", url: `/api/intel/items/${id}/publish`, headers: world.author.session.headers });
    expect(published.json().status).toBe("published");
    expect((await t.app.inject({ method: "GET", url: `/api/public/intel/items/${id}` })).statusCode).toBe(200);
  });

  it("an advisory shows only the linked indicators the caller may see", async () => {
    const red = await post("/api/intel/indicators", world.author.session.headers, { sharing: sharingFor(world, "red"), indicators: [{ type: "domain", value: "c2-red.example" }] });
    const clear = await post("/api/intel/indicators", world.author.session.headers, { sharing: sharingFor(world, "clear"), indicators: [{ type: "domain", value: "c2-clear.example" }] });
    const redId = red.json().items[0].id as string;
    const clearId = clear.json().items[0].id as string;
    const advisory = await post("/api/intel/advisories", world.author.session.headers, {
      sharing: sharingFor(world, "amber"),
      title: "Exchange",
      summary: "Patch",
      severity: "high",
      cveIds: ["CVE-2024-21410"],
      affectedProducts: [{ vendor: "Microsoft", product: "Exchange Server", versionEndExcluding: "15.2.1544.4", cpe: "cpe:2.3:a:microsoft:exchange_server:*:*:*:*:*:*:*:*" }],
      patches: [{ title: "CU14", url: "https://example.org/cu14", steps: "Installare CU14" }],
      indicatorIds: [redId, clearId],
    });
    expect(advisory.statusCode, advisory.body).toBe(201);
    expect(advisory.json().advisory.indicatorIds.sort()).toEqual([redId, clearId].sort());
    expect(advisory.json().advisory.affectedProducts[0]).toMatchObject({ vendor: "microsoft", product: "exchange server", versionEndExcluding: "15.2.1544.4" });
    const asRecipient = await t.app.inject({ method: "GET", url: `/api/intel/items/${advisory.json().id}`, headers: world.recipient.session.headers });
    expect(asRecipient.json().advisory.indicatorIds).toEqual([clearId]);
    expect(asRecipient.json().sharing).toBeNull();
    const invisible = await post("/api/intel/advisories", world.recipient.session.headers, { sharing: { tlp: "clear" }, title: "x", summary: "x", severity: "low", indicatorIds: [redId] });
    expect(invisible.statusCode).toBe(403); // an employee does not publish
  });
});

describe("editing", () => {
  it("an advisory is changed by its author's writers only, each change a new version found by search", async () => {
    const created = await post("/api/intel/advisories", world.author.session.headers, { sharing: sharingFor(world, "green"), title: "Fortinet", summary: "Prima versione", severity: "high" });
    const id = created.json().id as string;
    const change = { summary: "Aggiornamento: sfruttamento confermato su appliance esposte", cveIds: ["CVE-2024-55591"] };
    for (const headers of [world.member.session.headers, world.authorColleague.session.headers]) {
      const refused = await t.app.inject({ method: "PATCH", url: `/api/intel/advisories/${id}`, headers, payload: change });
      expect(refused.statusCode).toBe(403);
    }
    const wrongKind = await t.app.inject({ method: "PATCH", url: `/api/intel/indicators/${id}`, headers: world.author.session.headers, payload: { confidence: 50 } });
    expect(wrongKind.statusCode).toBe(404);
    const badCve = await t.app.inject({ method: "PATCH", url: `/api/intel/advisories/${id}`, headers: world.author.session.headers, payload: { cveIds: ["CVE-24-1"] } });
    expect(badCve.statusCode).toBe(400);
    expect(badCve.json().error.fields[0].field).toBe("body.cveIds.0");
    const unchanged = await t.app.inject({ method: "GET", url: `/api/intel/items/${id}`, headers: world.author.session.headers });
    expect(unchanged.json().advisory.summary).toBe("Prima versione");
    const changed = await t.app.inject({ method: "PATCH", url: `/api/intel/advisories/${id}`, headers: world.author.session.headers, payload: change });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ stixId: created.json().stixId, advisory: { summary: change.summary, cveIds: change.cveIds } });
    expect(new Date(changed.json().modifiedAt).getTime()).toBeGreaterThan(new Date(created.json().modifiedAt).getTime());
    const found = await t.app.inject({ method: "GET", url: `/api/intel/items?q=appliance`, headers: world.member.session.headers });
    expect((found.json().items as { id: string }[]).map((i) => i.id)).toEqual([id]);
  });

  it("a withdrawn item changes no more", async () => {
    const created = await post("/api/intel/advisories", world.author.session.headers, { sharing: sharingFor(world, "clear"), title: "Da ritirare", summary: "x", severity: "low" });
    const id = created.json().id as string;
    expect((await t.app.inject({ method: "POST", url: `/api/intel/items/${id}/withdraw`, headers: world.member.session.headers })).statusCode).toBe(403);
    const withdrawn = await t.app.inject({ method: "POST", url: `/api/intel/items/${id}/withdraw`, headers: world.author.session.headers });
    expect(withdrawn.json()).toMatchObject({ status: "revoked", revoked: true, actions: ["read"] });
    const again = await t.app.inject({ method: "PATCH", url: `/api/intel/advisories/${id}`, headers: world.author.session.headers, payload: { summary: "y" } });
    expect(again.statusCode).toBe(403);
    const listed = await t.app.inject({ method: "GET", url: `/api/intel/items?includeRevoked=true&q=ritirare`, headers: world.nonMember.session.headers });
    expect((listed.json().items as { id: string }[]).map((i) => i.id)).toEqual([id]);
  });
});

describe("full-text search", () => {
  it("finds Italian and English words by their stem", async () => {
    const report = await post("/api/intel/experience-reports", world.author.session.headers, {
      sharing: sharingFor(world, "green"),
      title: "Attacco ai server comunali",
      attackType: "ransomware",
      narrative: "I server di posta sono stati compromessi tramite una VPN non aggiornata. Attackers exploited the gateway.",
      timeToRecoverHours: 72,
    });
    expect(report.statusCode, report.body).toBe(201);
    const id = report.json().id as string;
    for (const q of ["compromesso", "exploiting", "gateways", "\"server di posta\""]) {
      const res = await t.app.inject({ method: "GET", url: `/api/intel/items?q=${encodeURIComponent(q)}`, headers: world.member.session.headers });
      expect((res.json().items as { id: string }[]).map((i) => i.id), q).toContain(id);
    }
    const none = await t.app.inject({ method: "GET", url: `/api/intel/items?q=phishing`, headers: world.member.session.headers });
    expect((none.json().items as { id: string }[]).map((i) => i.id)).not.toContain(id);
  });

  it("pages with a cursor and refuses a forged one", async () => {
    const first = await t.app.inject({ method: "GET", url: "/api/intel/items?limit=2", headers: world.author.session.headers });
    const next = first.json().nextCursor as string;
    expect(next).toBeTruthy();
    const second = await t.app.inject({ method: "GET", url: `/api/intel/items?limit=2&cursor=${next}`, headers: world.author.session.headers });
    const ids = [...first.json().items, ...second.json().items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(4);
    const forged = await t.app.inject({ method: "GET", url: `/api/intel/items?cursor=${Buffer.from('["x","y"]').toString("base64url")}`, headers: world.author.session.headers });
    expect(forged.statusCode).toBe(422);
    expect(forged.json().error.fields[0].field).toBe("query.cursor");
  });

  it("keeps the indicator rows in step with the items", async () => {
    const [indicators] = await t.ctx.db.select({ n: count() }).from(intelIndicators);
    const [items] = await t.ctx.db.select({ n: count() }).from(intelItems).where(eq(intelItems.kind, "indicator"));
    expect(indicators!.n).toBe(items!.n);
    expect(items!.n).toBeGreaterThan(5);
  });
});
