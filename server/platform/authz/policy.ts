import { forbidden, notFound } from "../http/errors.ts";
import type { Actor, Role } from "./actor.ts";

/**
 * One policy per kind of record, written as rules. `tenant` says whether the record is visible
 * to the actor at all (own organisation or a relationship); the rules then say what it may do.
 * Invisible records answer 404, visible but forbidden ones 403.
 */
export interface PolicyDefinition<R, A extends string> {
  /** token scope that covers reads and writes on this kind of record, e.g. "identity" */
  scope: string;
  tenant(actor: Actor, record: R): boolean;
  rules: Record<A, (actor: Actor, record: R) => boolean>;
  /** actions that only read; API tokens need `${scope}:read` for these, `${scope}:write` for others */
  readActions: readonly NoInfer<A>[];
}

export interface Policy<R, A extends string> {
  can(actor: Actor, action: A, record: R): boolean;
  /** The record when the actor may act on it; 404 when it cannot see it, 403 when it may not act. */
  authorize<T extends R>(actor: Actor, action: A, record: T | undefined | null): T;
  allowedActions(actor: Actor, record: R): A[];
}

export function tokenAllows(actor: Actor, scope: string, write: boolean): boolean {
  if (!actor.scopes) return true;
  return actor.scopes.includes(`${scope}:write`) || (!write && actor.scopes.includes(`${scope}:read`));
}

export function definePolicy<R, A extends string>(def: PolicyDefinition<R, A>): Policy<R, A> {
  const actions = Object.keys(def.rules) as A[];
  const can = (actor: Actor, action: A, record: R) =>
    def.tenant(actor, record) &&
    tokenAllows(actor, def.scope, !def.readActions.includes(action)) &&
    def.rules[action](actor, record);
  return {
    can,
    authorize(actor, action, record) {
      if (record == null || !def.tenant(actor, record)) throw notFound();
      if (!can(actor, action, record)) throw forbidden();
      return record;
    },
    allowedActions: (actor, record) => actions.filter((a) => can(actor, a, record)),
  };
}

export const hasRole = (actor: Actor, ...allowed: Role[]) => actor.role !== null && allowed.includes(actor.role);
