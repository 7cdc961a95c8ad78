import type { Db, DbOrTx } from "../../../db/client.ts";
import { appendAudit } from "../../../platform/audit/audit.ts";
import { HttpError, type FieldProblem } from "../../../platform/http/errors.ts";
import type { MessageKey } from "../../../platform/i18n/messages.ts";
import type { SharingInput } from "../intel.schemas.ts";
import { checkSharing, type Caller } from "../items.service.ts";
import { authorizePublish } from "../publish.service.ts";
import { importStixBundle, type ImportedBundle, type ImportProblem, type SharedItem, type TlpLevel } from "../stix/index.ts";
import { writeImportedItems, WriteProblems, type WrittenItem } from "./write-items.ts";

// STIX bundle import, all or nothing: the library validates every object and maps the bundle;
// the items are written in one transaction with one audit entry. The sharing of each item is its
// own TLP marking (objects without one take `defaultTlp`) with the recipients the importer names:
//   CLEAR, GREEN   the communities given (GREEN needs at least one)
//   AMBER(+STRICT) the organisations given, by default the importer's own
//   RED            the people given, by default the importer alone

export interface ImportTarget {
  communityIds: string[];
  recipientOrgIds: string[];
  recipientUserIds: string[];
  defaultTlp: TlpLevel;
}

export interface ImportReport {
  bundleId: string | null;
  items: WrittenItem[];
  notSearchable: { stixId: string; reason: string }[];
  /** valid objects the product does not model, not stored */
  notStored: { id: string; type: string }[];
}

const levelsOf = (items: SharedItem[]): TlpLevel[] => [...new Set(items.flatMap((i) => [i.tlp, ...(i.kind === "advisory" ? i.indicators.map((n) => n.tlp) : [])]))];

/** Checks the sharing of each level the items use, against the core's rules, before writing. */
async function sharingsFor(tx: DbOrTx, caller: Caller, target: ImportTarget, levels: TlpLevel[]) {
  const resolved = new Map<TlpLevel, SharingInput | FieldProblem>();
  for (const tlp of levels) {
    const input: SharingInput = {
      tlp,
      communityIds: target.communityIds,
      recipientOrgIds: tlp === "amber" || tlp === "amber+strict" ? (target.recipientOrgIds.length ? target.recipientOrgIds : [caller.viewer.orgId!]) : [],
      recipientUserIds: tlp === "red" ? (target.recipientUserIds.length ? target.recipientUserIds : [caller.actor.userId]) : [],
      providersAllowed: false,
    };
    try {
      resolved.set(tlp, await checkSharing(tx, caller.viewer, input, "query"));
    } catch (error) {
      if (!(error instanceof HttpError) || !error.fields[0]) throw error;
      resolved.set(tlp, error.fields[0]);
    }
  }
  return (tlp: TlpLevel) => resolved.get(tlp)!;
}

/** Writes a mapped bundle in the caller's transaction; throws WriteProblems when anything cannot be written. */
export async function writeBundle(tx: DbOrTx, caller: Caller, imported: ImportedBundle, target: ImportTarget, channel: "api" | "taxii"): Promise<ImportReport> {
  const sharingOf = await sharingsFor(tx, caller, target, levelsOf(imported.items));
  const items = await writeImportedItems(tx, { orgId: caller.viewer.orgId!, userId: caller.actor.userId }, imported.items, sharingOf);
  const count = (outcome: string) => items.filter((i) => i.outcome === outcome).length;
  await appendAudit(tx, caller.audit, {
    orgId: caller.viewer.orgId,
    action: "intel.stix.import",
    entityType: "intel_import",
    entityId: null,
    after: { channel, bundleId: imported.bundleId, added: count("added"), updated: count("updated"), unchanged: count("unchanged"), stixIds: items.slice(0, 100).map((i) => i.stixId) },
  });
  return { bundleId: imported.bundleId, items, notSearchable: imported.notSearchable, notStored: imported.otherObjects.map((o) => ({ id: o.id, type: o.type })) };
}

const asField = (p: ImportProblem): FieldProblem => ({
  field: p.index === null ? `body${p.field ? `.${p.field}` : ""}` : `body.objects.${p.index}${p.field ? `.${p.field}` : ""}`,
  reason: p.reason as MessageKey,
  params: { ...p.params, ...(p.id ? { id: p.id } : {}) },
});

/** The API import: 422 naming every invalid object's field, nothing written. */
export async function importBundle(db: Db, caller: Caller, bundle: unknown, target: ImportTarget): Promise<ImportReport> {
  authorizePublish(caller, false);
  const result = importStixBundle(bundle, { defaultTlp: target.defaultTlp });
  if (!result.ok) throw new HttpError(422, "validation_failed", result.problems.map(asField));
  if (!result.items.length && !result.otherObjects.length) throw new HttpError(422, "validation_failed", [{ field: "body.objects", reason: "stix_nothing_to_import" }]);
  try {
    return await db.transaction((tx) => writeBundle(tx, caller, result, target, "api"));
  } catch (error) {
    if (error instanceof WriteProblems) throw new HttpError(422, "validation_failed", error.problems.map((p) => ({ field: p.field === "id" || p.field === "pattern" ? `body.objects[${p.stixId}].${p.field}` : p.field, reason: p.reason, params: { ...p.params, id: p.stixId } })));
    throw error;
  }
}
