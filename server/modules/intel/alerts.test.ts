import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { enqueue } from "../../platform/jobs/queue.ts";
import { buildIntelWorld, sharingFor, type IntelWorld } from "./intel-world.test-helper.ts";
import { MATCH_ADVISORIES_JOB } from "./matching.ts";

// Products an organisation runs, and the alerts published advisories raise for it: version
// ranges, CPE, TLP (an organisation is alerted only about what it may see), relaxing a marking.

let t: TestApp;
let world: IntelWorld;

type Org = "nonMember" | "member";
const orgOf = (who: Org) => world[who];
const products = (who: Org) => `/api/orgs/${orgOf(who).org.id}/intel/products`;
const alertsUrl = (who: Org) => `/api/orgs/${orgOf(who).org.id}/intel/alerts`;

async function addProduct(who: Org, payload: Record<string, unknown>) {
  const res = await t.app.inject({ method: "POST", url: products(who), headers: orgOf(who).session.headers, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; vendor: string; product: string; version: string | null };
}

async function advisory(level: Parameters<typeof sharingFor>[1], title: string, affectedProducts: Record<string, unknown>[]) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/intel/advisories",
    headers: world.author.session.headers,
    payload: { sharing: sharingFor(world, level), title, summary: "Aggiornare subito.", severity: "critical", affectedProducts },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function match() {
  await enqueue(t.ctx.db, MATCH_ADVISORIES_JOB);
  await t.drainJobs();
}

async function alertsOf(who: Org, query = "") {
  const res = await t.app.inject({ method: "GET", url: `${alertsUrl(who)}${query}`, headers: orgOf(who).session.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: string; itemId: string; title: string; matched: string[]; readAt: string | null }[];
}

const apache = { vendor: "apache", product: "http_server", versionStartIncluding: "2.4.0", versionEndExcluding: "2.4.58" };
const exchangeCpe = "cpe:2.3:a:microsoft:exchange_server:15.2:*:*:*:*:*:*:*";
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  world = await buildIntelWorld(t);
  await addProduct("nonMember", { vendor: "Apache", product: "HTTP_Server", version: "2.4.57" });
  await addProduct("member", { vendor: "apache", product: "http_server", version: "2.4.58" });
  await addProduct("member", { cpe: exchangeCpe });
  await addProduct("nonMember", { vendor: "Microsoft", product: "Exchange_Server", version: "15.2.0" });
  await addProduct("nonMember", { vendor: "fortinet", product: "fortios" });
  ids.apache = await advisory("clear", `Apache ${world.tag}`, [apache]);
  ids.exchange = await advisory("green", `Exchange ${world.tag}`, [{ vendor: "Microsoft", product: "Exchange_Server", cpe: exchangeCpe }]);
  ids.fortios = await advisory("amber+strict", `FortiOS ${world.tag}`, [{ vendor: "fortinet", product: "fortios" }]);
  await match();
});
afterAll(() => t.close());

describe("products an organisation runs", () => {
  it("lists them lower-cased, reading vendor, product and version from a CPE", async () => {
    const res = await t.app.inject({ method: "GET", url: products("member"), headers: world.member.session.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { vendor: string; product: string; version: string }) => `${p.vendor} ${p.product} ${p.version}`)).toEqual(["apache http_server 2.4.58", "microsoft exchange_server 15.2"]);
  });

  it("refuses a bad CPE or a missing product by field, and changes nothing", async () => {
    const before = (await t.app.inject({ method: "GET", url: products("member"), headers: world.member.session.headers })).json().items.length;
    const badCpe = await t.app.inject({ method: "POST", url: products("member"), headers: world.member.session.headers, payload: { cpe: "cpe:/a:old:format" } });
    expect(badCpe.statusCode).toBe(422);
    expect(badCpe.json().error.fields[0].field).toBe("body.cpe");
    const noProduct = await t.app.inject({ method: "POST", url: products("member"), headers: world.member.session.headers, payload: { vendor: "apache" } });
    expect(noProduct.statusCode).toBe(422);
    expect(noProduct.json().error.fields[0].field).toBe("body.product");
    expect((await t.app.inject({ method: "GET", url: products("member"), headers: world.member.session.headers })).json().items.length).toBe(before);
  });

  it("belongs to the organisation: 404 to another, 403 to its employees; removal works once", async () => {
    expect((await t.app.inject({ method: "GET", url: products("member"), headers: world.nonMember.session.headers })).statusCode).toBe(404);
    const employeeUrl = `/api/orgs/${world.recipient.org.id}/intel/products`;
    expect((await t.app.inject({ method: "GET", url: employeeUrl, headers: world.recipient.session.headers })).statusCode).toBe(403);
    const added = await addProduct("member", { vendor: "sonicwall", product: "sma100", version: "10.2" });
    const url = `${products("member")}/${added.id}`;
    expect((await t.app.inject({ method: "DELETE", url, headers: world.nonMember.session.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "DELETE", url, headers: world.member.session.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "DELETE", url, headers: world.member.session.headers })).statusCode).toBe(404);
  });
});

describe("alerts from published advisories", () => {
  it("alerts an organisation whose version is inside the range, not one just past it", async () => {
    const nonMember = await alertsOf("nonMember");
    expect(nonMember.map((a) => a.itemId)).toEqual([ids.apache]);
    expect(nonMember[0]!.matched).toEqual(["apache http_server 2.4.57"]);
    expect((await alertsOf("member")).map((a) => a.itemId)).not.toContain(ids.apache);
  });

  it("matches a CPE version, and only organisations that may see the advisory (GREEN: the community)", async () => {
    expect((await alertsOf("member")).map((a) => a.itemId)).toEqual([ids.exchange]);
    // nonMember runs Exchange 15.2.0 too, but is not in the community; AMBER+STRICT FortiOS goes to the recipient only
    expect((await alertsOf("nonMember")).map((a) => a.itemId)).not.toContain(ids.exchange);
    expect((await alertsOf("nonMember")).map((a) => a.itemId)).not.toContain(ids.fortios);
  });

  it("alerts once more organisations when the marking is relaxed, and never twice", async () => {
    const res = await t.app.inject({ method: "PUT", url: `/api/intel/items/${ids.exchange}/sharing`, headers: world.author.session.headers, payload: sharingFor(world, "clear") });
    expect(res.statusCode, res.body).toBe(200);
    await match();
    await match();
    expect((await alertsOf("nonMember")).map((a) => a.itemId).sort()).toEqual([ids.apache, ids.exchange].sort());
    expect((await alertsOf("member")).map((a) => a.itemId)).toEqual([ids.exchange]);
  });

  it("marks an alert read, for the organisation only", async () => {
    const [alert] = await alertsOf("member");
    const url = `${alertsUrl("member")}/${alert!.id}/read`;
    expect((await t.app.inject({ method: "POST", url: `${alertsUrl("nonMember")}/${alert!.id}/read`, headers: world.nonMember.session.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "POST", url, headers: world.member.session.headers })).statusCode).toBe(200);
    expect((await alertsOf("member"))[0]!.readAt).not.toBeNull();
    expect(await alertsOf("member", "?unread=true")).toEqual([]);
    expect((await t.app.inject({ method: "GET", url: alertsUrl("member"), headers: world.nonMember.session.headers })).statusCode).toBe(404);
  });
});

// last: it adds an alert to nonMember, which the tests above count exactly
describe("matching", () => {
  it("raises alerts as soon as an advisory is published, through the outbox, not at the next minute's sweep", async () => {
    // the sweep ran in beforeAll and is not due again for a minute: only the event can do this
    await addProduct("nonMember", { vendor: "zimbra", product: "collaboration", version: "9.0.0" });
    const id = await advisory("clear", "Zimbra: aggiornare subito", [{ vendor: "Zimbra", product: "Collaboration", versionEndExcluding: "9.0.1" }]);
    expect((await alertsOf("nonMember")).map((a) => a.itemId)).not.toContain(id);
    await t.drainJobs();
    expect((await alertsOf("nonMember")).map((a) => a.itemId)).toContain(id);
  });
});
