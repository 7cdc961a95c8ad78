import { buildApp } from "../app.ts";
import { createContext, openConfiguredDatabase } from "../bootstrap.ts";
import { databaseIsEmpty, demoAccounts, seedDemo } from "../demo/seed.ts";
import { Worker } from "../platform/jobs/worker.ts";
import { publishStarterCurriculum } from "../modules/academy/index.ts";
import type { Command } from "./commands.ts";

export const serve: Command = async ({ config, log, argv, parseArgs }) => {
  const { values } = parseArgs({ args: argv, options: { role: { type: "string", default: "all" } } });
  const role = values.role;
  if (role !== "web" && role !== "worker" && role !== "all") {
    process.stderr.write(`--role: must be web, worker or all (got "${role}")\n`);
    return 2;
  }
  const started = Date.now();
  const database = await openConfiguredDatabase(config);
  await database.migrate();
  const ctx = createContext(config, database, log);
  // the starter curriculum is published on first start (a version already there is left alone)
  const published = await publishStarterCurriculum(ctx.db);
  if (published) log.info({ paths: published }, "percorsi dell'accademia pubblicati / academy paths published");

  // Demo data only on a fresh embedded database (or when DEMO_DATA=true asks for it).
  const wantDemo = config.DEMO_DATA ?? config.embedded;
  if (wantDemo && (await databaseIsEmpty(ctx.db))) {
    const { password, generated } = await seedDemo(ctx.db, config.CITTADELLA_DEMO_PASSWORD, { publicUrl: config.publicUrl, secretKey: ctx.config.secretKey });
    const lines = [
      "",
      "Dati dimostrativi caricati / demo data loaded.",
      ...demoAccounts.map((a) => `  ${a.email.padEnd(28)} ${a.role}`),
      generated ? `Password (mostrata una sola volta / shown once): ${password}` : "Password: CITTADELLA_DEMO_PASSWORD",
      "",
    ];
    process.stdout.write(lines.join("\n") + "\n");
  }

  const worker = role === "web" ? null : new Worker(ctx.db, ctx.jobs, log);
  worker?.start();
  const app = role === "worker" ? null : await buildApp(ctx);
  if (app) {
    await app.listen({ host: config.HOST, port: config.PORT });
    log.info({ ms: Date.now() - started, url: config.publicUrl, database: database.kind, role }, "Cittadella pronta / ready");
  } else {
    log.info({ database: database.kind }, "worker started");
  }

  const shutdown = async (signal: string) => {
    log.info({ signal }, "shutting down");
    await app?.close();
    await worker?.stop();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  await new Promise(() => {});
};
