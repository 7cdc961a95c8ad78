import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type Database } from "../../server/db/client.ts";
import { makeOrganisation, makeUser, TEST_PASSWORD } from "../helpers/factories.ts";
import { startAppProcess, waitHealthy, type AppProcess } from "../helpers/app-process.ts";
import { startSmtpInbox, type SmtpInbox } from "../helpers/smtp-inbox.ts";

// Issue 2, "Scale": two separate `cittadella serve` processes on one PostgreSQL share sessions
// and jobs. Sign in through one, act through the other; enqueue through one, both work the
// queue, and every job runs exactly once.

const url = process.env.TEST_DATABASE_URL;
const JOBS = 40;

describe.skipIf(!url)("two app processes on one PostgreSQL (needs PostgreSQL: TEST_DATABASE_URL)", () => {
  const dbName = `cittadella_scale_${randomBytes(5).toString("hex")}`;
  let dbUrl: string;
  let database: Database;
  let inbox: SmtpInbox;
  let nodes: AppProcess[] = [];

  async function admin(statement: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin(`create database "${dbName}"`);
    const u = new URL(url!);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
    inbox = await startSmtpInbox();
    // both start on an empty database at once: migrations take turns under the advisory lock
    const env = { DATABASE_URL: dbUrl, SMTP_URL: inbox.url, DATA_DIR: `/tmp/${dbName}` };
    nodes = await Promise.all([startAppProcess(env), startAppProcess(env)]);
    await Promise.all(nodes.map((n) => waitHealthy(n, 45_000)));
    database = await openDatabase({ url: dbUrl, poolSize: 2 });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await database?.close();
    await inbox?.close();
    await admin(`drop database if exists "${dbName}" with (force)`);
  }, 30_000);

  async function call(node: AppProcess, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
    const res = await fetch(`${node.url}${path}`, {
      method,
      headers: { ...headers, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
  }

  it("shares sessions: signed in through one node, the user acts through the other", async () => {
    const org = await makeOrganisation(database.db, { name: "Comune Due Nodi" });
    const user = await makeUser(database.db, org.id, "admin");
    const [one, two] = nodes as [AppProcess, AppProcess];
    const login = await call(one, "POST", "/api/auth/login", {}, { email: user.email, password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith("cittadella_session="))!.split(";")[0]!;
    const auth = { cookie, "x-csrf-token": String(login.json.csrfToken) };

    const session = await call(two, "GET", "/api/auth/session", auth);
    expect(session.status).toBe(200);
    expect(session.json).toMatchObject({ user: { email: user.email }, currentOrgId: org.id });

    const rename = await call(two, "PATCH", `/api/orgs/${org.id}`, auth, { name: "Comune Due Nodi Rinominato" });
    expect(rename.status).toBe(200);
    const read = await call(one, "GET", `/api/orgs/${org.id}`, auth);
    expect(read.json.name).toBe("Comune Due Nodi Rinominato");

    // signing out on one node ends the session on the other at once
    expect((await call(two, "POST", "/api/auth/logout", auth)).status).toBe(200);
    expect((await call(one, "GET", "/api/auth/session", auth)).status).toBe(401);
  });

  it("shares the job queue: jobs enqueued through one node run exactly once across both", async () => {
    const org = await makeOrganisation(database.db, { name: "Comune Coda" });
    const user = await makeUser(database.db, org.id, "admin");
    const [one] = nodes as [AppProcess, AppProcess];
    const login = await call(one, "POST", "/api/auth/login", {}, { email: user.email, password: TEST_PASSWORD });
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith("cittadella_session="))!.split(";")[0]!;
    const auth = { cookie, "x-csrf-token": String(login.json.csrfToken) };

    // every invitation queues one mail job in the transaction that creates it
    const recipients = Array.from({ length: JOBS }, (_, i) => `coda-${i}-${randomBytes(3).toString("hex")}@example.it`);
    for (let i = 0; i < recipients.length; i += 8) {
      const batch = recipients.slice(i, i + 8);
      const replies = await Promise.all(batch.map((email) => call(one, "POST", `/api/orgs/${org.id}/invitations`, auth, { email, role: "employee" })));
      for (const r of replies) expect(r.status).toBe(201);
    }

    const deadline = Date.now() + 30_000;
    const pending = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from jobs where name = 'mail.send' and status <> 'done'`))[0]!.n;
    while (Date.now() < deadline && ((await pending()) > 0 || inbox.messages.length < JOBS)) {
      await new Promise((r) => setTimeout(r, 200));
    }
    // a second delivery, if any, would arrive within a few polls
    await new Promise((r) => setTimeout(r, 1_500));

    for (const email of recipients) expect(inbox.to(email), email).toHaveLength(1);
    const jobs = await queryRows<{ status: string; attempts: number; locked_by: string }>(database.db, sql`select status, attempts, locked_by from jobs where name = 'mail.send'`);
    expect(jobs).toHaveLength(JOBS);
    expect(jobs.filter((j) => j.status !== "done" || j.attempts !== 1)).toEqual([]);
    // both processes worked the queue
    expect(new Set(jobs.map((j) => j.locked_by)).size).toBe(2);
  }, 45_000);
});
