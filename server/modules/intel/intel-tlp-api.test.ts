import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { buildIntelWorld, callers, sharingFor, type Caller, type IntelWorld } from "./intel-world.test-helper.ts";

// The TLP matrix on the API channel: every level x every kind of caller, for one item (get),
// lists, search and the public page and feed. Who sees it is stated, not computed.

type Level = "clear" | "green" | "amber" | "amber-providers" | "amber+strict" | "red" | "anonymous-amber+strict";
const seenBy: Record<Level, Caller[]> = {
  clear: ["author", "communityMember", "nonMember", "recipient", "providerOfRecipient", "namedRecipient", "public"],
  green: ["author", "communityMember"],
  amber: ["author", "recipient"],
  "amber-providers": ["author", "recipient", "providerOfRecipient"],
  "amber+strict": ["author", "recipient"],
  red: ["author", "namedRecipient"],
  "anonymous-amber+strict": ["author", "recipient"],
};

let t: TestApp;
let world: IntelWorld;
const items: Record<Level, { id: string; word: string }> = {} as never;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildIntelWorld(t);
  const words = { clear: "alfa", green: "bravo", amber: "charlie", "amber-providers": "delta", "amber+strict": "echo", red: "foxtrot", "anonymous-amber+strict": "golf" };
  for (const level of Object.keys(seenBy) as Level[]) {
    const word = `${words[level]}${world.tag}`;
    const anonymous = level.startsWith("anonymous-");
    const sharing = sharingFor(world, (anonymous ? level.replace("anonymous-", "") : level) as Parameters<typeof sharingFor>[1]);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/intel/advisories",
      headers: world.author.session.headers,
      payload: { sharing, anonymous, title: `Vulnerabilità ${word} nei server di posta`, summary: `Sfruttamento attivo ${word}.`, severity: "high" },
    });
    expect(res.statusCode, res.body).toBe(201);
    items[level] = { id: res.json().id, word };
  }
});
afterAll(() => t.close());

const get = (url: string, caller: Caller) => t.app.inject({ method: "GET", url, headers: world.headers(caller) });

describe("TLP on the API: who sees each level", () => {
  for (const level of Object.keys(seenBy) as Level[]) {
    it(`${level}: one item, the list and search show it exactly to ${seenBy[level].join(", ")}`, async () => {
      const { id, word } = items[level];
      for (const caller of callers) {
        const expected = seenBy[level].includes(caller);
        if (caller === "public") {
          // without signing in only the public API answers; the signed-in one asks for a session
          expect((await get(`/api/intel/items/${id}`, caller)).statusCode).toBe(401);
          continue;
        }
        const one = await get(`/api/intel/items/${id}`, caller);
        expect(one.statusCode, `${caller} GET ${level}`).toBe(expected ? 200 : 404);
        if (!expected) expect(one.body).not.toContain(word);

        const list = await get(`/api/intel/items?limit=200`, caller);
        expect(list.statusCode).toBe(200);
        const listed = (list.json().items as { id: string }[]).some((i) => i.id === id);
        expect(listed, `${caller} list ${level}`).toBe(expected);

        const search = await get(`/api/intel/items?q=${word}`, caller);
        const found = (search.json().items as { id: string }[]).map((i) => i.id);
        expect(found, `${caller} search ${level}`).toEqual(expected ? [id] : []);

        // what hangs off an item follows the item's marking
        for (const part of ["comments", "sightings"]) {
          const res = await get(`/api/intel/items/${id}/${part}`, caller);
          expect(res.statusCode, `${caller} ${part} ${level}`).toBe(expected ? 200 : 404);
        }
      }
    });

    it(`${level}: the public page and the Atom feed show it only when CLEAR`, async () => {
      const { id, word } = items[level];
      const publicExpected = seenBy[level].includes("public");
      // a signed-in caller gets the public view too: its session adds nothing here
      for (const caller of ["public", "recipient", "author"] as Caller[]) {
        const one = await get(`/api/public/intel/items/${id}`, caller);
        expect(one.statusCode, `${caller} public ${level}`).toBe(publicExpected ? 200 : 404);
        const list = await get(`/api/public/intel/items?q=${word}`, caller);
        expect((list.json().items as { id: string }[]).map((i) => i.id)).toEqual(publicExpected ? [id] : []);
        const feed = await get(`/api/public/intel/feed.atom`, caller);
        expect(feed.statusCode).toBe(200);
        expect(feed.headers["content-type"]).toContain("application/atom+xml");
        expect(feed.body.includes(word), `${caller} feed ${level}`).toBe(publicExpected);
      }
    });
  }

  it("RED is for the named person, not for colleagues in the same organisation", async () => {
    const colleague = await t.app.inject({ method: "GET", url: `/api/intel/items/${items.red.id}`, headers: world.authorColleague.session.headers });
    // the colleague is in the AUTHOR's organisation, which always sees its own items
    expect(colleague.statusCode).toBe(200);
    const { makeUser, signIn } = await import("../../../test/helpers/factories.ts");
    const namedColleague = await makeUser(t.ctx.db, world.named.org.id, "admin");
    const session = await signIn(t.app, namedColleague.email);
    const res = await t.app.inject({ method: "GET", url: `/api/intel/items/${items.red.id}`, headers: session.headers });
    expect(res.statusCode).toBe(404);
  });

  it("filters by TLP, kind, severity and community agree with what the caller may see", async () => {
    const green = await get(`/api/intel/items?tlp=green&limit=200`, "communityMember");
    expect((green.json().items as { id: string }[]).map((i) => i.id)).toEqual([items.green.id]);
    const byCommunity = await get(`/api/intel/items?communityId=${world.community.id}`, "communityMember");
    expect((byCommunity.json().items as { id: string }[]).map((i) => i.id)).toEqual([items.green.id]);
    const high = await get(`/api/intel/items?kind=advisory&severity=high&limit=200`, "recipient");
    expect((high.json().items as { id: string }[]).map((i) => i.id).sort()).toEqual(
      [items.clear.id, items.amber.id, items["amber-providers"].id, items["amber+strict"].id, items["anonymous-amber+strict"].id].sort(),
    );
    const low = await get(`/api/intel/items?severity=low`, "author");
    expect(low.json().items).toEqual([]);
  });
});
