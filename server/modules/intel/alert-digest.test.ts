import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../../test/helpers/factories.ts";
import { startSmtpInbox, type SmtpInbox } from "../../../test/helpers/smtp-inbox.ts";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { enqueue } from "../../platform/jobs/queue.ts";
import { ALERT_DIGEST_JOB } from "./alert-digest.ts";
import { intelOrgProducts } from "./intel-alerts.tables.ts";
import { buildIntelWorld, sharingFor, type IntelWorld } from "./intel-world.test-helper.ts";
import { MATCH_ADVISORIES_JOB } from "./matching.ts";

// The daily digest, delivered through a real SMTP server: once per alert, to the security
// managers (or admins), and for TLP:AMBER only the title and a link.

let t: TestApp;
let inbox: SmtpInbox;
let world: IntelWorld;
let recipientManager: { email: string };
const ids: Record<string, string | undefined> = {};

async function advisory(level: Parameters<typeof sharingFor>[1], title: string, vendor: string) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/intel/advisories",
    headers: world.author.session.headers,
    payload: { sharing: sharingFor(world, level), title, summary: `Dettaglio riservato ${world.tag}`, severity: "critical", affectedProducts: [{ vendor, product: "mailer", versionEndExcluding: "3.0" }] },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function run(job: string) {
  await enqueue(t.ctx.db, job);
  await t.drainJobs();
}

beforeAll(async () => {
  inbox = await startSmtpInbox();
  t = await createTestApp({ SMTP_URL: inbox.url, PUBLIC_URL: "https://cittadella.example.it" });
  world = await buildIntelWorld(t);
  recipientManager = await makeUser(t.ctx.db, world.recipient.org.id, "security_manager");
  await t.ctx.db.insert(intelOrgProducts).values([
    { orgId: world.nonMember.org.id, vendor: `clearsoft${world.tag}`, product: "mailer", version: "2.1" },
    { orgId: world.recipient.org.id, vendor: `ambersoft${world.tag}`, product: "mailer", version: "2.9" },
  ]);
  ids.clear = await advisory("clear", `Falla pubblica ${world.tag}`, `clearsoft${world.tag}`);
  ids.amber = await advisory("amber", `Falla riservata ${world.tag}`, `ambersoft${world.tag}`);
  await run(MATCH_ADVISORIES_JOB);
  await run(ALERT_DIGEST_JOB);
});
afterAll(async () => {
  await t.close();
  await inbox.close();
});

describe("the daily alert digest", () => {
  it("mails a TLP:CLEAR alert in full to the organisation's admin when it has no security manager", () => {
    const [mail] = inbox.to(world.nonMember.user.email);
    expect(mail?.subject).toContain(world.nonMember.org.name);
    expect(mail!.text).toContain(`Falla pubblica ${world.tag}`);
    expect(mail!.text).toContain("gravità critica");
    expect(mail!.text).toContain(`clearsoft${world.tag} mailer 2.1`);
    expect(mail!.text).toContain(`https://cittadella.example.it/condivisione/${ids.clear}`);
    expect(mail!.text).not.toContain(`Falla riservata ${world.tag}`);
  });

  it("names a TLP:AMBER advisory and links to it, nothing more, and only to its security manager", () => {
    const mails = inbox.to(recipientManager.email);
    expect(mails).toHaveLength(1);
    const text = mails[0]!.text;
    const line = text.split("\n").findIndex((l) => l.includes(`Falla riservata ${world.tag}`));
    expect(text.split("\n")[line]!.trim()).toBe(`- TLP:AMBER · Falla riservata ${world.tag}`);
    expect(text.split("\n")[line + 1]!.trim()).toBe(`https://cittadella.example.it/condivisione/${ids.amber}`);
    expect(text).not.toContain("gravità");
    expect(text).not.toContain(`ambersoft${world.tag}`);
    expect(text).not.toContain(`Dettaglio riservato`);
    // the recipient organisation's employee is not a security manager: no mail
    expect(inbox.to(world.recipient.user.email)).toEqual([]);
  });

  it("mails each alert once", async () => {
    const before = inbox.messages.length;
    await run(ALERT_DIGEST_JOB);
    await run(MATCH_ADVISORIES_JOB);
    await run(ALERT_DIGEST_JOB);
    expect(inbox.messages.length).toBe(before);
  });
});
