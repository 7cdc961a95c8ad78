import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { cliDatabase, runCommand, type CliDatabase } from "../../test/helpers/cli-database.ts";
import { makeOrganisation, makeUser, relate } from "../../test/helpers/factories.ts";
import { openDatabase, queryRows, type Db } from "../db/client.ts";
import { appendAudit } from "../platform/audit/audit.ts";
import { verifyAuditChain } from "../platform/audit/verify.ts";
import { issueApiToken } from "../platform/auth/api-tokens.ts";
import { jobs, schedules } from "../platform/jobs/jobs.tables.ts";
import { queueMail } from "../platform/mail/mailer.ts";
import { LocalFileStore } from "../platform/storage/file-store.ts";
import { storedFiles } from "../platform/storage/storage.tables.ts";
import { intelItems } from "../modules/intel/intel.tables.ts";
import { FILE_CHUNK_BYTES } from "./backup/format.ts";
import { restoreBackup } from "./backup/restore-backup.ts";
import { tablesInDependencyOrder } from "./backup/catalog.ts";

const work = mkdtempSync(join(tmpdir(), "cittadella-backup-test-"));
const backupFile = join(work, "cittadella.backup.gz");
let source: CliDatabase;
const fileBytes = new Map<string, Buffer>();

async function withDb<T>(target: CliDatabase, fn: (db: Db) => Promise<T>): Promise<T> {
  const database = await target.open();
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

/** Every table's rows as PostgreSQL's own JSON, sorted, so two databases compare exactly. */
async function snapshot(db: Db) {
  const tables = await tablesInDependencyOrder(db);
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await queryRows<{ j: string }>(db, sql.raw(`select row_to_json(t)::text as j from "${table}" t order by 1`));
    out[table] = rows.map((r) => r.j);
  }
  return out;
}

/** Drops the restore's own audit entry and the chain head it moved, leaving what the backup held. */
function withoutRestoreEntry(rows: Record<string, string[]>) {
  const audit = rows.audit_log!.filter((j) => JSON.parse(j).action !== "backup.restore");
  return { ...rows, audit_log: audit, audit_head: [] };
}

beforeAll(async () => {
  source = await cliDatabase();
  await withDb(source, async (db) => {
    const comune = await makeOrganisation(db, { name: "Comune di Àrborea \"test\"", ipaCode: "c_arb", fiscalCode: "80012345676" });
    const provider = await makeOrganisation(db, { name: "Fornitore", type: "it_provider" });
    await relate(db, "provider_of", provider.id, comune.id);
    const admin = await makeUser(db, comune.id, "admin", { name: "Zoë D'Angelo" });
    await makeUser(db, provider.id, "it_operator");
    await issueApiToken(db, { userId: admin.id, orgId: comune.id, name: "siem", scopes: ["audit:read", "files:read"], expiresAt: new Date("2027-01-01T10:00:00.123Z") });
    await queueMail(db, { to: "x@example.it", template: "invitation", locale: "it", orgId: comune.id, params: { inviter: "Zoë", orgName: "Àrborea", role: "Lettore", link: "http://l/i/abc" } });
    for (let i = 0; i < 3; i++) {
      await db.transaction((tx) =>
        appendAudit(tx, { actor: { userId: admin.id, email: admin.email }, ip: "2001:db8::1" }, { orgId: comune.id, action: "test.change", entityType: "thing", entityId: String(i), before: { nested: { list: [1, "due", null] } }, after: { ok: true } }),
      );
    }
    // two files, one larger than a chunk, stored the way uploads are
    const store = new LocalFileStore(join(source.dataDir, "files"));
    const big = Buffer.alloc(FILE_CHUNK_BYTES * 2 + 123);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 251;
    for (const [name, bytes] of [["piano.pdf", Buffer.from("%PDF-1.4\n%%EOF\n")], ["dati.bin", big]] as const) {
      const key = `${comune.id}/${crypto.randomUUID()}`;
      await store.put(key, bytes);
      fileBytes.set(key, bytes);
      await db.insert(storedFiles).values({ orgId: comune.id, uploadedBy: admin.id, originalName: name, mimeType: "application/pdf", sizeBytes: bytes.length, sha256: "x", storageKey: key });
    }
    // a table with a generated column (the intel search vector): restored by recomputing it
    await db.insert(intelItems).values({ kind: "advisory", stixId: "report--4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b", tlp: "clear", title: "Vulnerabilità nota", authorOrgId: comune.id, searchText: "server compromessi" });
  });
  const result = await runCommand(source.config, ["backup", backupFile]);
  expect(result.code, result.stderr).toBe(0);
});

afterAll(async () => {
  await source.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe("cittadella backup and restore", () => {
  it("restores into a fresh database with identical rows and files, and an intact audit chain", async () => {
    expect(readdirSync(work)).toEqual(["cittadella.backup.gz"]);
    const target = await cliDatabase();
    try {
      // a server started once on the target leaves its schedules and a job: still empty of records
      await withDb(target, async (db) => {
        await db.insert(schedules).values({ name: "platform.housekeeping", jobName: "platform.housekeeping", everySeconds: 3600, nextRunAt: new Date() });
        await db.insert(jobs).values({ name: "platform.housekeeping" });
      });
      const result = await runCommand(target.config, ["restore", backupFile]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("restore complete");
      const before = await withDb(source, snapshot);
      const after = await withDb(target, snapshot);
      expect(before.organisations).toHaveLength(2);
      expect(before.stored_files).toHaveLength(2);
      expect(withoutRestoreEntry(after)).toEqual(withoutRestoreEntry(before));
      for (const [key, bytes] of fileBytes) expect(readFileSync(join(target.dataDir, "files", key)).equals(bytes)).toBe(true);
      await withDb(target, async (db) => {
        expect((await verifyAuditChain(db)).ok).toBe(true);
        // sequences carry on after the restored ids
        await queueMail(db, { to: "y@example.it", template: "invitation", locale: "it", orgId: null, params: { inviter: "a", orgName: "b", role: "c", link: "d" } });
      });

      // a second restore finds the database in use and changes nothing
      const again = await runCommand(target.config, ["restore", backupFile]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("the database is not empty");
    } finally {
      await target.dispose();
    }
  });

  it("restores into the embedded database whichever backend wrote the backup", async () => {
    const database = await openDatabase({});
    const filesDir = join(work, "pglite-files");
    try {
      await database.migrate();
      const progress: number[] = [];
      const result = await restoreBackup(database, new LocalFileStore(filesDir), backupFile, (done) => progress.push(done));
      expect(result.files).toBe(2);
      expect(progress.at(-1)).toBe(result.rows + result.files);
      const before = await withDb(source, snapshot);
      expect(withoutRestoreEntry(await snapshot(database.db))).toEqual(withoutRestoreEntry(before));
    } finally {
      await database.close();
      rmSync(filesDir, { recursive: true, force: true });
    }
    // migrating an empty embedded database is the slow part on a busy machine
  }, 90_000);

  it("refuses a cut-off backup and leaves the target empty, files included", async () => {
    const lines = gunzipSync(readFileSync(backupFile)).toString().trimEnd().split("\n");
    const cut = join(work, "cut.backup.gz");
    writeFileSync(cut, gzipSync(lines.slice(0, -1).join("\n") + "\n"));
    const garbage = join(work, "garbage.backup.gz");
    writeFileSync(garbage, "not a backup at all");
    const target = await cliDatabase();
    try {
      // empty of records: only what a first start leaves (the academy's shipped starter curriculum)
      const before = await withDb(target, snapshot);
      const result = await runCommand(target.config, ["restore", cut]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("restore refused, nothing changed: backup incompleto / backup is cut off");
      const notGzip = await runCommand(target.config, ["restore", garbage]);
      expect(notGzip.code).toBe(1);
      expect(notGzip.stderr).toContain("not a valid gzip backup");
      expect(await withDb(target, snapshot)).toEqual(before);
      expect(Object.entries(before).filter(([table, rows]) => rows.length && table !== "academy_paths")).toEqual([]);
      const filesDir = join(target.dataDir, "files");
      // the cut-off backup had written both files before its end was found missing: both removed
      for (const key of fileBytes.keys()) expect(existsSync(join(filesDir, key))).toBe(false);
    } finally {
      await target.dispose();
    }
  });

  it("refuses to overwrite an existing file and explains its usage", async () => {
    const exists = await runCommand(source.config, ["backup", backupFile]);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toContain("file already exists");
    const usage = await runCommand(source.config, ["restore"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("cittadella restore <file>");
  });
});
