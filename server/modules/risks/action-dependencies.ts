import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { invalidField } from "../../platform/http/errors.ts";
import { actionDependencies, improvementActions } from "./risks.tables.ts";

// Dependencies between actions of one organisation. "A depends on B" means A waits for B; a
// cycle (A waits for B waits for C waits for A) could never start, so it is refused, naming the
// entry of dependsOnIds that closes it and the whole loop ("A-1 → A-2 → A-3 → A-1").

/**
 * Checks the new dependency list of an action (actionId null while it is being created, when
 * nothing can depend on it yet) and returns it without repeats.
 */
export async function checkDependencies(tx: DbOrTx, orgId: string, actionId: string | null, dependsOnIds: string[], field: string): Promise<string[]> {
  const unique = [...new Set(dependsOnIds)];
  if (!unique.length) return [];
  dependsOnIds.forEach((id, i) => {
    if (id === actionId) throw invalidField(`${field}[${i}]`, "dependency_on_itself");
  });
  const found = await tx
    .select({ id: improvementActions.id, number: improvementActions.number })
    .from(improvementActions)
    .where(and(eq(improvementActions.orgId, orgId), inArray(improvementActions.id, unique)));
  const numbers = new Map(found.map((a) => [a.id, a.number]));
  dependsOnIds.forEach((id, i) => {
    // another organisation's action is as unknown as a made-up id
    if (!numbers.has(id)) throw invalidField(`${field}[${i}]`, "action_unknown");
  });
  if (actionId === null) return unique;

  const cycle = await findCycle(tx, actionId, unique);
  if (cycle) {
    const ids = [actionId, ...cycle];
    const rows = await tx.select({ id: improvementActions.id, number: improvementActions.number }).from(improvementActions).where(inArray(improvementActions.id, ids));
    const ref = new Map(rows.map((r) => [r.id, `A-${r.number}`]));
    const path = ids.map((id) => ref.get(id) ?? "?").join(" → ");
    throw invalidField(`${field}[${dependsOnIds.indexOf(cycle[0]!)}]`, "dependency_cycle", { path });
  }
  return unique;
}

/**
 * Walks what the new dependencies wait for, level by level (one query per level), and returns the
 * path from one of them back to actionId if there is one: [d, ..., actionId].
 */
async function findCycle(tx: DbOrTx, actionId: string, dependsOnIds: string[]): Promise<string[] | null> {
  const cameFrom = new Map<string, string | null>(dependsOnIds.map((id) => [id, null]));
  let frontier = dependsOnIds;
  while (frontier.length) {
    const edges = await tx
      .select({ from: actionDependencies.actionId, to: actionDependencies.dependsOnId })
      .from(actionDependencies)
      .where(inArray(actionDependencies.actionId, frontier));
    const next: string[] = [];
    for (const edge of edges) {
      if (edge.to === actionId) {
        const path = [actionId];
        for (let at: string | null = edge.from; at !== null; at = cameFrom.get(at) ?? null) path.unshift(at);
        return path;
      }
      if (cameFrom.has(edge.to)) continue;
      cameFrom.set(edge.to, edge.from);
      next.push(edge.to);
    }
    frontier = next;
  }
  return null;
}
