import type { Readable, Writable } from "node:stream";
import type { parseArgs as ParseArgs } from "node:util";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import { serve } from "./serve.ts";
import { migrateCommand } from "./migrate.ts";
import { createAdminCommand } from "./create-admin.ts";
import { backupCommand } from "./backup.ts";
import { restoreCommand } from "./restore.ts";
import { auditCommand } from "./audit.ts";
import { academyEditorCommand } from "../modules/academy/authoring/academy-editor.command.ts";

/** Where a command reads and writes; the process's own streams unless a test passes others. */
export interface CommandIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

export interface CommandInput {
  config: Config;
  log: Logger;
  argv: string[];
  parseArgs: typeof ParseArgs;
  io?: CommandIo;
  /** environment for secrets passed to a command (e.g. CITTADELLA_ADMIN_PASSWORD); process.env by default */
  env?: NodeJS.ProcessEnv;
}

export type Command = (input: CommandInput) => Promise<number | void>;

export const processIo = (): CommandIo => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });

export const commands: Record<string, Command> = {
  serve,
  migrate: migrateCommand,
  "create-admin": createAdminCommand,
  backup: backupCommand,
  restore: restoreCommand,
  audit: auditCommand,
  "academy-editor": academyEditorCommand,
};
