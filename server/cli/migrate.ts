import { openConfiguredDatabase } from "../bootstrap.ts";
import type { Command } from "./commands.ts";

export const migrateCommand: Command = async ({ config }) => {
  const database = await openConfiguredDatabase(config, 2);
  try {
    await database.migrate();
    process.stdout.write("Migrazioni applicate / migrations applied.\n");
  } finally {
    await database.close();
  }
};
