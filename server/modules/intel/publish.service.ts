import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { HttpError, invalidField } from "../../platform/http/errors.ts";
import { itemShelfPolicy } from "./intel.policy.ts";
import { intelAdvisories, intelAdvisoryIndicators, intelAdvisoryProducts, intelExperienceReports, intelItems } from "./intel.tables.ts";
import type { CreateAdvisory, CreateReport, UpdateAdvisory, UpdateReport } from "./intel.schemas.ts";
import { auditItem, authorizeItem, checkSharing, insertItem, touch, visibleIds, type Caller } from "./items.service.ts";

// Publishing and editing advisories and experience reports (indicators: indicators.service.ts). Each write is one
// transaction with its audit entry; a bad field anywhere leaves nothing written.

export const date = (value: string | null | undefined) => (value ? new Date(value) : null);
export const words = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(" ");

export function authorizePublish(caller: Caller, anonymous: boolean) {
  itemShelfPolicy.authorize(caller.actor, "publish", { orgId: caller.viewer.orgId });
  if (anonymous && !caller.viewer.orgKey) throw invalidField("body.anonymous", "anonymous_needs_organisation");
}

type AdvisoryText = Pick<CreateAdvisory, "summary" | "cveIds" | "affectedProducts" | "patches" | "mitigations">;
const advisorySearchText = (a: AdvisoryText) =>
  words(a.summary, a.cveIds.join(" "), ...a.affectedProducts.map((p) => `${p.vendor} ${p.product}`), ...[...a.patches, ...a.mitigations].map((p) => words(p.title, p.steps)));

async function writeProducts(tx: DbOrTx, itemId: string, products: CreateAdvisory["affectedProducts"]) {
  await tx.delete(intelAdvisoryProducts).where(eq(intelAdvisoryProducts.itemId, itemId));
  if (!products.length) return;
  await tx.insert(intelAdvisoryProducts).values(
    products.map((p) => ({
      itemId,
      vendor: p.vendor.toLowerCase(),
      product: p.product.toLowerCase(),
      versionStartIncluding: p.versionStartIncluding ?? null,
      versionStartExcluding: p.versionStartExcluding ?? null,
      versionEndIncluding: p.versionEndIncluding ?? null,
      versionEndExcluding: p.versionEndExcluding ?? null,
      cpe: p.cpe ?? null,
    })),
  );
}

function checkProducts(products: CreateAdvisory["affectedProducts"]) {
  products.forEach((p, i) => {
    if (p.versionStartIncluding && p.versionStartExcluding) throw invalidField(`body.affectedProducts.${i}.versionStartExcluding`, "version_bound_twice");
    if (p.versionEndIncluding && p.versionEndExcluding) throw invalidField(`body.affectedProducts.${i}.versionEndExcluding`, "version_bound_twice");
  });
}

export async function createAdvisory(db: Db, caller: Caller, input: CreateAdvisory) {
  authorizePublish(caller, input.anonymous);
  checkProducts(input.affectedProducts);
  return db.transaction(async (tx) => {
    const sharing = await checkSharing(tx, caller.viewer, input.sharing);
    const indicatorIds = [...new Set(input.indicatorIds)];
    const visible = await visibleIds(tx, caller.viewer, indicatorIds);
    const kinds = indicatorIds.length ? await tx.select({ id: intelItems.id }).from(intelItems).where(and(inArray(intelItems.id, indicatorIds), eq(intelItems.kind, "indicator"))) : [];
    const unknown = indicatorIds.find((id) => !visible.has(id) || !kinds.some((k) => k.id === id));
    if (unknown) throw invalidField("body.indicatorIds", "indicator_unknown", { id: unknown });
    const item = { kind: "advisory" as const, title: input.title, status: input.status, anonymous: input.anonymous, validUntil: date(input.validUntil), searchText: advisorySearchText(input) };
    const { id, editKey } = await insertItem(tx, caller, item, sharing);
    await tx.insert(intelAdvisories).values({
      itemId: id,
      summary: input.summary,
      severity: input.severity,
      cveIds: [...new Set(input.cveIds)],
      patches: input.patches,
      mitigations: input.mitigations,
      references: input.references,
    });
    await writeProducts(tx, id, input.affectedProducts);
    if (indicatorIds.length) await tx.insert(intelAdvisoryIndicators).values(indicatorIds.map((indicatorId) => ({ advisoryId: id, indicatorId })));
    await auditItem(tx, caller, { id, anonymous: input.anonymous, kind: "advisory" }, "intel.advisory.create", { title: input.title, tlp: sharing.tlp, status: input.status });
    return { id, editKey };
  });
}

export async function updateAdvisory(db: Db, caller: Caller, itemId: string, input: UpdateAdvisory) {
  if (input.affectedProducts) checkProducts(input.affectedProducts);
  return db.transaction(async (tx) => {
    const record = await authorizeItem(tx, caller, itemId, "update", true);
    if (!record.advisory) throw new HttpError(404, "not_found");
    const { affectedProducts, validUntil, title, ...fields } = input;
    const merged = {
      summary: fields.summary ?? record.advisory.summary,
      cveIds: fields.cveIds ?? record.advisory.cveIds,
      affectedProducts: affectedProducts ?? record.advisory.products,
      patches: fields.patches ?? (record.advisory.patches as CreateAdvisory["patches"]),
      mitigations: fields.mitigations ?? (record.advisory.mitigations as CreateAdvisory["mitigations"]),
    };
    if (Object.keys(fields).length) await tx.update(intelAdvisories).set(fields).where(eq(intelAdvisories.itemId, itemId));
    if (affectedProducts) await writeProducts(tx, itemId, affectedProducts);
    await touch(tx, record.row, { title: title ?? record.row.title, validUntil: validUntil === undefined ? record.row.validUntil : date(validUntil), searchText: advisorySearchText(merged) });
    await auditItem(tx, caller, record.row, "intel.advisory.update", { changed: Object.keys(input) });
  });
}

const reportSearchText = (r: Partial<CreateReport>) => words(r.attackType, r.entryVector, r.impact, r.detection, r.whatWorked, r.lessons, r.narrative);

export async function createReport(db: Db, caller: Caller, input: CreateReport) {
  authorizePublish(caller, input.anonymous);
  return db.transaction(async (tx) => {
    const sharing = await checkSharing(tx, caller.viewer, input.sharing);
    const item = { kind: "experience_report" as const, title: input.title, status: input.status, anonymous: input.anonymous, validUntil: date(input.validUntil), searchText: reportSearchText(input) };
    const { id, editKey } = await insertItem(tx, caller, item, sharing);
    await tx.insert(intelExperienceReports).values({
      itemId: id,
      attackType: input.attackType,
      entryVector: input.entryVector ?? null,
      impact: input.impact ?? null,
      timeToRecoverHours: input.timeToRecoverHours ?? null,
      detection: input.detection ?? null,
      whatWorked: input.whatWorked ?? null,
      lessons: input.lessons ?? null,
      narrative: input.narrative,
    });
    await auditItem(tx, caller, { id, anonymous: input.anonymous, kind: "experience_report" }, "intel.report.create", { title: input.title, tlp: sharing.tlp, status: input.status });
    return { id, editKey };
  });
}

export async function updateReport(db: Db, caller: Caller, itemId: string, input: UpdateReport) {
  return db.transaction(async (tx) => {
    const record = await authorizeItem(tx, caller, itemId, "update", true);
    if (!record.report) throw new HttpError(404, "not_found");
    const { title, ...fields } = input;
    if (Object.keys(fields).length) await tx.update(intelExperienceReports).set(fields).where(eq(intelExperienceReports.itemId, itemId));
    const merged = { ...record.report, ...fields } as Partial<CreateReport>;
    await touch(tx, record.row, { title: title ?? record.row.title, searchText: reportSearchText(merged) });
    await auditItem(tx, caller, record.row, "intel.report.update", { changed: Object.keys(input) });
  });
}
