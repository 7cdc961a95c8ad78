import { openDatabase, queryRows } from "../../server/db/client.ts";
import { seedOrganisation } from "../seed.ts";
import { sql } from "drizzle-orm";
const database = await openDatabase(process.env.PGURL ? { url: process.env.PGURL } : {});
await database.migrate();
const { orgId } = await seedOrganisation(database.db, 1000);
const q = sql`select u.id, u.email, u.name, m.role, u.totp_enabled_at is not null, m.created_at, m.org_id from memberships m join users u on u.id = m.user_id where m.org_id = ${orgId} order by m.created_at, m.user_id limit 51`;
await database.db.execute(sql.raw(process.env.IDX ?? "select 1"));
const plan = await queryRows<Record<string, string>>(database.db, sql`explain analyze ${q}`);
console.log(plan.map((r) => Object.values(r)[0]).join("\n"));
for (const label of ["members", "select1"]) {
  const t = performance.now();
  for (let i = 0; i < 200; i++) await database.db.execute(label === "members" ? q : sql`select 1`);
  console.log(label, ((performance.now() - t) / 200).toFixed(2), "ms");
}
await database.close();
