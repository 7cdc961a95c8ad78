import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../server/db/client.ts";
import { hashPassword } from "../server/platform/auth/passwords.ts";
import { memberships, organisations, users } from "../server/modules/identity/identity.tables.ts";

export const BENCH_PASSWORD = "Benchmark-Rondine-Vesuvio-42";

/** One organisation with `count` members (the first is the admin who signs in), inserted in bulk. */
export async function seedOrganisation(db: Db, count: number) {
  const [org] = await db.insert(organisations).values({ name: "Comune di Benchmark", type: "comune" }).returning();
  const adminEmail = `admin-${randomUUID().slice(0, 6)}@bench.example.it`;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const people = Array.from({ length: count }, (_, i) => ({
    email: i === 0 ? adminEmail : `persona-${i}-${randomUUID().slice(0, 6)}@bench.example.it`,
    name: i === 0 ? "Amministratrice Benchmark" : `Persona ${String(i).padStart(4, "0")}`,
    // only the admin signs in; the others need no hash
    passwordHash: i === 0 ? passwordHash : null,
  }));
  for (let i = 0; i < people.length; i += 500) {
    const rows = await db.insert(users).values(people.slice(i, i + 500)).returning({ id: users.id });
    await db.insert(memberships).values(rows.map((r, j) => ({ userId: r.id, orgId: org!.id, role: i + j === 0 ? "admin" : "employee" })));
  }
  // statistics as a database in use has them (autovacuum on PostgreSQL, housekeeping on PGlite)
  await db.execute(sql`analyze`);
  return { orgId: org!.id, adminEmail };
}
