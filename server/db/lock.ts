import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

// PGlite is one process per data directory: two owners silently lose writes. The lock file
// holds the owner's pid; a lock left by a process that no longer exists is taken over.
export interface DataDirLock {
  release(): void;
}

export class DataDirLockedError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, "cittadella.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
      process.once("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(readFileSync(path, "utf8"), 10);
      if (Number.isFinite(owner) && owner !== process.pid && processAlive(owner)) {
        throw new DataDirLockedError(
          `La cartella dati ${dataDir} è già in uso dal processo ${owner} / data directory in use by process ${owner}. ` +
            "Use DATABASE_URL (PostgreSQL) to run several processes.",
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(`Cannot lock ${dataDir}`);
}
