import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createContext, openConfiguredDatabase } from "../bootstrap.ts";
import { BackupError } from "./backup/format.ts";
import { restoreBackup } from "./backup/restore-backup.ts";
import { processIo, type Command } from "./commands.ts";
import { progressBar } from "./progress.ts";

/** `restore <file>`: into an empty database only, all or nothing. */
export const restoreCommand: Command = async ({ config, log, argv, io = processIo() }) => {
  if (argv.length !== 1 || argv[0]!.startsWith("-")) {
    io.stderr.write("Uso / usage: cittadella restore <file>\n");
    return 2;
  }
  const path = resolve(argv[0]!);
  if (!existsSync(path)) {
    io.stderr.write(`File non trovato / file not found: ${path}\n`);
    return 2;
  }
  const database = await openConfiguredDatabase(config, 2);
  const bar = progressBar(io.stderr, "Ripristino / restore");
  try {
    // a fresh database gets its tables first; one already in use is refused below
    await database.migrate();
    const { fileStore } = createContext(config, database, log);
    const result = await restoreBackup(database, fileStore, path, (done, total) => bar.update(done, total));
    bar.stop();
    io.stdout.write(`Ripristino completato / restore complete: ${result.rows} righe / rows, ${result.files} file (backup del / taken ${result.header.createdAt})\n`);
    return 0;
  } catch (error) {
    bar.stop();
    if (error instanceof BackupError) {
      io.stderr.write(`Ripristino rifiutato, nulla è cambiato / restore refused, nothing changed: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
};
