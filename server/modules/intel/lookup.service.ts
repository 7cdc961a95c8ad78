import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { intelIndicators, intelItems } from "./intel.tables.ts";
import type { IndicatorType } from "./normalise.ts";
import { normaliseObservable } from "./observables.ts";
import { visibleItemsWhere, type Viewer } from "./tlp.ts";

// The lookup for SIEMs and firewalls: which of these observables are known bad? One query for the
// whole batch: the normalised (type, value) pairs are unnested and joined on the
// intel_indicators_lookup index, TLP is the same SQL predicate as every list (visibleItemsWhere),
// and only active indicators answer: published, not revoked, not past their validity.

export interface LookupMatch {
  /** positions in the request of the observables this indicator matched */
  observableIndexes: number[];
  indicatorId: string;
  stixId: string;
  title: string;
  type: string;
  value: string;
  tlp: string;
  confidence: number | null;
  lastSeen: Date | null;
  validUntil: Date | null;
}

export interface Unrecognised {
  index: number;
  reason: "observable_unrecognised" | "indicator_invalid" | "hash_wrong_length";
  params: Record<string, string | number>;
}

// a Postgres array literal sent as ONE parameter, whatever the batch size
const arrayLiteral = (items: string[]) => `{${items.map((item) => `"${item.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

export async function lookupObservables(db: DbOrTx, viewer: Viewer, observables: { type?: IndicatorType | undefined; value: string }[], now = new Date()) {
  const unrecognised: Unrecognised[] = [];
  const wanted = new Map<string, number[]>();
  observables.forEach((observable, index) => {
    const n = normaliseObservable(observable);
    if (!n.ok) {
      unrecognised.push({ index, reason: n.reason, params: "params" in n ? n.params : {} });
      return;
    }
    const key = `${n.type} ${n.value}`;
    wanted.set(key, [...(wanted.get(key) ?? []), index]);
  });
  if (!wanted.size) return { matches: [] as LookupMatch[], unrecognised };

  const pairs = [...wanted.keys()].map((key) => [key.slice(0, key.indexOf(" ")), key.slice(key.indexOf(" ") + 1)] as const);
  const ind = intelIndicators;
  const i = intelItems;
  const rows = await db
    .select({ indicatorId: i.id, stixId: i.stixId, title: i.title, type: ind.type, value: ind.value, tlp: i.tlp, confidence: ind.confidence, lastSeen: ind.lastSeen, validUntil: i.validUntil })
    .from(ind)
    .innerJoin(i, eq(i.id, ind.itemId))
    .where(
      and(
        sql`(${ind.type}, ${ind.value}) in (select o.type, o.value from unnest(${arrayLiteral(pairs.map((p) => p[0]))}::text[], ${arrayLiteral(pairs.map((p) => p[1]))}::text[]) as o(type, value))`,
        eq(i.status, "published"),
        eq(i.revoked, false),
        sql`(${i.validUntil} is null or ${i.validUntil} > ${now.toISOString()}::timestamptz)`,
        visibleItemsWhere(viewer),
      ),
    )
    .orderBy(ind.type, ind.value, i.id);
  const matches: LookupMatch[] = rows.map((row) => ({ ...row, observableIndexes: wanted.get(`${row.type} ${row.value}`) ?? [] }));
  return { matches, unrecognised };
}
