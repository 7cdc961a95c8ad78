import { afterEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { cliDatabase, runCommand, type CliDatabase } from "../../test/helpers/cli-database.ts";
import { appendAudit } from "../platform/audit/audit.ts";
import { auditLog } from "../platform/audit/audit.tables.ts";

let target: CliDatabase | undefined;
afterEach(async () => {
  await target?.dispose();
  target = undefined;
});

/** A database whose chain holds `n` entries; `tamper` then changes it behind the chain's back. */
async function chainOf(n: number, tamper?: (db: Awaited<ReturnType<CliDatabase["open"]>>["db"]) => Promise<unknown>) {
  target = await cliDatabase();
  const database = await target.open();
  for (let i = 1; i <= n; i++) {
    await database.db.transaction((tx) =>
      appendAudit(tx, { actor: null, actorLabel: "test", ip: "192.0.2.1" }, { orgId: null, action: "test.entry", entityType: "test", entityId: String(i), after: { i } }),
    );
  }
  await tamper?.(database.db);
  await database.close();
  return target.config;
}

describe("cittadella audit verify", () => {
  it("exits 0 on an intact chain", async () => {
    const config = await chainOf(4);
    const result = await runCommand(config, ["audit", "verify"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("audit log intact: 4 voci / entries");
  });

  it("names the first edited entry", async () => {
    const config = await chainOf(4, (db) => db.update(auditLog).set({ after: { i: 99 } }).where(eq(auditLog.seq, 2)));
    const result = await runCommand(config, ["audit", "verify"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("first bad entry: seq 2 (voce modificata / entry edited)");
  });

  it("names a deleted entry in the middle and a deleted newest entry", async () => {
    const middle = await chainOf(4, (db) => db.delete(auditLog).where(eq(auditLog.seq, 3)));
    const gap = await runCommand(middle, ["audit", "verify"]);
    expect(gap.code).toBe(3);
    expect(gap.stderr).toContain("first bad entry: seq 3 (voce cancellata / entry deleted)");
    await target!.dispose();

    const tail = await chainOf(4, (db) => db.execute(sql`delete from audit_log where seq = 4`));
    const cut = await runCommand(tail, ["audit", "verify"]);
    expect(cut.code).toBe(3);
    expect(cut.stderr).toContain("first bad entry: seq 4 (ultime voci cancellate / newest entries deleted)");
  });

  it("explains its usage", async () => {
    target = await cliDatabase();
    const result = await runCommand(target.config, ["audit", "check"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cittadella audit verify");
  });
});
