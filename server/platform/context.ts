import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../config.ts";
import type { Database, Db } from "../db/client.ts";
import type { SessionPolicy } from "./auth/sessions.ts";
import type { FileStore } from "./storage/file-store.ts";
import type { createRegistry } from "./jobs/worker.ts";
import type { ActorResolver } from "./auth/authenticate.ts";

/** What every module's routes and jobs are given: no globals, so tests build as many apps as they like. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  log: FastifyBaseLogger;
  sessionPolicy: SessionPolicy;
  fileStore: FileStore;
  jobs: ReturnType<typeof createRegistry>;
  resolveActor: ActorResolver;
}
