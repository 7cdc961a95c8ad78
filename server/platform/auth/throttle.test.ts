import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeUser, TEST_PASSWORD } from "../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { loginFailures } from "./auth.tables.ts";
import { addressKey, recordFailure, reserveAttempt } from "./throttle.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.ctx.db.delete(loginFailures);
});

const ATTACKER = "198.51.100.66";
const OWNER = "203.0.113.10";
const attempt = (email: string, password: string, remoteAddress: string) =>
  t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, remoteAddress, headers: { "accept-language": "en" } });
/** Moves every recorded failure back past the 15-minute window, as if the time had passed. */
const letWindowPass = () => t.ctx.db.update(loginFailures).set({ at: sql`${loginFailures.at} - interval '16 minutes'` });

describe("sign-in throttling", () => {
  it("blocks an address after five failures on an account, even with the right password", async () => {
    const victim = await makeUser(t.ctx.db, null);
    for (let i = 0; i < 5; i++) expect((await attempt(i === 2 ? victim.email.toUpperCase() : victim.email, `sbagliata-${i}`, ATTACKER)).statusCode).toBe(401);
    const blocked = await attempt(victim.email, TEST_PASSWORD, ATTACKER);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers["retry-after"]).toBe("900");
    expect(blocked.json().error).toMatchObject({ code: "too_many_attempts", message: "Too many attempts. Try again in a few minutes." });
    expect(blocked.cookies).toHaveLength(0);
  });

  it("lets the owner sign in from another address while one address is blocked", async () => {
    const victim = await makeUser(t.ctx.db, null);
    for (let i = 0; i < 5; i++) await attempt(victim.email, `sbagliata-${i}`, ATTACKER);
    expect((await attempt(victim.email, TEST_PASSWORD, ATTACKER)).statusCode).toBe(429);
    expect((await attempt(victim.email, TEST_PASSWORD, OWNER)).statusCode).toBe(200);
  });

  it("ends a block by itself after the window, and attempts while blocked do not prolong it", async () => {
    const victim = await makeUser(t.ctx.db, null);
    for (let i = 0; i < 5; i++) await attempt(victim.email, `sbagliata-${i}`, ATTACKER);
    for (let i = 0; i < 10; i++) expect((await attempt(victim.email, "ancora-sbagliata", ATTACKER)).statusCode).toBe(429);
    expect(await t.ctx.db.select().from(loginFailures).where(eq(loginFailures.email, victim.email))).toHaveLength(5);
    await letWindowPass();
    expect((await attempt(victim.email, TEST_PASSWORD, ATTACKER)).statusCode).toBe(200);
  });

  it("blocks an address guessing many accounts, but not other addresses", async () => {
    const victim = await makeUser(t.ctx.db, null);
    for (let i = 0; i < 30; i++) await recordFailure(t.ctx.db, `utente${i}@example.it`, ATTACKER);
    expect((await attempt(victim.email, TEST_PASSWORD, ATTACKER)).statusCode).toBe(429);
    expect((await attempt(victim.email, TEST_PASSWORD, OWNER)).statusCode).toBe(200);
    await letWindowPass();
    expect((await attempt(victim.email, TEST_PASSWORD, ATTACKER)).statusCode).toBe(200);
  });

  it("cuts a distributed attack to one guess per address without locking the owner out", async () => {
    const victim = await makeUser(t.ctx.db, null);
    // 60 addresses, one failure each: no single address reaches its own limit
    for (let i = 1; i <= 60; i++) await recordFailure(t.ctx.db, victim.email, `192.0.2.${i}`);
    expect((await attempt(victim.email, "sbagliata", "192.0.2.7")).statusCode).toBe(429);
    // an address that has not failed on this account, such as the owner's, still gets in
    expect((await attempt(victim.email, TEST_PASSWORD, OWNER)).statusCode).toBe(200);
    // a fresh attacking address gets its one guess, then joins the blocked ones
    expect((await attempt(victim.email, "sbagliata", "192.0.2.200")).statusCode).toBe(401);
    expect((await attempt(victim.email, TEST_PASSWORD, "192.0.2.200")).statusCode).toBe(429);
    await letWindowPass();
    expect((await attempt(victim.email, TEST_PASSWORD, "192.0.2.7")).statusCode).toBe(200);
  });

  it("gives a burst of parallel guesses from one address no more than five tries", async () => {
    const victim = await makeUser(t.ctx.db, null);
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(victim.email, `sbagliata-${i}`, ATTACKER)));
    const codes = replies.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(15);
  });

  it("counts an IPv6 address as its /64, so rotating addresses gains nothing", async () => {
    const victim = await makeUser(t.ctx.db, null);
    for (let i = 1; i <= 5; i++) expect((await attempt(victim.email, "sbagliata", `2001:db8:1:2::${i.toString(16)}`)).statusCode).toBe(401);
    expect((await attempt(victim.email, TEST_PASSWORD, "2001:db8:1:2:abcd:ef01:2345:6789")).statusCode).toBe(429);
    expect((await attempt(victim.email, TEST_PASSWORD, "2001:db8:1:3::1")).statusCode).toBe(200);
  });
});

describe("reserving attempts", () => {
  it("lets exactly five of a burst of parallel attempts through, and counts each", async () => {
    const email = "bersaglio@example.it";
    const results = await Promise.all(Array.from({ length: 20 }, () => reserveAttempt(t.ctx.db, email, ATTACKER)));
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await t.ctx.db.select().from(loginFailures).where(eq(loginFailures.email, email))).toHaveLength(5);
    expect(await reserveAttempt(t.ctx.db, email, OWNER)).toBe(true);
    await letWindowPass();
    expect(await reserveAttempt(t.ctx.db, email, ATTACKER)).toBe(true);
  });
});

describe("address keys", () => {
  it("keeps IPv4, unwraps IPv4-mapped IPv6 and reduces IPv6 to its /64", () => {
    expect(addressKey("198.51.100.66")).toBe("198.51.100.66");
    expect(addressKey("::ffff:198.51.100.66")).toBe("198.51.100.66");
    expect(addressKey("2001:0DB8:0001:0002:0000:0000:0000:0001")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2::dead:beef")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressKey("64:ff9b:1:2::198.51.100.66")).toBe("64:ff9b:1:2::/64");
  });
});
