import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../server/db/client.ts";
import { publishStarterCurriculum } from "../server/modules/academy/publish-starter.ts";

// Migrate once, then every test file starts from a copy: a dump of a migrated PGlite, or on
// PostgreSQL a template database that each file clones with CREATE DATABASE ... TEMPLATE.
// Each run migrates its own template, so runs sharing one PostgreSQL (parallel CI jobs, several
// developers) neither drop nor reuse each other's databases.
export const TEMPLATE_DB = "cittadella_test_template";

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  const dir = mkdtempSync(join(tmpdir(), "cittadella-test-"));
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // leftovers of crashed runs: only those nobody is connected to, and never another run's template
    const stale = await admin.query<{ datname: string }>(`
      select d.datname from pg_database d
      where d.datname like 'cittadella_test_%' and d.datname not like '${TEMPLATE_DB}_%'
        and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)`);
    for (const row of stale.rows) await admin.query(`drop database if exists "${row.datname}"`).catch(() => {});
    const template = `${TEMPLATE_DB}_${randomBytes(4).toString("hex")}`;
    await admin.query(`create database "${template}"`);
    await admin.end();
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${template}`;
    const database = await openDatabase({ url: templateUrl.toString(), poolSize: 1 });
    await database.migrate();
    // what every server publishes on its first start, so test files do not each pay for it
    await publishStarterCurriculum(database.db);
    await database.close();
    project.provide("pgTemplate", template);
    return async () => {
      rmSync(dir, { recursive: true, force: true });
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${template}" with (force)`);
      await cleanup.end();
    };
  } else {
    const database = await openDatabase({});
    await database.migrate();
    // what every server publishes on its first start, so test files do not each pay for it
    await publishStarterCurriculum(database.db);
    const blob = await database.dump!();
    const file = join(dir, "migrated.tar");
    writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    await database.close();
    project.provide("pgliteDump", file);
  }
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDump: string;
    pgTemplate: string;
  }
}
