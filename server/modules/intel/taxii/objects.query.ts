import { and, asc, eq, gt, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client.ts";
import { HttpError } from "../../../platform/http/errors.ts";
import { intelItemCommunities, intelItems } from "../intel.tables.ts";
import { loadItems } from "../item-records.ts";
import { visibleItemsWhere, type Viewer } from "../tlp.ts";
import { definitionsFor, exportItemObjects, stixIdType, type StixObject } from "../stix/index.ts";
import { intelItemStix } from "../stix-exchange/exchange.tables.ts";
import { sharedItemsOf } from "../stix-exchange/shared-items.ts";
import type { CollectionScope } from "./collections.ts";

// The objects of a collection in TAXII order: by date added, then item, then the item's objects
// in export order. The `next` cursor names that position (date added, item id, object index), so
// pages stay stable while objects are being added: a new object is added now, after any cursor.
// The TLP predicate of the core decides which items are in the page at all; an item's objects
// are its STIX export (anonymous items carry no author there).

const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
const BATCH = 100;
/** The types whose objects are items' main objects, found by their STIX id in the database. */
const MAIN_TYPES = new Set(["indicator", "report", "incident"]);

export interface ObjectFilters {
  addedAfter: Date | null;
  limit: number;
  next: Cursor | null;
  ids: string[];
  types: string[];
  /** "last" | "first" | "all" | timestamps */
  versions: string[];
  specVersions: string[];
}

interface Cursor {
  added: string;
  itemId: string;
  index: number;
}

export interface CollectionObject {
  object: StixObject;
  dateAdded: Date;
  itemId: string;
  authorOrgId: string | null;
}

const dateAdded = sql<Date>`greatest(${intelItems.modifiedAt}, coalesce(${intelItemStix.addedAt}, ${intelItems.modifiedAt}))`.mapWith(intelItems.modifiedAt);

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.added, c.itemId, c.index])).toString("base64url");

export function decodeCursor(value: string): Cursor {
  try {
    const [added, itemId, index] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as [string, string, number];
    if (Number.isNaN(Date.parse(added)) || !/^[0-9a-f-]{36}$/.test(itemId) || !Number.isInteger(index) || index < 0) throw new Error("bad");
    return { added, itemId, index };
  } catch {
    throw new HttpError(400, "validation_failed", [{ field: "query.next", reason: "cursor_invalid" }]);
  }
}

/** Reads TAXII query parameters (match[...] may repeat or be comma-separated). */
export function parseFilters(query: Record<string, unknown>): ObjectFilters {
  const list = (key: string) =>
    ([] as unknown[])
      .concat(query[key] ?? [])
      .flatMap((v) => String(v).split(","))
      .map((v) => v.trim())
      .filter(Boolean);
  const addedAfter = typeof query.added_after === "string" ? new Date(query.added_after) : null;
  if (addedAfter && Number.isNaN(addedAfter.getTime())) throw new HttpError(400, "validation_failed", [{ field: "query.added_after", reason: "invalid_format", params: { format: "timestamp" } }]);
  const limitRaw = typeof query.limit === "string" ? Number(query.limit) : DEFAULT_LIMIT;
  if (!Number.isInteger(limitRaw) || limitRaw < 1) throw new HttpError(400, "validation_failed", [{ field: "query.limit", reason: "too_small_number", params: { minimum: 1 } }]);
  const versions = list("match[version]");
  for (const v of versions) {
    if (!["last", "first", "all"].includes(v) && Number.isNaN(Date.parse(v))) throw new HttpError(400, "validation_failed", [{ field: "query.match[version]", reason: "invalid_value", params: { values: "last, first, all, <timestamp>" } }]);
  }
  return {
    addedAfter,
    limit: Math.min(limitRaw, MAX_LIMIT),
    next: typeof query.next === "string" ? decodeCursor(query.next) : null,
    ids: list("match[id]"),
    types: list("match[type]"),
    versions,
    specVersions: list("match[spec_version]"),
  };
}

const versionOf = (o: StixObject) => String(o.modified ?? o.created ?? "");

function matches(object: StixObject, f: ObjectFilters): boolean {
  if (f.ids.length && !f.ids.includes(object.id)) return false;
  if (f.types.length && !f.types.includes(object.type)) return false;
  if (f.specVersions.length && !f.specVersions.includes(String(object.spec_version ?? "2.1"))) return false;
  // one version of each object is kept, so it is the first, the last and all of them
  const stamps = f.versions.filter((v) => !["last", "first", "all"].includes(v));
  if (stamps.length && !stamps.some((s) => Date.parse(s) === Date.parse(versionOf(object)))) return false;
  return true;
}

function scopeWhere(scope: CollectionScope, viewer: Viewer): SQL {
  const i = intelItems;
  const base = and(ne(i.status, "draft"), or(isNull(i.validUntil), gt(i.validUntil, new Date())))!;
  if (scope.kind === "public") return and(base, eq(i.tlp, "clear"))!;
  const c = intelItemCommunities;
  return and(base, visibleItemsWhere(viewer), sql`exists (select 1 from ${c} where ${c.itemId} = ${i.id} and ${c.communityId} = ${scope.communityId})`)!;
}

/** One page of the collection's objects after the filters, and the cursor of the next one. */
export async function collectionObjects(db: DbOrTx, scope: CollectionScope, viewer: Viewer, f: ObjectFilters): Promise<{ objects: CollectionObject[]; more: boolean; next: string | null }> {
  if (f.specVersions.length && !f.specVersions.includes("2.1")) return { objects: [], more: false, next: null };
  const where: SQL[] = [scopeWhere(scope, viewer)];
  if (f.addedAfter) where.push(sql`${dateAdded} > ${f.addedAfter}`);
  // ids of main objects are found by index; any other id means reading the exports
  if (f.ids.length && f.ids.every((id) => MAIN_TYPES.has(stixIdType(id) ?? ""))) where.push(inArray(intelItems.stixId, f.ids));
  let position = f.next;
  const out: CollectionObject[] = [];
  const seen = new Set<string>();
  for (;;) {
    const after = position ? sql`(${dateAdded} > ${new Date(position.added)} or (${dateAdded} = ${new Date(position.added)} and ${intelItems.id} >= ${position.itemId}))` : sql`true`;
    const rows = await db
      .select({ id: intelItems.id, added: dateAdded })
      .from(intelItems)
      .leftJoin(intelItemStix, eq(intelItemStix.itemId, intelItems.id))
      .where(and(...where, after))
      .orderBy(asc(dateAdded), asc(intelItems.id))
      .limit(BATCH);
    const records = await loadItems(db, rows.map((r) => r.id));
    const shared = await sharedItemsOf(db, viewer, records);
    for (const [n, row] of rows.entries()) {
      const objects = exportItemObjects(shared[n]!);
      const all = [...definitionsFor(objects), ...objects];
      const start = position && position.itemId === row.id ? position.index : 0;
      for (let index = start; index < all.length; index++) {
        const object = all[index]!;
        if (!matches(object, f)) continue;
        const key = `${object.id}|${versionOf(object)}`;
        if (seen.has(key)) continue;
        if (out.length === f.limit) {
          return { objects: out, more: true, next: encodeCursor({ added: row.added.toISOString(), itemId: row.id, index }) };
        }
        seen.add(key);
        out.push({ object, dateAdded: row.added, itemId: row.id, authorOrgId: records[n]!.row.authorOrgId });
      }
    }
    if (rows.length < BATCH) return { objects: out, more: false, next: null };
    const last = rows[rows.length - 1]!;
    // continue after the last item of the batch
    position = { added: last.added.toISOString(), itemId: last.id, index: Number.MAX_SAFE_INTEGER };
  }
}
