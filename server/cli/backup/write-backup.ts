import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.ts";
import type { FileStore } from "../../platform/storage/file-store.ts";
import { storedFiles } from "../../platform/storage/storage.tables.ts";
import { quoteIdent, rowCount, schemaVersion, tablesInDependencyOrder } from "./catalog.ts";
import { BACKUP_FORMAT, BACKUP_VERSION, FILE_CHUNK_BYTES, type BackupHeader } from "./format.ts";

const FETCH_ROWS = 1_000;

export interface BackupSummary {
  rows: number;
  files: number;
}

/**
 * Writes a consistent backup: everything is read in one repeatable-read transaction (one
 * snapshot), so rows written meanwhile never give a backup that contradicts itself. The file
 * appears under its name only when complete.
 */
export async function writeBackup(
  database: Database,
  fileStore: FileStore,
  path: string,
  onProgress?: (done: number, total: number) => void,
): Promise<BackupSummary> {
  const partial = `${path}.partial-${process.pid}`;
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(partial, { flags: "wx", mode: 0o600 }));
  written.catch(() => {}); // awaited below; this only stops an unhandled rejection meanwhile
  const write = async (line: string) => {
    if (!gzip.write(line + "\n")) await once(gzip, "drain");
  };
  try {
    const summary = await database.db.transaction(
      async (tx) => {
        const tables = await tablesInDependencyOrder(tx);
        const counts = [];
        for (const name of tables) counts.push({ name, rows: await rowCount(tx, name) });
        const files = await tx.select({ key: storedFiles.storageKey }).from(storedFiles).orderBy(storedFiles.storageKey);
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          source: database.kind,
          schema: await schemaVersion(tx),
          tables: counts,
          files: files.length,
        };
        await write(JSON.stringify(header));
        const total = counts.reduce((sum, t) => sum + t.rows, 0) + files.length;
        let done = 0;
        onProgress?.(0, total);

        for (const { name } of counts) {
          // a cursor streams a large table in batches without holding it in memory
          await tx.execute(sql.raw(`declare backup_rows no scroll cursor for select row_to_json(t)::text as j from ${quoteIdent(name)} t`));
          for (;;) {
            const rows = await queryRows<{ j: string }>(tx, sql.raw(`fetch ${FETCH_ROWS} from backup_rows`));
            for (const { j } of rows) await write(`{"table":${JSON.stringify(name)},"row":${j}}`);
            done += rows.length;
            onProgress?.(done, total);
            if (rows.length < FETCH_ROWS) break;
          }
          await tx.execute(sql.raw("close backup_rows"));
        }

        for (const { key } of files) {
          const bytes = await fileStore.get(key);
          const sha256 = createHash("sha256").update(bytes).digest("hex");
          await write(JSON.stringify({ file: key, size: bytes.length, sha256 }));
          for (let at = 0; at < bytes.length; at += FILE_CHUNK_BYTES) {
            await write(JSON.stringify({ data: bytes.subarray(at, at + FILE_CHUNK_BYTES).toString("base64") }));
          }
          onProgress?.(++done, total);
        }
        const rows = total - files.length;
        await write(JSON.stringify({ end: true, rows, files: files.length }));
        return { rows, files: files.length };
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    gzip.end();
    await written;
    await rename(partial, path);
    return summary;
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
}
