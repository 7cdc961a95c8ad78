import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { jobs } from "../../platform/jobs/jobs.tables.ts";
import { enqueue } from "../../platform/jobs/queue.ts";
import { buildIntelWorld, type IntelWorld } from "./intel-world.test-helper.ts";
import { MATCH_ADVISORIES_JOB } from "./matching.ts";
import { signature, WEBHOOK_JOB } from "./webhooks.ts";

// Signed webhooks against a real HTTP server in this process: the signature checks out with the
// secret shown once, a receiver that is down gets the alert again later, AMBER travels as a title.

let t: TestApp;
let world: IntelWorld;
let server: Server;
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
const statuses: number[] = [];
let secret = "";

const webhookUrl = () => `/api/orgs/${world.member.org.id}/intel/webhook`;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // the receiver listens on loopback, which outbound calls may reach only when allowed
  t = await createTestApp({ PUBLIC_URL: "https://cittadella.example.it", OUTBOUND_ALLOW_NETWORKS: "127.0.0.0/8" });
  world = await buildIntelWorld(t);
  const res = await t.app.inject({ method: "PUT", url: webhookUrl(), headers: world.member.session.headers, payload: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` } });
  expect(res.statusCode, res.body).toBe(200);
  secret = res.json().secret;
  const product = await t.app.inject({ method: "POST", url: `/api/orgs/${world.member.org.id}/intel/products`, headers: world.member.session.headers, payload: { vendor: `hooksoft${world.tag}`, product: "portale", version: "1.0" } });
  expect(product.statusCode, product.body).toBe(201);
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => server.close(resolve));
});

async function advisory(sharing: Record<string, unknown>, title: string) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/intel/advisories",
    headers: world.author.session.headers,
    payload: { sharing, title, summary: "Dettaglio.", severity: "high", affectedProducts: [{ vendor: `hooksoft${world.tag}`, product: "portale" }] },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe("signed alert webhooks", () => {
  it("shows the secret once", async () => {
    expect(secret).toMatch(/^whsec_/);
    const res = await t.app.inject({ method: "GET", url: webhookUrl(), headers: world.member.session.headers });
    expect(res.json().webhook.url).toContain("/hook");
    expect(res.body).not.toContain(secret);
    expect((await t.app.inject({ method: "GET", url: webhookUrl(), headers: world.nonMember.session.headers })).statusCode).toBe(404);
  });

  it("refuses an address inside the server's network, naming the field, and keeps the webhook it had", async () => {
    for (const url of ["http://10.0.0.5/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/hook"]) {
      const res = await t.app.inject({ method: "PUT", url: webhookUrl(), headers: world.member.session.headers, payload: { url } });
      expect(res.statusCode, url).toBe(422);
      expect(res.json().error.fields[0].field).toBe("body.url");
    }
    const kept = await t.app.inject({ url: webhookUrl(), headers: world.member.session.headers });
    expect(kept.json().webhook.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it("POSTs a signed alert, and again after the receiver failed", async () => {
    const id = await advisory({ tlp: "green", communityIds: [world.community.id] }, `Portale vulnerabile ${world.tag}`);
    statuses.push(503);
    await enqueue(t.ctx.db, MATCH_ADVISORIES_JOB);
    await t.drainJobs();
    expect(received).toHaveLength(1);
    // the retry waits for its backoff; bring it forward instead of sleeping
    await t.ctx.db.update(jobs).set({ runAt: new Date() }).where(eq(jobs.name, WEBHOOK_JOB));
    await t.drainJobs();
    expect(received).toHaveLength(2);
    const last = received[1]!;
    const timestamp = String(last.headers["x-cittadella-timestamp"]);
    expect(last.headers["x-cittadella-signature"]).toBe(signature(secret, timestamp, last.body));
    expect(last.headers["x-cittadella-signature"]).not.toBe(signature("whsec_other", timestamp, last.body));
    const body = JSON.parse(last.body);
    expect(body).toMatchObject({ event: "intel.alert", advisory: { id, tlp: "green", title: `Portale vulnerabile ${world.tag}`, severity: "high" }, matchedProducts: [`hooksoft${world.tag} portale 1.0`] });
  });

  it("sends a TLP:AMBER advisory as its title and link only", async () => {
    const id = await advisory({ tlp: "amber", recipientOrgIds: [world.member.org.id] }, `Portale riservato ${world.tag}`);
    await enqueue(t.ctx.db, MATCH_ADVISORIES_JOB);
    await t.drainJobs();
    const body = JSON.parse(received.at(-1)!.body);
    expect(body.advisory).toEqual({ id, stixId: expect.any(String), tlp: "amber", title: `Portale riservato ${world.tag}`, link: `https://cittadella.example.it/condivisione/${id}` });
    expect(body.matchedProducts).toBeUndefined();
  });

  it("stops when the webhook is removed", async () => {
    expect((await t.app.inject({ method: "DELETE", url: webhookUrl(), headers: world.member.session.headers })).statusCode).toBe(200);
    const before = received.length;
    await advisory({ tlp: "clear" }, `Portale di nuovo ${world.tag}`);
    await enqueue(t.ctx.db, MATCH_ADVISORIES_JOB);
    await t.drainJobs();
    expect(received).toHaveLength(before);
  });
});
