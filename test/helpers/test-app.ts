import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { buildApp } from "../../server/app.ts";
import { createContext } from "../../server/bootstrap.ts";
import { loadConfig } from "../../server/config.ts";
import { createLogger } from "../../server/logger.ts";
import type { AppContext } from "../../server/platform/context.ts";
import { Worker } from "../../server/platform/jobs/worker.ts";
import { openTestDatabase } from "./test-database.ts";

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  worker: Worker;
  /** runs job rounds until none is due: mail sent, events relayed */
  drainJobs(): Promise<void>;
  close(): Promise<void>;
}

/** A real app on a fresh database, driven with app.inject. */
export async function createTestApp(env: Record<string, string> = {}, options: { logStream?: DestinationStream } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "cittadella-app-"));
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: dataDir, ...env }, { dotenvFile: "/nonexistent" });
  const database = await openTestDatabase();
  const log = createLogger(config.LOG_LEVEL, options.logStream);
  const ctx = createContext(config, database, log);
  const app = await buildApp(ctx);
  await app.ready();
  const worker = new Worker(ctx.db, ctx.jobs, log);
  return {
    app,
    ctx,
    worker,
    async drainJobs() {
      for (let round = 0; round < 20; round++) {
        if ((await worker.tick()) === 0) return;
      }
    },
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
