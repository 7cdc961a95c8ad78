import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import dotenv from "dotenv";
import { allowedNetworks } from "./platform/http/outbound.ts";

// Every setting the process reads, parsed once at start. A bad value stops the process with a
// message naming the variable, instead of failing later in a request.
const booleanFromEnv = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: booleanFromEnv.default(false),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  UPLOAD_LIMIT_BYTES: z.coerce.number().int().min(1024).default(20 * 1024 * 1024),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().default("Cittadella <noreply@cittadella.local>"),
  CITTADELLA_DEMO_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  DEMO_DATA: booleanFromEnv.optional(),
  SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  /** private networks outbound calls (webhooks) may reach, e.g. "10.1.2.0/24, fd00::/8"; none by default */
  OUTBOUND_ALLOW_NETWORKS: z
    .string()
    .optional()
    .refine(
      (spec) => {
        try {
          allowedNetworks(spec);
          return true;
        } catch {
          return false;
        }
      },
      { message: "must be a comma-separated list of networks in CIDR form, e.g. 10.1.2.0/24" },
    ),
});

export type Config = z.infer<typeof configSchema> & {
  publicUrl: string;
  embedded: boolean;
  /** key that seals TOTP seeds and SSO client secrets: SECRET_KEY, or one kept in DATA_DIR */
  secretKey: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { dotenvFile?: string } = {}): Config {
  const file = options.dotenvFile ?? ".env";
  const fromFile = existsSync(file) ? dotenv.config({ path: file, processEnv: {}, quiet: true }).parsed ?? {} : {};
  // Real environment wins over .env, as operators expect.
  const merged = { ...fromFile, ...env };
  const cleaned = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== ""));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Configurazione non valida / invalid configuration:\n${lines.join("\n")}`);
  }
  const c = result.data;
  if (!c.SECRET_KEY && c.DATABASE_URL && c.NODE_ENV === "production") {
    // Several nodes must share one key, so a per-node generated file would break sealed secrets.
    throw new ConfigError("Configurazione non valida / invalid configuration:\n  SECRET_KEY: required with DATABASE_URL in production");
  }
  return {
    ...c,
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    embedded: !c.DATABASE_URL,
    secretKey: c.SECRET_KEY ?? localSecretKey(c.DATA_DIR),
  };
}

/** A key generated once and kept beside the embedded database, so a fresh install needs no setup. */
function localSecretKey(dataDir: string): string {
  const file = join(dataDir, "secret.key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString("base64url");
  writeFileSync(file, key + "\n", { mode: 0o600, flag: "wx" });
  return key;
}
