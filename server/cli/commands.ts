import type { parseArgs as ParseArgs } from "node:util";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import { serve } from "./serve.ts";
import { migrateCommand } from "./migrate.ts";

export interface CommandInput {
  config: Config;
  log: Logger;
  argv: string[];
  parseArgs: typeof ParseArgs;
}

export type Command = (input: CommandInput) => Promise<number | void>;

export const commands: Record<string, Command> = {
  serve,
  migrate: migrateCommand,
};
