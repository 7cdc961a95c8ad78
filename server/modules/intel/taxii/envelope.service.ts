import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { HttpError } from "../../../platform/http/errors.ts";
import { intelItems } from "../intel.tables.ts";
import { loadItem } from "../item-records.ts";
import { auditItem, type Caller } from "../items.service.ts";
import { authorizePublish } from "../publish.service.ts";
import { canSee, isAuthorOrganisation } from "../tlp.ts";
import { latestVersions, mapStixObjects, validateStixObject, type StixObject } from "../stix/index.ts";
import { intelTaxiiStatuses } from "../stix-exchange/exchange.tables.ts";
import { writeBundle } from "../stix-exchange/import.service.ts";
import { WriteProblems } from "../stix-exchange/write-items.ts";
import type { CollectionScope } from "./collections.ts";

// POST objects: each object of the envelope validated by the STIX library; the valid ones are
// written together (all or none, as the API import) and the status resource says, object by
// object, what happened. The import is synchronous, so the status is complete when answered.

interface StatusDetail {
  id: string;
  version: string;
  message?: string;
}

type StatusRow = typeof intelTaxiiStatuses.$inferSelect;

export function presentStatus(row: StatusRow) {
  const list = (value: unknown) => value as StatusDetail[];
  return {
    id: row.id,
    status: row.status,
    request_timestamp: row.requestTimestamp.toISOString(),
    total_count: row.totalCount,
    success_count: list(row.successes).length,
    successes: list(row.successes),
    failure_count: list(row.failures).length,
    failures: list(row.failures),
    pending_count: list(row.pendings).length,
    pendings: list(row.pendings),
  };
}

const detailOf = (raw: unknown, index: number, message?: string): StatusDetail => {
  const o = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  return { id: typeof o.id === "string" ? o.id : `objects[${index}]`, version: String(o.modified ?? o.created ?? ""), ...(message ? { message } : {}) };
};

export async function addEnvelope(db: Db, caller: Caller, scope: Extract<CollectionScope, { kind: "community" }>, body: unknown) {
  authorizePublish(caller, false);
  const requestTimestamp = new Date();
  const objects = (body as { objects?: unknown } | null)?.objects;
  if (!body || typeof body !== "object" || !Array.isArray(objects)) throw new HttpError(422, "validation_failed", [{ field: "body.objects", reason: "required" }]);
  const valid: StixObject[] = [];
  const failures: StatusDetail[] = [];
  objects.forEach((raw, index) => {
    const result = validateStixObject(raw, index);
    if (result.ok) valid.push(result.object);
    else failures.push(detailOf(raw, index, result.problems.map((p) => p.message).join("; ")));
  });
  const imported = mapStixObjects(latestVersions(valid), { defaultTlp: "green" });
  const notStored = new Set(imported.otherObjects.map((o) => o.id));
  const target = { communityIds: [scope.communityId], recipientOrgIds: scope.memberOrgIds, recipientUserIds: [caller.actor.userId], defaultTlp: "green" as const };
  const base = { orgId: caller.viewer.orgId, userId: caller.actor.userId, communityId: scope.communityId, status: "complete", totalCount: objects.length, requestTimestamp };
  try {
    return await db.transaction(async (tx) => {
      await writeBundle(tx, caller, imported, target, "taxii");
      const successes = valid.filter((o) => !notStored.has(o.id)).map((o, i) => detailOf(o, i));
      const skipped = valid.filter((o) => notStored.has(o.id)).map((o, i) => detailOf(o, i, `not stored: this server keeps indicators, reports, vulnerabilities, courses of action, incidents and what refers to them, not ${o.type} objects`));
      const [row] = await tx.insert(intelTaxiiStatuses).values({ ...base, successes, failures: [...failures, ...skipped] }).returning();
      return row!;
    });
  } catch (error) {
    if (!(error instanceof WriteProblems)) throw error;
    const byId = new Map(error.problems.map((p) => [p.stixId, `${p.field}: ${p.reason}`]));
    const notWritten = valid.map((o, i) => detailOf(o, i, byId.get(o.id) ?? "not written: another object of the envelope could not be written"));
    const [row] = await db.insert(intelTaxiiStatuses).values({ ...base, successes: [], failures: [...failures, ...notWritten] }).returning();
    return row!;
  }
}

export async function findStatus(db: Db, caller: Caller, statusId: string) {
  const [row] = await db.select().from(intelTaxiiStatuses).where(and(eq(intelTaxiiStatuses.id, statusId), eq(intelTaxiiStatuses.userId, caller.actor.userId)));
  if (!row) throw new HttpError(404, "not_found");
  return row;
}

/** DELETE object: the author's organisation removes its item from the hub (every collection). */
export async function deleteObject(db: Db, caller: Caller, scope: CollectionScope, stixId: string, versions: string[]) {
  await db.transaction(async (tx) => {
    const [found] = await tx.select({ id: intelItems.id }).from(intelItems).where(eq(intelItems.stixId, stixId));
    const record = found ? await loadItem(tx, found.id, true) : undefined;
    const inScope = record && canSee(caller.viewer, record.sharing) && (scope.kind === "public" ? record.row.tlp === "clear" : record.sharing.communityIds.includes(scope.communityId));
    if (!record || !inScope) throw new HttpError(404, "not_found");
    const stamps = versions.filter((v) => !["last", "first", "all"].includes(v));
    if (stamps.length && !stamps.some((s) => Date.parse(s) === record.row.modifiedAt.getTime())) throw new HttpError(404, "not_found");
    if (!isAuthorOrganisation(caller.viewer, record.sharing)) throw new HttpError(403, "forbidden");
    await tx.delete(intelItems).where(eq(intelItems.id, record.row.id));
    await auditItem(tx, caller, record.row, "intel.taxii.delete", { stixId, title: record.row.title });
  });
}
