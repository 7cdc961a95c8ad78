import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeApiToken } from "../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { intelItems } from "./intel.tables.ts";
import { buildIntelWorld, sharingFor, type IntelWorld } from "./intel-world.test-helper.ts";
import { inferObservableType } from "./observables.ts";

// The lookup for SIEMs and firewalls: exact matches after normalisation, TLP in the database,
// only active indicators, one bad value never spoils the batch, an oversized batch is refused.

let t: TestApp;
let world: IntelWorld;
const ids: Record<string, string | undefined> = {};
let domain = "";
let ipv6Stored = "";

async function share(level: Parameters<typeof sharingFor>[1], indicators: { type: string; value: string; validUntil?: string }[]) {
  const res = await t.app.inject({ method: "POST", url: "/api/intel/indicators", headers: world.author.session.headers, payload: { sharing: sharingFor(world, level), indicators } });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json().items as { id: string }[]).map((i) => i.id);
}

const lookup = (headers: Record<string, string>, observables: unknown[]) => t.app.inject({ method: "POST", url: "/api/intel/lookup", headers, payload: { observables } });

beforeAll(async () => {
  t = await createTestApp();
  world = await buildIntelWorld(t);
  domain = `phish-${world.tag}.example`;
  const n = parseInt(world.tag.slice(0, 4), 16).toString(16);
  ipv6Stored = `2001:db8::${n}`;
  [ids.domain, ids.ipv6] = await share("clear", [
    { type: "domain", value: domain },
    { type: "ipv6", value: `2001:0db8:0000:0000:0000:0000:0000:${n}` },
  ]);
  [ids.red] = await share("red", [{ type: "ipv4", value: "203.0.113.77" }]);
  [ids.expired] = await share("clear", [{ type: "domain", value: `old-${world.tag}.example`, validUntil: new Date(Date.now() + 86_400_000).toISOString() }]);
  // validity passed since: written straight to the row, the API refuses a past date on purpose
  await t.ctx.db.update(intelItems).set({ validUntil: new Date(Date.now() - 60_000) }).where(eq(intelItems.id, ids.expired!));
  [ids.withdrawn] = await share("clear", [{ type: "sha256", value: "a".repeat(64) }]);
  const res = await t.app.inject({ method: "POST", url: `/api/intel/items/${ids.withdrawn}/withdraw`, headers: world.author.session.headers });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => t.close());

describe("POST /api/intel/lookup", () => {
  it("finds indicators whatever case, trailing dot or IPv6 spelling the caller uses, inferring the type", async () => {
    const n = ipv6Stored.split("::")[1]!;
    const res = await lookup(world.sessions.nonMember.headers, [{ value: `${domain.toUpperCase()}.` }, { value: `2001:DB8:0:0::${n.toUpperCase()}` }, { type: "domain", value: "nothing-here.example" }, { value: domain }]);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.unrecognised).toEqual([]);
    expect(body.matches.map((m: { indicatorId: string }) => m.indicatorId).sort()).toEqual([ids.domain, ids.ipv6].sort());
    const d = body.matches.find((m: { indicatorId: string }) => m.indicatorId === ids.domain);
    expect(d).toMatchObject({ type: "domain", value: domain, tlp: "clear", observableIndexes: [0, 3] });
    expect(body.matches.find((m: { indicatorId: string }) => m.indicatorId === ids.ipv6)).toMatchObject({ type: "ipv6", value: ipv6Stored, observableIndexes: [1] });
  });

  it("applies TLP: a RED indicator answers its named recipient only", async () => {
    const observables = [{ value: "203.0.113.77" }];
    const named = await lookup(world.sessions.namedRecipient.headers, observables);
    expect(named.json().matches.map((m: { indicatorId: string }) => m.indicatorId)).toContain(ids.red);
    for (const caller of ["nonMember", "recipient", "communityMember"] as const) {
      const res = await lookup(world.sessions[caller].headers, observables);
      expect(res.statusCode).toBe(200);
      expect(res.json().matches.map((m: { indicatorId: string }) => m.indicatorId), caller).not.toContain(ids.red);
    }
  });

  it("does not answer with expired or withdrawn indicators", async () => {
    const res = await lookup(world.sessions.author.headers, [{ value: `old-${world.tag}.example` }, { value: "A".repeat(64) }, { value: domain }]);
    expect(res.json().matches.map((m: { indicatorId: string }) => m.indicatorId)).toEqual([ids.domain]);
  });

  it("works with an API token carrying intel:read, and refuses one without it", async () => {
    const { token } = await makeApiToken(t.ctx.db, world.named.user.id, world.named.org.id, ["intel:read"]);
    const res = await lookup({ authorization: `Bearer ${token}` }, [{ value: "203.0.113.77" }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().matches.map((m: { indicatorId: string }) => m.indicatorId)).toEqual([ids.red]);
    const other = await makeApiToken(t.ctx.db, world.named.user.id, world.named.org.id, ["identity:read"]);
    expect((await lookup({ authorization: `Bearer ${other.token}` }, [{ value: "203.0.113.77" }])).statusCode).toBe(403);
    expect((await lookup({}, [{ value: "203.0.113.77" }])).statusCode).toBe(401);
  });

  it("reports values it cannot read by field and still looks up the rest", async () => {
    const res = await lookup(world.sessions.nonMember.headers, [{ value: "not a thing!" }, { type: "ipv4", value: "999.1.1.1" }, { value: domain }]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unrecognised.map((u: { field: string }) => u.field)).toEqual(["body.observables.0.value", "body.observables.1.value"]);
    expect(body.unrecognised[1].reason).toContain("ipv4");
    expect(body.matches.map((m: { indicatorId: string }) => m.indicatorId)).toEqual([ids.domain]);
  });

  it("refuses more than 10,000 observables, an unknown type and an empty list, naming the field", async () => {
    const many = Array.from({ length: 11_000 }, (_, i) => ({ value: `10.0.${i >> 8}.${i & 255}` }));
    const tooMany = await lookup(world.sessions.nonMember.headers, many);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.fields.map((f: { field: string }) => f.field)).toContain("body.observables");
    const badType = await lookup(world.sessions.nonMember.headers, [{ type: "mutex", value: "x" }]);
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.fields[0].field).toBe("body.observables.0.type");
    expect((await lookup(world.sessions.nonMember.headers, [])).statusCode).toBe(400);
  });

  it("answers a full batch of 10,000 in one request", async () => {
    const batch = Array.from({ length: 10_000 }, (_, i) => ({ value: `10.1.${i >> 8}.${i & 255}` }));
    batch[9_999] = { value: domain };
    const res = await lookup(world.sessions.nonMember.headers, batch);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json().matches).toEqual([expect.objectContaining({ indicatorId: ids.domain, observableIndexes: [9_999] })]);
  });
});

describe("inferring an observable's type", () => {
  it.each([
    ["https://x.example/a", "url"],
    ["192.0.2.1", "ipv4"],
    ["[2001:db8::1]", "ipv6"],
    ["10.0.0.0/8", "cidr"],
    ["a@b.example", "email"],
    ["d41d8cd98f00b204e9800998ecf8427e", "md5"],
    ["da39a3ee5e6b4b0d3255bfef95601890afd80709", "sha1"],
    ["E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "sha256"],
    ["comune.example.it", "domain"],
  ])("%s is %s", (value, type) => expect(inferObservableType(value)).toBe(type));
});
