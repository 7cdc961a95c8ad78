import type { StixObject } from "../export/common.ts";
import { INCIDENT_CORE_EXTENSION_ID } from "../export/experience.ts";
import type { SharedItem } from "../source-types.ts";
import { tlpFromMarkingDefinition } from "../tlp.ts";
import { BundleContext, type ImportOptions } from "./context.ts";
import { mapIncident, mapIndicator, mapReport, mapVulnerability, type MappedIndicator } from "./map-items.ts";
import { parseStixJson } from "./parse.ts";
import { problem, type ImportProblem } from "./problems.ts";
import { validateStixObject } from "./validate.ts";

// All or nothing: every object is validated and every problem reported, object by object; only
// a bundle without problems is mapped, so the caller has nothing to write half-way.

export type { ImportOptions } from "./context.ts";

/** Past this many problems the report stops listing them: the bundle is refused either way. */
export const MAX_PROBLEMS = 1000;

export interface ImportedBundle {
  bundleId: string | null;
  /** advisories (their indicators inside), standalone indicators, experience reports */
  items: SharedItem[];
  /** indicators kept with their pattern verbatim, which the product cannot search, and why */
  notSearchable: { stixId: string; reason: string }[];
  /** valid objects the product does not model (malware, campaigns, foreign relationships...), as received */
  otherObjects: StixObject[];
}

export type ImportResult = ({ ok: true } & ImportedBundle) | { ok: false; problems: ImportProblem[] };

export function importStixBundle(input: string | unknown, options: ImportOptions): ImportResult {
  const parsed = parseStixJson(input);
  if (!parsed.ok) return parsed;
  const problems: ImportProblem[] = [];
  const objects: StixObject[] = [];
  for (const [index, raw] of parsed.objects.entries()) {
    const result = validateStixObject(raw, index);
    if (result.ok) objects.push(result.object);
    else problems.push(...result.problems);
    if (problems.length >= MAX_PROBLEMS) {
      problems.length = MAX_PROBLEMS;
      problems.push(problem({ index: null, id: parsed.bundleId, type: "bundle" }, "objects", "stix_too_many_problems", `more than ${MAX_PROBLEMS} problems; stopped at object ${index}`, { index }));
      break;
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, ...mapStixObjects(latestVersions(objects), options, parsed.bundleId) };
}

/**
 * A bundle may carry several versions of one object (or the same one twice, when a feed is
 * replayed): the latest `modified` wins, so importing it is idempotent.
 */
export function latestVersions(objects: readonly StixObject[]): StixObject[] {
  const latest = new Map<string, StixObject>();
  for (const object of objects) {
    const seen = latest.get(object.id);
    if (!seen || String(object.modified ?? "") >= String(seen.modified ?? "")) latest.set(object.id, object);
  }
  return [...latest.values()];
}

/** Valid objects (see validateStixObject) to the product's items. */
export function mapStixObjects(objects: readonly StixObject[], options: ImportOptions, bundleId: string | null = null): ImportedBundle {
  const context = new BundleContext(objects, options);
  const ofType = (type: string) => objects.filter((o) => o.type === type);
  const indicators = new Map<string, MappedIndicator>(ofType("indicator").map((o) => [o.id, mapIndicator(context, o)]));
  const reports = ofType("report");
  const grouped = new Set(reports.flatMap((r) => r.object_refs as string[]));
  const advisories = reports.map((r) => mapReport(context, r, indicators));
  const standaloneVulnerabilities = ofType("vulnerability").filter((v) => !context.consumed.has(v.id));
  const relationships = ofType("relationship");
  const items: SharedItem[] = [
    ...advisories,
    ...standaloneVulnerabilities.map((v) => mapVulnerability(context, v, relationships)),
    ...[...indicators.values()].filter((m) => !grouped.has(m.indicator.stixId)).map((m) => m.indicator),
    ...ofType("incident").map((o) => mapIncident(context, o)),
  ];
  // our own relationships between objects an item absorbed add nothing beyond the item
  for (const r of relationships) if (context.consumed.has(String(r.source_ref)) && context.consumed.has(String(r.target_ref))) context.consumed.add(r.id);
  for (const author of items.flatMap(authorsOf)) context.consumed.add(author);
  for (const o of ofType("marking-definition")) if (tlpFromMarkingDefinition(o).kind === "tlp") context.consumed.add(o.id);
  context.consumed.add(INCIDENT_CORE_EXTENSION_ID);
  return {
    bundleId,
    items,
    notSearchable: [...indicators.values()].filter((m) => m.notSearchable !== null).map((m) => ({ stixId: m.indicator.stixId, reason: m.notSearchable! })),
    otherObjects: objects.filter((o) => !context.consumed.has(o.id)),
  };
}

function authorsOf(item: SharedItem): string[] {
  const nested = item.kind === "advisory" ? item.indicators.flatMap(authorsOf) : [];
  return [item.author?.identityId, ...item.comments.map((c) => c.author?.identityId), ...nested].filter((id): id is string => id !== undefined);
}
