import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { HttpError, invalidField } from "../../platform/http/errors.ts";
import { intelIndicators, intelItems } from "./intel.tables.ts";
import type { CreateIndicators, IndicatorInput, SharingInput, UpdateIndicator } from "./intel.schemas.ts";
import { loadItems } from "./item-records.ts";
import type { Sharing } from "./tlp.ts";
import { auditItem, authorizeItem, checkSharing, insertItem, nextVersion, touch, type Caller } from "./items.service.ts";
import { normaliseIndicator } from "./normalise.ts";
import { authorizePublish, date, words } from "./publish.service.ts";

// Indicators in bulk. A feed posted again must not double the indicators: an observable the
// organisation already shares with exactly the same sharing (and has not withdrawn) is refreshed in
// place (last seen, validity, confidence, description; a new STIX version) instead of added. Anonymous
// batches are always new items: matching them would need the author, which they do not keep.

type Normalised = IndicatorInput & { value: string };

const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

const sameList = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
const sameSharing = (a: Sharing, b: SharingInput) =>
  a.tlp === b.tlp &&
  a.providersAllowed === b.providersAllowed &&
  sameList(a.communityIds, b.communityIds) &&
  sameList(a.recipientOrgIds, b.recipientOrgIds) &&
  sameList(a.recipientUserIds, b.recipientUserIds);

async function existingOf(tx: DbOrTx, orgId: string, sharing: SharingInput, batch: Normalised[]) {
  const tlp = sharing.tlp;
  const rows = await tx
    .select({ itemId: intelIndicators.itemId, type: intelIndicators.type, value: intelIndicators.value })
    .from(intelIndicators)
    .innerJoin(intelItems, eq(intelItems.id, intelIndicators.itemId))
    .where(and(eq(intelItems.authorOrgId, orgId), eq(intelItems.tlp, tlp), ne(intelItems.status, "revoked"), inArray(intelIndicators.value, batch.map((b) => b.value))));
  const records = await loadItems(tx, rows.map((r) => r.itemId));
  const same = new Set(records.filter((r) => sameSharing(r.sharing, sharing)).map((r) => r.row.id));
  return new Map(rows.filter((r) => same.has(r.itemId)).map((r) => [`${r.type} ${r.value}`, r]));
}

async function refresh(tx: DbOrTx, itemId: string, indicator: Normalised) {
  const [current] = await tx.select().from(intelIndicators).where(eq(intelIndicators.itemId, itemId)).for("update");
  const [row] = await tx.select().from(intelItems).where(eq(intelItems.id, itemId));
  const description = indicator.description !== undefined ? indicator.description : current!.description;
  await tx
    .update(intelIndicators)
    .set({
      lastSeen: later(current!.lastSeen, date(indicator.lastSeen)),
      ...(indicator.confidence !== undefined ? { confidence: indicator.confidence } : {}),
      description,
    })
    .where(eq(intelIndicators.itemId, itemId));
  const validUntil = indicator.validUntil !== undefined ? date(indicator.validUntil) : row!.validUntil;
  await tx.update(intelItems).set({ validUntil, searchText: words(indicator.value, description), modifiedAt: nextVersion(row!) }).where(eq(intelItems.id, itemId));
}

/** Adds many indicators at once, each its own item with the same sharing: all or none. */
export async function createIndicators(db: Db, caller: Caller, input: CreateIndicators) {
  authorizePublish(caller, input.anonymous);
  const normalised = input.indicators.map((indicator, i) => {
    const result = normaliseIndicator(indicator.type, indicator.value);
    if (!result.ok) throw invalidField(`body.indicators.${i}.value`, result.reason, result.params);
    return { ...indicator, value: result.value };
  });
  // the same observable twice in one batch is kept once
  const unique = [...new Map(normalised.map((n) => [`${n.type} ${n.value}`, n])).values()];
  return db.transaction(async (tx) => {
    const sharing = await checkSharing(tx, caller.viewer, input.sharing);
    const existing = input.anonymous ? new Map() : await existingOf(tx, caller.viewer.orgId!, sharing, unique);
    // one edit key for the whole anonymous batch: the author withdraws it together
    let batchKey: string | null = null;
    const ids: string[] = [];
    const refreshed: string[] = [];
    for (const indicator of unique) {
      const known = existing.get(`${indicator.type} ${indicator.value}`);
      if (known) {
        await refresh(tx, known.itemId, indicator);
        ids.push(known.itemId);
        refreshed.push(known.itemId);
        continue;
      }
      const item = {
        kind: "indicator" as const,
        title: indicator.title ?? `${indicator.type} ${indicator.value}`,
        status: "published" as const,
        anonymous: input.anonymous,
        validUntil: date(indicator.validUntil),
        searchText: words(indicator.value, indicator.description),
      };
      const { id, editKey } = await insertItem(tx, caller, item, sharing, batchKey);
      batchKey ??= editKey;
      await tx.insert(intelIndicators).values({
        itemId: id,
        type: indicator.type,
        value: indicator.value,
        firstSeen: date(indicator.firstSeen),
        lastSeen: date(indicator.lastSeen),
        confidence: indicator.confidence ?? null,
        description: indicator.description ?? null,
      });
      ids.push(id);
    }
    const added = ids.filter((id) => !refreshed.includes(id));
    await auditItem(tx, caller, { id: ids[0]!, anonymous: input.anonymous, kind: "indicator" }, "intel.indicator.create", { tlp: sharing.tlp, added, refreshed });
    return { ids, refreshed, editKey: batchKey };
  });
}

export async function updateIndicator(db: Db, caller: Caller, itemId: string, input: UpdateIndicator) {
  return db.transaction(async (tx) => {
    const record = await authorizeItem(tx, caller, itemId, "update", true);
    if (!record.indicator) throw new HttpError(404, "not_found");
    const { validUntil, ...fields } = input;
    const set = {
      ...(fields.description !== undefined ? { description: fields.description } : {}),
      ...(fields.lastSeen !== undefined ? { lastSeen: date(fields.lastSeen) } : {}),
      ...(fields.confidence !== undefined ? { confidence: fields.confidence } : {}),
    };
    if (Object.keys(set).length) await tx.update(intelIndicators).set(set).where(eq(intelIndicators.itemId, itemId));
    const description = fields.description !== undefined ? fields.description : record.indicator.description;
    await touch(tx, record.row, { validUntil: validUntil === undefined ? record.row.validUntil : date(validUntil), searchText: words(record.indicator.value, description) });
    await auditItem(tx, caller, record.row, "intel.indicator.update", { changed: Object.keys(input) });
  });
}
