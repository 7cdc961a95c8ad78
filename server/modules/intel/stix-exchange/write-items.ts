import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client.ts";
import type { FieldProblem } from "../../../platform/http/errors.ts";
import { intelAdvisories, intelAdvisoryIndicators, intelAdvisoryProducts, intelExperienceReports, intelIndicators, intelItems } from "../intel.tables.ts";
import { writeSharing } from "../item-records.ts";
import type { SharingInput } from "../intel.schemas.ts";
import { normaliseIndicator } from "../normalise.ts";
import { words } from "../publish.service.ts";
import { derivedStixId, indicatorPattern, type SharedAdvisory, type SharedExperienceReport, type SharedIndicator, type SharedItem, type TlpLevel } from "../stix/index.ts";
import { intelItemStix } from "./exchange.tables.ts";

// Writing imported items into the core's tables, inside the caller's transaction. The core's
// publish functions mint a new STIX id and `now` as the version; an import must keep the
// object's id and its created/modified (so a replayed bundle changes nothing and TAXII clients
// find the object under the id they sent), hence these writes of our own, with the core's
// sharing writer and the caller's audit entry.
//
// One indicator row holds one type/value. A pattern with several values ([a OR b]) becomes one
// indicator per value: the first keeps the STIX id and the whole pattern verbatim (so it exports
// as received), each further value gets an indicator of its own with an id derived from the
// original, so lookup finds every value. A pattern the product cannot search (AND of different
// objects, regex, sigma, yara...) is kept verbatim on an indicator item without a type/value row.

export interface Author {
  orgId: string;
  userId: string;
}

/** Resolved sharing of each TLP level for this import. */
export type SharingByLevel = (tlp: TlpLevel) => SharingInput | FieldProblem;

export type Outcome = "added" | "updated" | "unchanged";
export interface WrittenItem {
  itemId: string;
  stixId: string;
  outcome: Outcome;
}

export class WriteProblems extends Error {
  constructor(readonly problems: (FieldProblem & { stixId: string })[]) {
    super("import_write_problems");
  }
}

interface Pending {
  stixId: string;
  item: SharedItem;
  /** an indicator's single observable (after splitting), null when not searchable */
  observable: { type: string; value: string } | null;
  /** the pattern kept verbatim for this row, if any */
  pattern: { pattern: string; patternType: string; patternVersion?: string } | null;
}

function splitIndicator(indicator: SharedIndicator): Pending[] {
  const [first, ...rest] = indicator.observables;
  if (!first) return [{ stixId: indicator.stixId, item: indicator, observable: null, pattern: indicator.verbatimPattern }];
  const whole = indicator.verbatimPattern ?? (rest.length ? { pattern: indicatorPattern(indicator.observables), patternType: "stix", patternVersion: "2.1" } : null);
  return [
    { stixId: indicator.stixId, item: indicator, observable: first, pattern: whole },
    ...rest.map((o) => ({
      stixId: derivedStixId("indicator", indicator.stixId, `${o.type}|${o.value}`),
      item: { ...indicator, title: indicator.title === first.value ? o.value : indicator.title },
      observable: o,
      pattern: null,
    })),
  ];
}

const kindOf = { advisory: "advisory", indicator: "indicator", experience_report: "experience_report" } as const;

function searchTextOf(p: Pending): string {
  const item = p.item;
  switch (item.kind) {
    case "advisory":
      return words(item.summary, item.cveIds.join(" "), ...item.affectedProducts.map((a) => `${a.vendor} ${a.product}`), ...[...item.patches, ...item.mitigations].map((r) => words(r.title, r.steps)));
    case "experience_report":
      return words(item.attackType, item.entryVector, item.impact, item.detection, item.whatWorked, item.lessons, item.narrative);
    case "indicator":
      return words(p.observable?.value ?? p.pattern?.pattern, item.description);
  }
}

async function writeKindRows(tx: DbOrTx, itemId: string, p: Pending, linkedIds: string[]) {
  const item = p.item;
  if (item.kind === "advisory") {
    await tx.insert(intelAdvisories).values({
      itemId,
      summary: item.summary,
      severity: item.severity,
      cveIds: [...new Set(item.cveIds)],
      patches: item.patches,
      mitigations: item.mitigations,
      references: item.references,
    });
    if (item.affectedProducts.length) {
      await tx.insert(intelAdvisoryProducts).values(item.affectedProducts.map((a) => ({ ...a, itemId, vendor: a.vendor.toLowerCase(), product: a.product.toLowerCase() })));
    }
    if (linkedIds.length) await tx.insert(intelAdvisoryIndicators).values(linkedIds.map((indicatorId) => ({ advisoryId: itemId, indicatorId })));
  } else if (item.kind === "experience_report") {
    const r: SharedExperienceReport = item;
    await tx.insert(intelExperienceReports).values({
      itemId,
      attackType: r.attackType,
      entryVector: r.entryVector,
      impact: r.impact,
      timeToRecoverHours: r.timeToRecoverHours,
      detection: r.detection,
      whatWorked: r.whatWorked,
      lessons: r.lessons,
      narrative: r.narrative,
    });
  } else if (p.observable) {
    await tx.insert(intelIndicators).values({
      itemId,
      type: p.observable.type,
      value: p.observable.value,
      firstSeen: item.firstSeen,
      lastSeen: item.lastSeen,
      confidence: item.confidence,
      description: item.description,
    });
  }
  await tx
    .insert(intelItemStix)
    .values({ itemId, pattern: p.pattern?.pattern ?? null, patternType: p.pattern?.patternType ?? null, patternVersion: p.pattern?.patternVersion ?? null, addedAt: new Date() })
    .onConflictDoUpdate({ target: intelItemStix.itemId, set: { pattern: p.pattern?.pattern ?? null, patternType: p.pattern?.patternType ?? null, patternVersion: p.pattern?.patternVersion ?? null, addedAt: new Date() } });
}

async function clearKindRows(tx: DbOrTx, itemId: string) {
  await tx.delete(intelAdvisoryProducts).where(eq(intelAdvisoryProducts.itemId, itemId));
  await tx.delete(intelAdvisoryIndicators).where(eq(intelAdvisoryIndicators.advisoryId, itemId));
  await tx.delete(intelAdvisories).where(eq(intelAdvisories.itemId, itemId));
  await tx.delete(intelIndicators).where(eq(intelIndicators.itemId, itemId));
  await tx.delete(intelExperienceReports).where(eq(intelExperienceReports.itemId, itemId));
}

/** Normalises the split indicators; problems name the STIX id. */
function pendingOf(items: SharedItem[]): { list: { pending: Pending; indicators: Pending[] }[]; problems: (FieldProblem & { stixId: string })[] } {
  const problems: (FieldProblem & { stixId: string })[] = [];
  const normalised = (p: Pending): Pending => {
    if (!p.observable) return p;
    const result = normaliseIndicator(p.observable.type as never, p.observable.value);
    if (result.ok) return { ...p, observable: { ...p.observable, value: result.value } };
    problems.push({ stixId: p.stixId, field: "pattern", reason: result.reason, params: result.params });
    return p;
  };
  const list = items.map((item) => {
    const own = item.kind === "indicator" ? splitIndicator(item).map(normalised) : [{ stixId: item.stixId, item, observable: null, pattern: null }];
    const indicators = item.kind === "advisory" ? (item as SharedAdvisory).indicators.flatMap(splitIndicator).map(normalised) : [];
    return { pending: own[0]!, indicators: [...own.slice(1), ...indicators] };
  });
  return { list, problems };
}

/**
 * Writes the items: new ones added, newer versions of the author's own items replacing them,
 * the same or older versions left alone (replays are idempotent). Throws WriteProblems before
 * anything would be half-written; the caller's transaction rolls back.
 */
export async function writeImportedItems(tx: DbOrTx, author: Author, items: SharedItem[], sharingOf: SharingByLevel): Promise<WrittenItem[]> {
  const { list, problems } = pendingOf(items);
  const all = list.flatMap((l) => [...l.indicators, l.pending]);
  const stixIds = [...new Set(all.map((p) => p.stixId))];
  const existing = stixIds.length ? await tx.select().from(intelItems).where(inArray(intelItems.stixId, stixIds)) : [];
  const byStixId = new Map(existing.map((r) => [r.stixId, r]));
  const sharings = new Map<string, SharingInput>();
  for (const p of all) {
    const found = byStixId.get(p.stixId);
    if (found && found.authorOrgId !== author.orgId && found.modifiedAt.getTime() < p.item.modified.getTime()) {
      problems.push({ stixId: p.stixId, field: "id", reason: "stix_id_taken" });
    }
    const sharing = sharingOf(p.item.tlp);
    if ("reason" in sharing) problems.push({ ...sharing, stixId: p.stixId });
    else sharings.set(p.stixId, sharing);
  }
  if (problems.length) throw new WriteProblems(problems);

  const written: WrittenItem[] = [];
  const write = async (p: Pending, linkedIds: string[] = []): Promise<string> => {
    const found = byStixId.get(p.stixId);
    if (found && found.modifiedAt.getTime() >= p.item.modified.getTime()) {
      written.push({ itemId: found.id, stixId: p.stixId, outcome: "unchanged" });
      return found.id;
    }
    const sharing = sharings.get(p.stixId)!;
    const values = {
      kind: kindOf[p.item.kind],
      tlp: sharing.tlp,
      status: p.item.status,
      revoked: p.item.status === "revoked",
      title: p.item.title.slice(0, 300),
      providersAllowed: sharing.providersAllowed,
      validUntil: p.item.validUntil,
      modifiedAt: p.item.modified,
      searchText: searchTextOf(p),
    };
    let itemId: string;
    if (found) {
      itemId = found.id;
      await clearKindRows(tx, itemId);
      await tx.update(intelItems).set(values).where(eq(intelItems.id, itemId));
    } else {
      const [row] = await tx
        .insert(intelItems)
        .values({ ...values, stixId: p.stixId, anonymous: false, authorOrgId: author.orgId, authorUserId: author.userId, createdAt: p.item.created })
        .returning({ id: intelItems.id });
      itemId = row!.id;
    }
    await writeSharing(tx, itemId, sharing);
    await writeKindRows(tx, itemId, p, linkedIds);
    written.push({ itemId, stixId: p.stixId, outcome: found ? "updated" : "added" });
    return itemId;
  };
  for (const { pending, indicators } of list) {
    const linked: string[] = [];
    for (const indicator of indicators) linked.push(await write(indicator));
    await write(pending, pending.item.kind === "advisory" ? [...new Set(linked)] : []);
  }
  return written;
}
