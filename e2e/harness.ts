import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startSmtpInbox, type ReceivedMail } from "../test/helpers/smtp-inbox.ts";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** The demo accounts' password in every e2e run. */
export const DEMO_PASSWORD = "Cittadella-e2e-Pr0va!";

/** A message received over SMTP; `text` is its decoded body without headers. */
export interface E2eMail extends ReceivedMail {
  text: string;
}

export interface RunningServer {
  url: string;
  /** mail the server sent through SMTP during the run */
  mail: { messages: ReceivedMail[]; waitFor(to: string, count?: number): Promise<E2eMail> };
  stop(): Promise<void>;
}

let current: RunningServer | null = null;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cittadella_e2e_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy in time:\n${output()}`);
}

/**
 * Spawns the real server (`tsx server/cli.ts serve`) with demo data on a fresh embedded database,
 * or on a new PostgreSQL database when TEST_DATABASE_URL is set; mail goes to an in-process SMTP
 * server. Needs web/dist (`npm run test:e2e` builds it).
 */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "cittadella-e2e-"));
  const inbox = await startSmtpInbox();
  const postgres = process.env.TEST_DATABASE_URL ? await createPostgresDatabase(process.env.TEST_DATABASE_URL) : null;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: String(port),
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    CITTADELLA_DEMO_PASSWORD: DEMO_PASSWORD,
    SMTP_URL: inbox.url,
    ...(postgres ? { DATABASE_URL: postgres.url, DEMO_DATA: "true" } : {}),
  };
  const child = spawn(join(repoRoot, "node_modules/.bin/tsx"), ["server/cli.ts", "serve"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  try {
    await waitForHealth(url, child, () => log);
  } catch (error) {
    child.kill("SIGKILL");
    await inbox.close();
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const server: RunningServer = {
    url,
    mail: {
      messages: inbox.messages,
      async waitFor(to, count = 1) {
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline) {
          const received = inbox.to(to);
          const mail = received[count - 1];
          if (mail) return { ...mail, text: mail.raw.split(/\r?\n\r?\n/).slice(1).join("\n\n") };
          await new Promise((r) => setTimeout(r, 200));
        }
        throw new Error(`no mail #${count} to ${to} within 30 s`);
      },
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await inbox.close();
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
      if (current === server) current = null;
    },
  };
  current = server;
  return server;
}

export interface OpenBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile; relative URLs go to the started server. */
export async function openBrowser(options: { baseURL?: string; locale?: string } = {}): Promise<OpenBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "cittadella-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    baseURL: options.baseURL ?? current?.url,
    locale: options.locale ?? "it-IT",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form and waits for the dashboard (or the MFA step when one is due). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, options: { expectMfa?: boolean } = {}) {
  await page.goto("/accedi");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Accedi", exact: true }).click();
  await page.waitForURL(options.expectMfa ? /\/accedi\/verifica/ : (u) => !u.pathname.startsWith("/accedi"));
}

const axeSource = readFileSync(join(repoRoot, "node_modules/axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page; fails listing every violation. */
export async function expectNoAxeViolations(page: Page, label = page.url()) {
  // evaluate, not addScriptTag: the CSP forbids inline scripts but not the devtools protocol
  await page.evaluate(axeSource);
  const options = { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };
  // a string, so this file needs no DOM types; Playwright awaits the promise
  const violations = (await page.evaluate(`axe.run(document, ${JSON.stringify(options)}).then((r) => r.violations)`)) as AxeViolation[];
  if (violations.length === 0) return;
  const lines = violations.flatMap((v) => [
    `- ${v.id} (${v.impact ?? "?"}): ${v.help} ${v.helpUrl}`,
    ...v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, " ")}` : ""}`),
  ]);
  throw new Error(`axe found ${violations.length} accessibility violation(s) on ${label}:\n${lines.join("\n")}`);
}
