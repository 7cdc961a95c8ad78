import { and, eq } from "drizzle-orm";
import type { Tx } from "../db/client.ts";
import { memberships, users } from "../modules/identity/identity.tables.ts";
import { academyAssignmentLearners, academyAssignments, type AssignmentTarget } from "../modules/academy/academy-assignments.tables.ts";
import { academyPaths } from "../modules/academy/academy.tables.ts";
import { resolveTarget } from "../modules/academy/assignment-targets.ts";
import { addDays, todayInItaly } from "../modules/academy/assignment-status.ts";

// The demo comune's training plan: its people in their offices, two members of the giunta (no
// password: they only appear in reports), and two assignments of the starter curriculum, one
// due in a month (Diana has completed it, with her certificate, from seedDemoAcademy) and one
// past its due date (Ottavio failed its quiz once; the giunta has not started). Written straight
// to the tables, as the API refuses a due date in the past; no mail is queued.

const offices: Record<string, string> = {
  "admin@comune.demo": "Segreteria generale",
  "sicurezza@comune.demo": "Servizi informativi",
  "operatore@comune.demo": "Servizi informativi",
  "dipendente@comune.demo": "Ufficio Anagrafe",
  "revisore@comune.demo": "Ragioneria",
  "lettore@comune.demo": "Ufficio Anagrafe",
};

const giunta = [
  { email: "sindaco@comune.demo", name: "Marco Sindaco" },
  { email: "assessora@comune.demo", name: "Elena Assessora" },
];

async function assign(tx: Tx, comuneId: string, createdBy: string, slug: string, dueOn: string, target: AssignmentTarget, assignedAt: Date) {
  const [path] = await tx.select({ title: academyPaths.title }).from(academyPaths).where(and(eq(academyPaths.slug, slug), eq(academyPaths.language, "it"), eq(academyPaths.status, "published")));
  const [row] = await tx.insert(academyAssignments).values({ orgId: comuneId, pathSlug: slug, pathTitle: path!.title, target, dueOn, createdBy, createdAt: assignedAt }).returning();
  const learners = await resolveTarget(tx, comuneId, target);
  await tx.insert(academyAssignmentLearners).values(learners.map((userId) => ({ assignmentId: row!.id, userId, orgId: comuneId, assignedAt })));
}

export async function seedDemoAssignments(tx: Tx, ids: { comuneId: string; userIds: Map<string, string> }) {
  for (const [email, office] of Object.entries(offices)) {
    await tx.update(memberships).set({ office }).where(and(eq(memberships.orgId, ids.comuneId), eq(memberships.userId, ids.userIds.get(email)!)));
  }
  for (const person of giunta) {
    const [user] = await tx.insert(users).values({ ...person, passwordHash: null }).returning({ id: users.id });
    await tx.insert(memberships).values({ userId: user!.id, orgId: ids.comuneId, role: "viewer", office: "Giunta comunale", managementBody: true });
  }
  const today = todayInItaly();
  const manager = ids.userIds.get("sicurezza@comune.demo")!;
  const none = { roles: [], offices: [], managementBody: false, userIds: [] };
  await assign(tx, ids.comuneId, manager, "incidenti-in-ufficio", addDays(today, 30), { ...none, roles: ["employee", "it_operator"], offices: ["Ufficio Anagrafe"] }, new Date(Date.now() - 20 * 86_400_000));
  await assign(tx, ids.comuneId, manager, "sicurezza-digitale-di-base", addDays(today, -10), { ...none, offices: ["Servizi informativi"], managementBody: true }, new Date(Date.now() - 40 * 86_400_000));
}
