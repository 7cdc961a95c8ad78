import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "./config.ts";
import { DataDirLockedError } from "./db/lock.ts";
import { createLogger } from "./logger.ts";
import { commands } from "./cli/commands.ts";

const usage = `cittadella <command> [options]

  serve [--role web|worker|all]   start the server (default role: all)
  migrate                         apply database migrations
  create-admin --email E --name N --org-name O --org-type T [--ipa-code C] [--fiscal-code F]
               [--password-stdin] create the first organisation and its admin; the password
                                  comes from stdin, CITTADELLA_ADMIN_PASSWORD, or is generated
                                  and printed once
  backup <file>                   write a backup of the database and uploaded files
  restore <file>                  restore a backup into an empty database (PGlite or PostgreSQL)
  audit verify                    check the audit log's hash chain
  academy-editor grant|revoke --email E
                                  let a user write the platform-wide academy paths (or no more)
`;

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === "help" || command === "--help") {
    process.stdout.write(usage);
    return 0;
  }
  const run = commands[command];
  if (!run) {
    process.stderr.write(`Comando sconosciuto / unknown command: ${command}\n\n${usage}`);
    return 2;
  }
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  return run({ config, log, argv: rest, parseArgs });
}

main().then(
  (code) => {
    if (typeof code === "number" && code !== 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof DataDirLockedError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  },
);
