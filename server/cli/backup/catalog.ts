import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client.ts";

// What the database holds, read from the PostgreSQL catalog so a backup covers every table any
// module adds, in the same way on PGlite and on PostgreSQL.

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Tables of the public schema, parents before the tables whose foreign keys point at them. */
export async function tablesInDependencyOrder(db: DbOrTx): Promise<string[]> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
  );
  const edges = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select child.relname as child, parent.relname as parent from pg_constraint co
        join pg_class child on child.oid = co.conrelid
        join pg_class parent on parent.oid = co.confrelid
        join pg_namespace n on n.oid = child.relnamespace
        where co.contype = 'f' and n.nspname = 'public'`,
  );
  const parents = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const e of edges) if (e.child !== e.parent) parents.get(e.child)?.add(e.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  // Kahn's algorithm, alphabetical among equals so the order is stable from run to run
  while (ordered.length < tables.length) {
    const ready = tables.map((t) => t.name).filter((name) => !placed.has(name) && [...parents.get(name)!].every((p) => placed.has(p)));
    if (ready.length === 0) throw new Error("foreign keys form a cycle; cannot order tables for a backup");
    for (const name of ready) {
      ordered.push(name);
      placed.add(name);
    }
  }
  return ordered;
}

export interface SchemaVersion {
  migrations: number;
  /** hash of the newest applied migration */
  last: string | null;
}

export async function schemaVersion(db: DbOrTx): Promise<SchemaVersion> {
  const rows = await queryRows<{ hash: string }>(db, sql`select hash from drizzle.__drizzle_migrations order by created_at, id`);
  return { migrations: rows.length, last: rows.at(-1)?.hash ?? null };
}

export async function rowCount(db: DbOrTx, table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${quoteIdent(table)}`));
  return Number(row?.n ?? 0);
}

/** After rows were inserted with their ids, serial and identity sequences continue after the highest. */
export async function resetSequences(db: DbOrTx): Promise<void> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and (column_default like 'nextval(%' or is_identity = 'YES')`,
  );
  for (const c of columns) {
    const table = quoteIdent(c.table_name);
    const column = quoteIdent(c.column_name);
    await db.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('${table.replace(/'/g, "''")}', '${c.column_name.replace(/'/g, "''")}'), coalesce(max(${column}), 0) + 1, false) from ${table}`,
      ),
    );
  }
}
