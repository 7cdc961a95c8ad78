import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, TEST_PASSWORD, type SignedIn } from "../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../test/helpers/test-app.ts";
import { seedDemo } from "./seed.ts";

// The demo hub on a fresh database: what the comune's security manager sees by TLP through the
// API, the anonymous report without author, and the community's TAXII collection with HTTP Basic.

const TAXII = "application/taxii+json;version=2.1";
type Item = { id: string; kind: string; stixId: string; title: string; tlp: string; anonymous: boolean; author: { orgName: string } | null; advisory: { cveIds: string[]; indicatorIds: string[] } | null; indicator: { type: string } | null };

let t: TestApp;
let sergio: SignedIn;
let items: Item[];
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx.db, TEST_PASSWORD, { secretKey: t.ctx.config.secretKey });
  sergio = await signIn(t.app, "sicurezza@comune.demo");
  const res = await t.app.inject({ method: "GET", url: "/api/intel/items?limit=200", headers: sergio.headers });
  expect(res.statusCode, res.body).toBe(200);
  items = res.json().items;
});
afterAll(() => t.close());

const titles = (list: Item[]) => list.map((i) => i.title).sort();
const ofKind = (kind: string, tlp: string) => items.filter((i) => i.kind === kind && i.tlp === tlp);
const basic = (user: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`, accept: TAXII });

describe("demo threat-intelligence hub", () => {
  it("shows the comune's security manager the community's items at each TLP level", async () => {
    expect(titles(ofKind("advisory", "clear"))).toEqual(["Campagna di phishing con falsi avvisi di pagamento PagoPA"]);
    expect(titles(ofKind("advisory", "green"))).toEqual(["FortiOS SSL VPN: vulnerabilità sfruttata attivamente (CVE-2024-21762)"]);
    expect(titles(ofKind("advisory", "amber"))).toEqual(["Accessi sospetti alla VPN del Comune di Demo"]);
    expect(titles(ofKind("experience_report", "green"))).toHaveLength(1);
    const indicatorTypes = new Set(items.filter((i) => i.kind === "indicator").map((i) => i.indicator!.type));
    expect([...indicatorTypes].sort()).toEqual(["domain", "email", "ipv4", "ipv6", "sha256", "url"]);
    // the advisory links its indicators, all visible to the comune
    const fortiOs = ofKind("advisory", "green")[0]!;
    expect(fortiOs.advisory!.cveIds).toEqual(["CVE-2024-21762"]);
    expect(fortiOs.advisory!.indicatorIds).toHaveLength(2);
    expect(fortiOs.author).toMatchObject({ orgName: "SIA Demo" });
    const comments = await t.app.inject({ method: "GET", url: `/api/intel/items/${fortiOs.id}/comments`, headers: sergio.headers });
    expect(comments.json().items).toEqual([expect.objectContaining({ author: { orgName: "Comune di Demo", name: "Sergio Sicurezza" } })]);
    const phishingDomain = items.find((i) => i.indicator?.type === "domain")!;
    const sightings = await t.app.inject({ method: "GET", url: `/api/intel/items/${phishingDomain.id}/sightings`, headers: sergio.headers });
    expect(sightings.json()).toEqual({ organisations: 1, total: 3 });
  });

  it("shows the AMBER advisory to the comune's IT provider too, and only the CLEAR items to the public", async () => {
    const amber = ofKind("advisory", "amber")[0]!;
    const technician = await signIn(t.app, "tecnico@sia.demo");
    expect((await t.app.inject({ method: "GET", url: `/api/intel/items/${amber.id}`, headers: technician.headers })).statusCode).toBe(200);
    const publicList = await t.app.inject({ method: "GET", url: "/api/public/intel/items?limit=200" });
    expect(publicList.statusCode, publicList.body).toBe(200);
    const publicItems = publicList.json().items as Item[];
    expect(publicItems.map((i) => i.id).sort()).toEqual(items.filter((i) => i.tlp === "clear").map((i) => i.id).sort());
    expect(publicItems).toHaveLength(6);
  });

  it("publishes the experience report with no author, to the comune as to its author", async () => {
    const [report] = ofKind("experience_report", "green");
    expect(report).toMatchObject({ anonymous: true, author: null });
    const technician = await signIn(t.app, "tecnico@sia.demo");
    const seenByAuthor = (await t.app.inject({ method: "GET", url: `/api/intel/items/${report!.id}`, headers: technician.headers })).json();
    expect(seenByAuthor).toMatchObject({ anonymous: true, author: null });
    // the author's organisation still recognises it (the seed used the server's key) and sees its sharing; the comune does not
    expect(seenByAuthor.sharing).toMatchObject({ communityIds: [expect.any(String)] });
    expect((report as Item & { sharing: unknown }).sharing).toBeNull();
    const collections = (await t.app.inject({ method: "GET", url: "/taxii2/api/collections/", headers: basic("sicurezza@comune.demo", TEST_PASSWORD) })).json().collections as { id: string; title: string }[];
    const communityId = collections.find((c) => c.title === "Cyber Secure City Demo")!.id;
    const stix = await t.app.inject({ method: "GET", url: `/taxii2/api/collections/${communityId}/objects/?match[id]=${report!.stixId}`, headers: basic("sicurezza@comune.demo", TEST_PASSWORD) });
    expect(stix.statusCode, stix.body).toBe(200);
    const [incident] = stix.json().objects as { type: string; created_by_ref?: string }[];
    expect(incident).toMatchObject({ type: "incident" });
    expect(incident!.created_by_ref).toBeUndefined();
  });

  it("lets the security manager read and write the community's TAXII collection with email and password", async () => {
    const res = await t.app.inject({ method: "GET", url: "/taxii2/api/collections/", headers: basic("sicurezza@comune.demo", TEST_PASSWORD) });
    expect(res.statusCode, res.body).toBe(200);
    const collection = (res.json().collections as { id: string; title: string; can_read: boolean; can_write: boolean }[]).find((c) => c.title === "Cyber Secure City Demo");
    expect(collection).toMatchObject({ can_read: true, can_write: true });
    const objects = await t.app.inject({ method: "GET", url: `/taxii2/api/collections/${collection!.id}/objects/?limit=1000`, headers: basic("sicurezza@comune.demo", TEST_PASSWORD) });
    expect(objects.statusCode, objects.body).toBe(200);
    const stixIds = new Set((objects.json().objects as { id: string }[]).map((o) => o.id));
    for (const item of items) expect(stixIds, item.title).toContain(item.stixId);
    const wrong = await t.app.inject({ method: "GET", url: "/taxii2/api/collections/", headers: basic("sicurezza@comune.demo", "sbagliata") });
    expect(wrong.statusCode).toBe(401);
  });
});
