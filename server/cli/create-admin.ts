import { randomBytes } from "node:crypto";
import { text } from "node:stream/consumers";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { openConfiguredDatabase } from "../bootstrap.ts";
import type { Db } from "../db/client.ts";
import { memberships, organisations, users } from "../modules/identity/identity.tables.ts";
import { ipaCodePattern, ipaTypes, isValidOrganisationFiscalCode, organisationTypes } from "../modules/identity/organisation-codes.ts";
import { appendAudit } from "../platform/audit/audit.ts";
import { checkPasswordStrength, hashPassword } from "../platform/auth/passwords.ts";
import { processIo, type Command } from "./commands.ts";

// `create-admin`: the first organisation and its admin, for a PostgreSQL install without demo data.

const flagsSchema = z
  .object({
    email: z.email("indirizzo email non valido / invalid email address").transform((v) => v.trim().toLowerCase()),
    name: z.string().trim().min(2, "almeno 2 caratteri / at least 2 characters").max(200),
    "org-name": z.string().trim().min(2, "almeno 2 caratteri / at least 2 characters").max(200),
    "org-type": z.enum(organisationTypes, `uno di / one of: ${organisationTypes.join(", ")}`),
    "ipa-code": z
      .string()
      .trim()
      .toLowerCase()
      .regex(ipaCodePattern, "codice IPA non valido / invalid IPA code")
      .optional(),
    "fiscal-code": z
      .string()
      .trim()
      .refine(isValidOrganisationFiscalCode, "codice fiscale non valido / invalid fiscal code")
      .optional(),
    "password-stdin": z.boolean().optional(),
  })
  .refine((f) => !f["ipa-code"] || ipaTypes.includes(f["org-type"]), {
    path: ["ipa-code"],
    message: "il codice IPA non si applica a questo tipo / an IPA code does not apply to this type",
  });

export type CreateAdminInput = z.infer<typeof flagsSchema>;

export class CreateAdminRefused extends Error {}

/** Creates the organisation, the user and the admin membership in one transaction, audited. */
export async function createAdmin(db: Db, input: CreateAdminInput, password: string) {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email}`);
    if (taken) throw new CreateAdminRefused(`--email: esiste già un utente con questa email / a user with this email already exists: ${input.email}`);
    if (input["ipa-code"]) {
      const [ipaTaken] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.ipaCode, input["ipa-code"]));
      if (ipaTaken) throw new CreateAdminRefused(`--ipa-code: codice IPA già registrato / IPA code already registered: ${input["ipa-code"]}`);
    }
    const [org] = await tx
      .insert(organisations)
      .values({ name: input["org-name"], type: input["org-type"], ipaCode: input["ipa-code"] ?? null, fiscalCode: input["fiscal-code"] ?? null })
      .returning();
    const [user] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash }).returning();
    await tx.insert(memberships).values({ userId: user!.id, orgId: org!.id, role: "admin" });
    const cli = { actor: null, actorLabel: "cli" };
    await appendAudit(tx, cli, { orgId: org!.id, action: "organisation.create", entityType: "organisation", entityId: org!.id, after: org });
    await appendAudit(tx, cli, {
      orgId: org!.id,
      action: "member.add",
      entityType: "membership",
      entityId: user!.id,
      after: { email: user!.email, name: user!.name, role: "admin" },
    });
    return { org: org!, user: user! };
  });
}

export const createAdminCommand: Command = async ({ config, argv, parseArgs, io = processIo(), env = process.env }) => {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        "org-name": { type: "string" },
        "org-type": { type: "string" },
        "ipa-code": { type: "string" },
        "fiscal-code": { type: "string" },
        "password-stdin": { type: "boolean" },
      },
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const flag = `--${String(issue.path[0])}`;
      io.stderr.write(`${flag}: ${issue.code === "invalid_type" ? "obbligatorio / required" : issue.message}\n`);
    }
    return 2;
  }
  const input = parsed.data;

  // A password given by the operator (stdin or environment) is checked; otherwise one is generated.
  let password = env.CITTADELLA_ADMIN_PASSWORD;
  if (input["password-stdin"]) password = (await text(io.stdin)).replace(/\r?\n$/, "");
  const generated = !password;
  if (password) {
    const strength = await checkPasswordStrength(password, [input.email, input.name]);
    if (!strength.ok) {
      io.stderr.write(`password: troppo debole: almeno 10 caratteri, difficile da indovinare / too weak: at least 10 characters, hard to guess\n`);
      return 2;
    }
  } else {
    password = randomBytes(18).toString("base64url");
  }

  const database = await openConfiguredDatabase(config, 2);
  try {
    await database.migrate();
    const { org, user } = await createAdmin(database.db, input, password);
    io.stdout.write(`Amministratore creato / admin created: ${user.email} in "${org.name}" (${org.id})\n`);
    if (generated) io.stdout.write(`Password (mostrata una sola volta / shown once): ${password}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CreateAdminRefused) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
};
