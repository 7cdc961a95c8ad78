import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { cliDatabase, runCommand, type CliDatabase } from "../../../../test/helpers/cli-database.ts";
import { makeUser } from "../../../../test/helpers/factories.ts";
import { academyEditors } from "./authoring.tables.ts";

let target: CliDatabase | undefined;
afterEach(async () => {
  await target?.dispose();
  target = undefined;
});

describe("cittadella academy-editor", () => {
  it("grants and revokes the right to write platform-wide paths, by email", async () => {
    target = await cliDatabase();
    let database = await target.open();
    const user = await makeUser(database.db, null, "employee", { email: "Redazione@Example.it" });
    await database.close();

    const granted = await runCommand(target.config, ["academy-editor", "grant", "--email", "redazione@example.it"]);
    expect(granted.code).toBe(0);
    database = await target.open();
    expect(await database.db.select().from(academyEditors).where(eq(academyEditors.userId, user.id))).toHaveLength(1);
    await database.close();

    expect((await runCommand(target.config, ["academy-editor", "revoke", "--email", "redazione@example.it"])).code).toBe(0);
    database = await target.open();
    expect(await database.db.select().from(academyEditors).where(eq(academyEditors.userId, user.id))).toHaveLength(0);
    await database.close();
  });

  it("refuses an unknown email or a missing action", async () => {
    target = await cliDatabase();
    const unknown = await runCommand(target.config, ["academy-editor", "grant", "--email", "nessuno@example.it"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("nessun utente");
    expect((await runCommand(target.config, ["academy-editor", "--email", "x@example.it"])).code).toBe(2);
  });
});
