import { eq, sql } from "drizzle-orm";
import { openConfiguredDatabase } from "../../../bootstrap.ts";
import { processIo, type Command } from "../../../cli/commands.ts";
import { appendAudit } from "../../../platform/audit/audit.ts";
import { users } from "../../identity/identity.tables.ts";
import { academyEditors } from "./authoring.tables.ts";

// `academy-editor grant|revoke --email E`: who writes the platform-wide paths every citizen reads.
// A right of the platform, not of an organisation, so it is given from the command line (by who
// runs the server), never from the web app.

export const academyEditorCommand: Command = async ({ config, argv, parseArgs, io = processIo() }) => {
  const { positionals, values } = parseArgs({ args: argv, options: { email: { type: "string" } }, allowPositionals: true, strict: true });
  const action = positionals[0];
  const email = values.email?.trim().toLowerCase();
  if ((action !== "grant" && action !== "revoke") || !email) {
    io.stderr.write("uso / usage: academy-editor grant|revoke --email E\n");
    return 2;
  }
  const database = await openConfiguredDatabase(config, 2);
  try {
    const [user] = await database.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    if (!user) {
      io.stderr.write(`--email: nessun utente con questa email / no user with this email: ${email}\n`);
      return 2;
    }
    await database.db.transaction(async (tx) => {
      if (action === "grant") await tx.insert(academyEditors).values({ userId: user.id }).onConflictDoNothing();
      else await tx.delete(academyEditors).where(eq(academyEditors.userId, user.id));
      await appendAudit(tx, { actor: null, actorLabel: "cli" }, { orgId: null, action: `academy.editor.${action}`, entityType: "user", entityId: user.id });
    });
    io.stdout.write(`${action === "grant" ? "redazione Academy concessa / academy editor granted" : "redazione Academy revocata / academy editor revoked"}: ${email}\n`);
    return 0;
  } finally {
    await database.close();
  }
};
