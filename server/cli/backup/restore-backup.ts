import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { sql } from "drizzle-orm";
import { queryRows, type Database, type Tx } from "../../db/client.ts";
import { appendAudit } from "../../platform/audit/audit.ts";
import type { FileStore } from "../../platform/storage/file-store.ts";
import { quoteIdent, resetSequences, schemaVersion, tablesInDependencyOrder } from "./catalog.ts";
import { BACKUP_FORMAT, BACKUP_VERSION, BackupError, type BackupHeader, type BackupLine } from "./format.ts";

const INSERT_BATCH = 500;

/**
 * Tables a server fills by merely starting (job schedules, housekeeping jobs, sign-in throttling).
 * A database holding rows only there still counts as empty, so a restore works after a first
 * start; those rows are replaced by the backup's, inside the same transaction.
 */
const runtimeTables = ["jobs", "schedules", "outbox_events", "login_failures"];
/**
 * Rows a server writes on its first start in tables that otherwise hold records: the academy's
 * starter curriculum (paths with no author). They give way to the backup's the same way.
 */
const shippedRows: Record<string, string> = { academy_paths: "created_by is null" };

async function checkTarget(tx: Tx, header: BackupHeader) {
  const here = await schemaVersion(tx);
  if (here.last !== header.schema.last || here.migrations !== header.schema.migrations) {
    throw new BackupError(
      `la versione dello schema non corrisponde / schema version differs: backup ${header.schema.migrations} (${header.schema.last?.slice(0, 12)}), ` +
        `database ${here.migrations} (${here.last?.slice(0, 12)}). Usa la stessa versione di Cittadella / use the same Cittadella version.`,
    );
  }
  const tables = await tablesInDependencyOrder(tx);
  for (const { name } of header.tables) {
    if (!tables.includes(name)) throw new BackupError(`tabella sconosciuta / unknown table: ${name}`);
  }
  for (const name of tables.filter((t) => !runtimeTables.includes(t))) {
    const records = shippedRows[name] ? ` where not (${shippedRows[name]})` : "";
    const [row] = await queryRows<{ any: boolean }>(tx, sql.raw(`select exists (select 1 from ${quoteIdent(name)}${records}) as any`));
    if (row?.any) throw new BackupError(`il database non è vuoto / the database is not empty (table ${name})`);
  }
  // nothing of record is here: what a started server left in its machinery gives way to the backup
  for (const name of runtimeTables.filter((t) => tables.includes(t))) await tx.execute(sql.raw(`delete from ${quoteIdent(name)}`));
  for (const [name, where] of Object.entries(shippedRows)) {
    if (tables.includes(name)) await tx.execute(sql.raw(`delete from ${quoteIdent(name)} where ${where}`));
  }
}

async function insertRows(tx: Tx, table: string, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  // generated columns (e.g. intel_items.search_vector) cannot be written: the database computes them again
  const columns = await queryRows<{ name: string }>(
    tx,
    sql`select column_name as name from information_schema.columns
        where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`,
  );
  const list = sql.raw(columns.map((c) => quoteIdent(c.name)).join(", "));
  // json_populate_recordset lets PostgreSQL turn the JSON back into each column's own type
  await tx.execute(
    sql`insert into ${sql.identifier(table)} (${list}) overriding system value
        select ${list} from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::json)`,
  );
}

/**
 * Restores a backup into an empty, migrated database: all rows in one transaction, the files
 * through the FileStore. Anything wrong (a bad line, a cut-off file, a checksum) rolls back the
 * rows and removes the files already written, so the target stays empty.
 */
export async function restoreBackup(
  database: Database,
  fileStore: FileStore,
  path: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ rows: number; files: number; header: BackupHeader }> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async (): Promise<unknown> => {
    const { value, done } = await lines.next();
    if (done) return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw new BackupError("riga non valida nel backup / malformed line in the backup");
    }
  };
  const stored: string[] = [];
  try {
    const header = (await next()) as BackupHeader | undefined;
    if (header?.format !== BACKUP_FORMAT || header.version !== BACKUP_VERSION) {
      throw new BackupError("non è un backup di Cittadella di una versione nota / not a Cittadella backup of a known version");
    }
    const total = header.tables.reduce((sum, t) => sum + t.rows, 0) + header.files;
    const counted = await database.db.transaction(async (tx) => {
      await checkTarget(tx, header);
      let done = 0;
      let rows = 0;
      let files = 0;
      let batch: Record<string, unknown>[] = [];
      let batchTable = "";
      const flush = async () => {
        await insertRows(tx, batchTable, batch);
        done += batch.length;
        batch = [];
        onProgress?.(done, total);
      };
      onProgress?.(0, total);
      for (;;) {
        const line = (await next()) as BackupLine | undefined;
        if (!line) throw new BackupError("backup incompleto / backup is cut off");
        if ("table" in line) {
          if (line.table !== batchTable || batch.length >= INSERT_BATCH) await flush();
          batchTable = line.table;
          batch.push(line.row);
          rows++;
        } else if ("file" in line) {
          await flush();
          const chunks: Buffer[] = [];
          let size = 0;
          while (size < line.size) {
            const chunk = (await next()) as BackupLine | undefined;
            if (!chunk || !("data" in chunk)) throw new BackupError(`file incompleto / file cut off: ${line.file}`);
            const bytes = Buffer.from(chunk.data, "base64");
            chunks.push(bytes);
            size += bytes.length;
          }
          const bytes = Buffer.concat(chunks);
          if (createHash("sha256").update(bytes).digest("hex") !== line.sha256) {
            throw new BackupError(`file danneggiato / file damaged: ${line.file}`);
          }
          await fileStore.put(line.file, bytes);
          stored.push(line.file);
          files++;
          onProgress?.(++done, total);
        } else if ("end" in line) {
          await flush();
          if (line.rows !== rows || line.files !== files) throw new BackupError("backup incompleto / backup is incomplete");
          break;
        } else {
          throw new BackupError("riga non valida nel backup / malformed line in the backup");
        }
      }
      await resetSequences(tx);
      await appendAudit(tx, { actor: null, actorLabel: "cli" }, {
        orgId: null,
        action: "backup.restore",
        entityType: "database",
        after: { backupCreatedAt: header.createdAt, source: header.source, rows, files },
      });
      return { rows, files };
    });
    return { ...counted, header };
  } catch (error) {
    for (const key of stored) await fileStore.remove(key).catch(() => {});
    if (error instanceof Error && /incorrect header check|unexpected end of file/i.test(error.message)) {
      throw new BackupError("il file non è un backup gzip valido / the file is not a valid gzip backup");
    }
    throw error;
  } finally {
    await lines.return?.();
  }
}
