import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createContext, openConfiguredDatabase } from "../bootstrap.ts";
import { writeBackup } from "./backup/write-backup.ts";
import { processIo, type Command } from "./commands.ts";
import { progressBar } from "./progress.ts";

/** `backup <file>`: every table and every uploaded file, readable by PGlite and PostgreSQL alike. */
export const backupCommand: Command = async ({ config, log, argv, io = processIo() }) => {
  if (argv.length !== 1 || argv[0]!.startsWith("-")) {
    io.stderr.write("Uso / usage: cittadella backup <file>\n");
    return 2;
  }
  const path = resolve(argv[0]!);
  if (existsSync(path)) {
    io.stderr.write(`Il file esiste già / file already exists: ${path}\n`);
    return 2;
  }
  const database = await openConfiguredDatabase(config, 2);
  const bar = progressBar(io.stderr, "Backup");
  try {
    const { fileStore } = createContext(config, database, log);
    const summary = await writeBackup(database, fileStore, path, (done, total) => bar.update(done, total));
    bar.stop();
    io.stdout.write(`Backup scritto / written: ${path} (${summary.rows} righe / rows, ${summary.files} file)\n`);
    return 0;
  } finally {
    bar.stop();
    await database.close();
  }
};
