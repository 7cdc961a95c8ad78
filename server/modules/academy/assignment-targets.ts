import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { memberships, users } from "../identity/identity.tables.ts";
import type { AssignmentTarget } from "./academy-assignments.tables.ts";

// Who an assignment is for, resolved against the organisation's members now: anyone with one of
// the roles, in one of the offices (compared without regard to case), in the management body, or
// named. Disabled accounts are left out. `rulesOnly` leaves out the named people: the daily round
// adds newcomers matching the rules, while a named list stays as it was given.

export const targetIsEmpty = (t: AssignmentTarget) => !t.roles.length && !t.offices.length && !t.managementBody && !t.userIds.length;

export async function resolveTarget(db: DbOrTx, orgId: string, target: AssignmentTarget, options: { rulesOnly?: boolean } = {}): Promise<string[]> {
  const any: SQL[] = [];
  if (target.roles.length) any.push(inArray(memberships.role, target.roles));
  if (target.offices.length) any.push(inArray(sql`lower(${memberships.office})`, target.offices.map((o) => o.trim().toLowerCase())));
  if (target.managementBody) any.push(eq(memberships.managementBody, true));
  if (target.userIds.length && !options.rulesOnly) any.push(inArray(memberships.userId, target.userIds));
  if (!any.length) return [];
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), isNull(users.disabledAt), or(...any)));
  return rows.map((r) => r.userId);
}

/** Index of the first named person who is not a member of the organisation, or -1. */
export async function firstNonMember(db: DbOrTx, orgId: string, userIds: string[]): Promise<number> {
  if (!userIds.length) return -1;
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.userId, userIds)));
  const members = new Set(rows.map((r) => r.userId));
  return userIds.findIndex((id) => !members.has(id));
}
