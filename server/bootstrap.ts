import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "./config.ts";
import { openDatabase, type Database } from "./db/client.ts";
import type { AppContext } from "./platform/context.ts";
import { createRegistry } from "./platform/jobs/worker.ts";
import { createMailSender, MAIL_JOB } from "./platform/mail/mailer.ts";
import { LocalFileStore } from "./platform/storage/file-store.ts";
import { purgeExpiredSessions } from "./platform/auth/sessions.ts";
import { purgeOldFailures } from "./platform/auth/throttle.ts";
import { modules } from "./modules/index.ts";
import { createActorResolver } from "./modules/identity/index.ts";

export function openConfiguredDatabase(config: Config, poolSize?: number): Promise<Database> {
  return config.DATABASE_URL
    ? openDatabase({ url: config.DATABASE_URL, poolSize })
    : openDatabase({ dataDir: join(config.DATA_DIR, "pglite") });
}

/** Everything a process needs, wired once: database, jobs, mail, storage, modules' jobs. */
export function createContext(config: Config, database: Database, log: FastifyBaseLogger): AppContext {
  const jobs = createRegistry();
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    log,
    sessionPolicy: { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS },
    fileStore: new LocalFileStore(join(config.DATA_DIR, "files")),
    jobs,
    resolveActor: createActorResolver(database.db),
  };
  jobs.handle(MAIL_JOB, createMailSender(database.db, { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM }));
  jobs.handle("platform.housekeeping", async () => {
    await purgeExpiredSessions(database.db, ctx.sessionPolicy);
    await purgeOldFailures(database.db);
    // PGlite runs no autovacuum, so nothing else refreshes the planner's statistics; without them
    // list queries ignore their indexes (measured in bench/: 16 ms instead of 0.5 ms for a page of members)
    if (database.kind === "pglite") await database.db.execute(sql`analyze`);
  });
  jobs.every("platform.housekeeping", "platform.housekeeping", 3_600);
  for (const module of modules) module.registerJobs?.(ctx);
  return ctx;
}
