import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { cliDatabase, runCommand, type CliDatabase } from "../../test/helpers/cli-database.ts";
import { memberships, organisations, users } from "../modules/identity/identity.tables.ts";
import { auditLog } from "../platform/audit/audit.tables.ts";
import { verifyPassword } from "../platform/auth/passwords.ts";

let target: CliDatabase;
beforeAll(async () => {
  target = await cliDatabase();
});
afterAll(() => target.dispose());

const flags = (email: string, orgName = "Comune di Prova") => [
  "create-admin",
  "--email",
  email,
  "--name",
  "Paola Prima",
  "--org-name",
  orgName,
  "--org-type",
  "comune",
  "--ipa-code",
  `c_${Math.random().toString(36).slice(2, 8)}`,
];

async function inDatabase<T>(fn: (db: Awaited<ReturnType<CliDatabase["open"]>>["db"]) => Promise<T>): Promise<T> {
  const database = await target.open();
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

describe("cittadella create-admin", () => {
  it("creates the organisation and its admin, printing a generated password once", async () => {
    const result = await runCommand(target.config, flags("Prima@Comune.example.it"));
    expect(result.code).toBe(0);
    const password = result.stdout.match(/shown once\): (\S+)/)?.[1];
    expect(password).toBeDefined();
    await inDatabase(async (db) => {
      const [user] = await db.select().from(users).where(eq(users.email, "prima@comune.example.it"));
      expect(await verifyPassword(user!.passwordHash, password!)).toBe(true);
      const [membership] = await db.select().from(memberships).where(eq(memberships.userId, user!.id));
      expect(membership?.role).toBe("admin");
      const [org] = await db.select().from(organisations).where(eq(organisations.id, membership!.orgId));
      expect(org).toMatchObject({ name: "Comune di Prova", type: "comune" });
      const entries = await db.select().from(auditLog).where(eq(auditLog.orgId, org!.id));
      expect(entries.map((e) => [e.action, e.actorLabel])).toEqual([
        ["organisation.create", "cli"],
        ["member.add", "cli"],
      ]);
    });
  });

  it("takes the password from the environment or from stdin, and checks its strength", async () => {
    const fromEnv = await runCommand(target.config, flags("env@example.it"), { env: { CITTADELLA_ADMIN_PASSWORD: "Gabbiano-Tramonto-Ostia-19" } });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout).not.toContain("Password");
    const fromStdin = await runCommand(target.config, [...flags("stdin@example.it"), "--password-stdin"], { stdin: "Limone-Scogliera-Amalfi-77\n" });
    expect(fromStdin.code).toBe(0);
    const weak = await runCommand(target.config, flags("weak@example.it"), { env: { CITTADELLA_ADMIN_PASSWORD: "password1" } });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain("too weak");
    await inDatabase(async (db) => {
      const [envUser] = await db.select().from(users).where(eq(users.email, "env@example.it"));
      expect(await verifyPassword(envUser!.passwordHash, "Gabbiano-Tramonto-Ostia-19")).toBe(true);
      const [stdinUser] = await db.select().from(users).where(eq(users.email, "stdin@example.it"));
      expect(await verifyPassword(stdinUser!.passwordHash, "Limone-Scogliera-Amalfi-77")).toBe(true);
      expect(await db.select().from(users).where(eq(users.email, "weak@example.it"))).toEqual([]);
    });
  });

  it("refuses an email that already exists, changing nothing", async () => {
    const before = await inDatabase(async (db) => (await db.select().from(organisations)).length);
    const again = await runCommand(target.config, flags("PRIMA@comune.example.it", "Comune Doppione"));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("--email: esiste già un utente con questa email");
    expect(await inDatabase(async (db) => (await db.select().from(organisations)).length)).toBe(before);
  });

  it("names every bad or missing flag", async () => {
    const result = await runCommand(target.config, ["create-admin", "--email", "not-an-email", "--org-name", "X Comune", "--org-type", "castello", "--ipa-code", "Bad Code!"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--email: indirizzo email non valido");
    expect(result.stderr).toContain("--name: obbligatorio / required");
    expect(result.stderr).toContain("--org-type: uno di / one of: comune");
    expect(result.stderr).toContain("--ipa-code: codice IPA non valido");
    const unknown = await runCommand(target.config, [...flags("x@example.it"), "--admin", "yes"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--admin");
    const company = await runCommand(target.config, ["create-admin", "--email", "c@example.it", "--name", "Carla", "--org-name", "Ditta Srl", "--org-type", "company", "--ipa-code", "c_ditta"]);
    expect(company.code).toBe(2);
    expect(company.stderr).toContain("--ipa-code: il codice IPA non si applica");
  });
});
