import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../server/db/client.ts";

// Migrate once, then every test file starts from a copy: a dump of a migrated PGlite, or on
// PostgreSQL a template database that each file clones with CREATE DATABASE ... TEMPLATE.
export const TEMPLATE_DB = "cittadella_test_template";

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  const dir = mkdtempSync(join(tmpdir(), "cittadella-test-"));
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const stale = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'cittadella_test_%'");
    for (const row of stale.rows) await admin.query(`drop database if exists "${row.datname}" with (force)`);
    await admin.query(`create database "${TEMPLATE_DB}"`);
    await admin.end();
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${TEMPLATE_DB}`;
    const database = await openDatabase({ url: templateUrl.toString(), poolSize: 1 });
    await database.migrate();
    await database.close();
    project.provide("pgTemplate", TEMPLATE_DB);
  } else {
    const database = await openDatabase({});
    await database.migrate();
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
