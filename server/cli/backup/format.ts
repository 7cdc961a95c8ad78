import type { SchemaVersion } from "./catalog.ts";

// A backup is gzip'd JSON lines: a header, every row of every table in dependency order, the
// uploaded files in chunks, and an end marker, so a cut-off file is refused rather than half
// restored. Rows are PostgreSQL's own row_to_json, so PGlite and PostgreSQL read each other's.

export const BACKUP_FORMAT = "cittadella-backup";
export const BACKUP_VERSION = 1;
export const FILE_CHUNK_BYTES = 512 * 1024;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  source: "pglite" | "postgres";
  schema: SchemaVersion;
  tables: { name: string; rows: number }[];
  files: number;
}

export type BackupLine =
  | { table: string; row: Record<string, unknown> }
  | { file: string; size: number; sha256: string }
  | { data: string }
  | { end: true; rows: number; files: number };

export class BackupError extends Error {}
