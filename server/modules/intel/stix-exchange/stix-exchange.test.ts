import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { auditLog } from "../../../platform/audit/audit.tables.ts";
import { intelIndicators, intelItems } from "../intel.tables.ts";
import { buildIntelWorld, sharingFor, type IntelWorld } from "../intel-world.test-helper.ts";
import { exampleFiles, readExample, referenceBundleErrors, referenceSchemaErrors } from "../stix/reference-schemas.test-helper.ts";
import { intelItemStix } from "./exchange.tables.ts";

// STIX bundles out of and into the hub through the routes: exports valid against the OASIS
// schemas and limited by TLP, imports all or nothing, replays idempotent.

let t: TestApp;
let world: IntelWorld;
let advisoryId: string;
let greenIndicatorId: string;
let anonymousReportId: string;

type Bundle = { type: string; id: string; objects: { id: string; type: string; [key: string]: unknown }[] };

async function publish(url: string, headers: Record<string, string>, payload: object) {
  const res = await t.app.inject({ method: "POST", url, headers, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  world = await buildIntelWorld(t);
  const h = world.author.session.headers;
  const indicators = await publish("/api/intel/indicators", h, { sharing: sharingFor(world, "green"), indicators: [{ type: "ipv4", value: "198.51.100.7", description: "C2" }] });
  greenIndicatorId = indicators.items[0].id;
  const advisory = await publish("/api/intel/advisories", h, {
    sharing: sharingFor(world, "amber"),
    title: "Vulnerabilità critica nel firewall",
    summary: "Esecuzione di codice da remoto.",
    severity: "critical",
    cveIds: ["CVE-2026-12345"],
    affectedProducts: [{ vendor: "Acme", product: "Firewall", versionEndExcluding: "7.2.1" }],
    patches: [{ title: "Aggiornare a 7.2.1", url: "https://acme.example/psirt/1" }],
    mitigations: [{ title: "Disattivare la VPN SSL", steps: "Dal pannello di amministrazione." }],
    references: [{ url: "https://acme.example/psirt/1" }],
    indicatorIds: [greenIndicatorId],
  });
  advisoryId = advisory.id;
  const report = await publish("/api/intel/experience-reports", h, { sharing: sharingFor(world, "green"), anonymous: true, title: "Phishing mirato", attackType: "phishing", narrative: "Credenziali rubate." });
  anonymousReportId = report.id;
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: "GET", url, headers });

describe("STIX export", () => {
  it("exports one item as a bundle valid against the OASIS schemas", async () => {
    const res = await get(`/api/intel/items/${advisoryId}/stix`, world.author.session.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("application/stix+json;version=2.1");
    const bundle = res.json() as Bundle;
    expect(referenceBundleErrors(bundle)).toEqual([]);
    for (const object of bundle.objects) expect(referenceSchemaErrors(object), object.type).toEqual([]);
    expect(bundle.objects.map((o) => o.type)).toEqual(expect.arrayContaining(["report", "vulnerability", "course-of-action", "indicator", "identity", "marking-definition"]));
  });

  it("answers 404 for an item TLP hides, and leaves out linked indicators the caller may not see", async () => {
    expect((await get(`/api/intel/items/${advisoryId}/stix`, world.nonMember.session.headers)).statusCode).toBe(404);
    // the recipient sees the AMBER advisory but is not in the community of its GREEN indicator
    const res = await get(`/api/intel/items/${advisoryId}/stix`, world.recipient.session.headers);
    expect(res.statusCode).toBe(200);
    const bundle = res.json() as Bundle;
    expect(bundle.objects.some((o) => o.type === "indicator")).toBe(false);
    expect(JSON.stringify(bundle)).not.toContain("198.51.100.7");
  });

  it("exports an anonymous item without author", async () => {
    const res = await get(`/api/intel/items/${anonymousReportId}/stix`, world.member.session.headers);
    const bundle = res.json() as Bundle;
    const incident = bundle.objects.find((o) => o.type === "incident")!;
    expect(incident.created_by_ref).toBeUndefined();
    expect(bundle.objects.some((o) => o.type === "identity")).toBe(false);
    expect(JSON.stringify(bundle)).not.toContain(world.author.org.name);
    for (const object of bundle.objects) expect(referenceSchemaErrors(object), object.type).toEqual([]);
  });

  it("exports in a bundle only what TLP lets each caller see", async () => {
    const ids = async (headers: Record<string, string>) => {
      const res = await get("/api/intel/stix/bundle", headers);
      expect(res.statusCode, res.body).toBe(200);
      const bundle = res.json() as Bundle;
      // STIX wants a bundle's objects non-empty when present: an empty export has none
      if (!bundle.objects) return [];
      expect(bundle.objects.length).toBeGreaterThan(0);
      expect(referenceBundleErrors(bundle)).toEqual([]);
      return bundle.objects.map((o) => o.type);
    };
    expect(await ids(world.author.session.headers)).toEqual(expect.arrayContaining(["report", "indicator", "incident"]));
    expect(await ids(world.member.session.headers)).toEqual(expect.arrayContaining(["indicator", "incident"]));
    expect(await ids(world.member.session.headers)).not.toContain("report");
    const outsider = await ids(world.nonMember.session.headers);
    expect(outsider).not.toContain("report");
    expect(outsider).not.toContain("indicator");
    expect(outsider).not.toContain("incident");
    const filtered = await get("/api/intel/stix/bundle?kind=indicator", world.author.session.headers);
    expect((filtered.json() as Bundle).objects.some((o) => o.type === "report")).toBe(false);
  });
});

const importUrl = (world: IntelWorld) => `/api/intel/stix/import?communityIds=${world.community.id}`;
const itemCount = async () => (await t.ctx.db.select({ n: count() }).from(intelItems))[0]!.n;

describe("STIX import", () => {
  it.each(exampleFiles())("imports the OASIS example %s through the route", async (file) => {
    const res = await t.app.inject({ method: "POST", url: importUrl(world), headers: { ...world.member.session.headers, "content-type": "application/json" }, payload: readExample(file) });
    expect(res.statusCode, res.body).toBe(200);
  });

  it("keeps ids and versions, splits multi-value patterns, keeps unsearchable ones verbatim, and is idempotent", async () => {
    const bundle = {
      type: "bundle",
      id: "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
      objects: [
        { type: "indicator", spec_version: "2.1", id: "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", created: "2026-01-01T00:00:00.000Z", modified: "2026-01-02T00:00:00.000Z", name: "Due IP", pattern: "[ipv4-addr:value = '203.0.113.1' OR ipv4-addr:value = '203.0.113.2']", pattern_type: "stix", valid_from: "2026-01-01T00:00:00Z" },
        { type: "indicator", spec_version: "2.1", id: "indicator--1f3e2d2b-17d4-4cbf-938f-98ee46b3cd3f", created: "2026-01-01T00:00:00.000Z", modified: "2026-01-02T00:00:00.000Z", name: "YARA", pattern: "rule x { condition: true }", pattern_type: "yara", valid_from: "2026-01-01T00:00:00Z" },
      ],
    };
    const send = () => t.app.inject({ method: "POST", url: importUrl(world), headers: world.member.session.headers, payload: bundle });
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    const report = first.json() as { items: { itemId: string; stixId: string; outcome: string }[]; notSearchable: { stixId: string }[] };
    expect(report.items.map((i) => i.outcome)).toEqual(["added", "added", "added"]);
    expect(report.notSearchable.map((n) => n.stixId)).toEqual(["indicator--1f3e2d2b-17d4-4cbf-938f-98ee46b3cd3f"]);
    const rows = await t.ctx.db.select().from(intelIndicators).where(inArray(intelIndicators.itemId, report.items.map((i) => i.itemId)));
    expect(rows.map((r) => r.value).sort()).toEqual(["203.0.113.1", "203.0.113.2"]);
    const [original] = await t.ctx.db.select().from(intelItems).where(eq(intelItems.stixId, "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"));
    expect(original!.modifiedAt.toISOString()).toBe("2026-01-02T00:00:00.000Z");
    expect(original!.tlp).toBe("green");
    const yara = report.items.find((i) => i.stixId.startsWith("indicator--1f3e"))!;
    const [kept] = await t.ctx.db.select().from(intelItemStix).where(eq(intelItemStix.itemId, yara.itemId));
    expect(kept).toMatchObject({ pattern: "rule x { condition: true }", patternType: "yara" });
    // the original id exports the whole pattern as received
    const exported = (await get(`/api/intel/items/${original!.id}/stix`, world.member.session.headers)).json() as Bundle;
    expect(exported.objects.find((o) => o.type === "indicator")!.pattern).toBe(bundle.objects[0]!.pattern);

    const before = await itemCount();
    const replay = await send();
    expect(replay.statusCode).toBe(200);
    expect((replay.json() as typeof report).items.map((i) => i.outcome)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(await itemCount()).toBe(before);
  });

  it("refuses a bundle with invalid objects object by object, writing nothing", async () => {
    const before = await itemCount();
    const audits = (await t.ctx.db.select({ n: count() }).from(auditLog))[0]!.n;
    const bundle = JSON.parse(readExample("indicator-for-c2-ip-address.json")) as Bundle;
    bundle.objects.push({ type: "indicator", spec_version: "2.1", id: "indicator--0d9e6b1c-2f7a-4e55-8a43-6b2c9e0d7f31", created: "2026-01-01T00:00:00Z", modified: "2026-01-01T00:00:00Z", pattern: "[ipv4-addr:value = ", pattern_type: "stix", valid_from: "2026-01-01T00:00:00Z" });
    bundle.objects.push({ type: "vulnerability", spec_version: "2.0", id: "vulnerability--0d9e6b1c-2f7a-4e55-8a43-6b2c9e0d7f32", created: "2026-01-01T00:00:00Z", modified: "2026-01-01T00:00:00Z" });
    const res = await t.app.inject({ method: "POST", url: importUrl(world), headers: world.member.session.headers, payload: bundle });
    expect(res.statusCode, res.body).toBe(422);
    const fields = (res.json() as { error: { fields: { field: string; reason: string }[] } }).error.fields;
    const n = bundle.objects.length;
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: `body.objects.${n - 2}.pattern`, reason: expect.stringContaining("pattern STIX non valido") },
        { field: `body.objects.${n - 1}.spec_version`, reason: expect.stringContaining("2.1") },
      ]),
    );
    expect(await itemCount()).toBe(before);
    expect((await t.ctx.db.select({ n: count() }).from(auditLog))[0]!.n).toBe(audits);
  });

  it("refuses GREEN objects without a community, and callers who may not publish", async () => {
    const payload = readExample("indicator-for-c2-ip-address.json");
    const noCommunity = await t.app.inject({ method: "POST", url: "/api/intel/stix/import?defaultTlp=green", headers: { ...world.member.session.headers, "content-type": "application/json" }, payload });
    expect(noCommunity.statusCode).toBe(422);
    expect(noCommunity.json().error.fields[0]).toEqual({ field: "query.communityIds", reason: "TLP:green richiede almeno una comunità" });
    const employee = await t.app.inject({ method: "POST", url: "/api/intel/stix/import", headers: { ...world.recipient.session.headers, "content-type": "application/json" }, payload });
    expect(employee.statusCode).toBe(403);
  });

  it("imports a bundle uploaded as a file", async () => {
    const boundary = "----cittadella";
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bundle.json"\r\nContent-Type: application/json\r\n\r\n${readExample("indicator-for-c2-ip-address.json")}\r\n--${boundary}--\r\n`;
    const res = await t.app.inject({ method: "POST", url: importUrl(world).replace("/import?", "/import/file?"), headers: { ...world.author.session.headers, "content-type": `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0].stixId).toBe("indicator--33fe3b22-0201-47cf-85d0-97c02164528d");
    const stixTyped = await t.app.inject({ method: "POST", url: importUrl(world), headers: { ...world.author.session.headers, "content-type": "application/stix+json;version=2.1" }, payload: readExample("indicator-for-c2-ip-address.json") });
    expect(stixTyped.statusCode, stixTyped.body).toBe(200);
    expect(stixTyped.json().items[0].outcome).toBe("unchanged");
  });
});
