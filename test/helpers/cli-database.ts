import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { parseArgs } from "node:util";
import { inject } from "vitest";
import { openConfiguredDatabase } from "../../server/bootstrap.ts";
import { commands } from "../../server/cli/commands.ts";
import { loadConfig, type Config } from "../../server/config.ts";
import { openDatabase, type Database } from "../../server/db/client.ts";
import { createLogger } from "../../server/logger.ts";
import { openTestDatabase } from "./test-database.ts";

/**
 * A migrated database the way the CLI finds it: through DATA_DIR (PGlite) or DATABASE_URL
 * (PostgreSQL, when TEST_DATABASE_URL is set). `open()` gives a handle for checks; with PGlite
 * close it before running a command, since one process owns a data directory at a time.
 */
export interface CliDatabase {
  config: Config;
  dataDir: string;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

export async function cliDatabase(): Promise<CliDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), "cittadella-cli-"));
  const base = { NODE_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: dataDir };
  if (process.env.TEST_DATABASE_URL) {
    const database = await openTestDatabase();
    const config = loadConfig({ ...base, DATABASE_URL: database.url! }, { dotenvFile: "/nonexistent" });
    return {
      config,
      dataDir,
      open: () => openConfiguredDatabase(config, 2),
      async dispose() {
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const seeded = await openDatabase({ dataDir: join(dataDir, "pglite"), loadDataDir: new Blob([readFileSync(inject("pgliteDump"))]) });
  await seeded.close();
  const config = loadConfig(base, { dotenvFile: "/nonexistent" });
  return {
    config,
    dataDir,
    open: () => openConfiguredDatabase(config),
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs a `cittadella` command in this process with its own streams; returns exit code and output. */
export async function runCommand(config: Config, argv: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  const [name, ...rest] = argv;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (c: Buffer) => out.push(c));
  stderr.on("data", (c: Buffer) => err.push(c));
  const code = await commands[name!]!({
    config,
    log: createLogger("silent"),
    argv: rest,
    parseArgs,
    io: { stdin: Readable.from([options.stdin ?? ""]), stdout, stderr },
    env: options.env ?? {},
  });
  return { code: code ?? 0, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}
