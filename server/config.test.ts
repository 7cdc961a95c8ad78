import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig } from "./config.ts";

const noDotenv = { dotenvFile: "/nonexistent/.env" };

describe("configuration", () => {
  it("defaults to the embedded database on port 3000", () => {
    const config = loadConfig({}, noDotenv);  // creates ./data/secret.key, as a first start would
    expect(config).toMatchObject({ PORT: 3000, embedded: true, publicUrl: "http://localhost:3000", DATA_DIR: "./data" });
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://u:p@db:5432/cittadella" }, noDotenv);
    expect(config.embedded).toBe(false);
  });

  it("names every bad variable and why", () => {
    const attempt = () => loadConfig({ PORT: "porta", DATABASE_URL: "mysql://x", SMTP_URL: "http://mail" }, noDotenv);
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("PORT:");
      expect(message).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
      expect(message).toContain("SMTP_URL: must be an smtp:// or smtps:// URL");
    }
  });

  it("reads .env, with the real environment taking precedence", () => {
    const dir = mkdtempSync(join(tmpdir(), "cittadella-env-"));
    const file = join(dir, ".env");
    writeFileSync(file, "PORT=4000\nLOG_LEVEL=debug\n");
    const config = loadConfig({ LOG_LEVEL: "warn" }, { dotenvFile: file });
    expect(config.PORT).toBe(4000);
    expect(config.LOG_LEVEL).toBe("warn");
  });

  it("keeps a generated sealing key in the data directory and reuses it on the next start", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "cittadella-config-"));
    const first = loadConfig({ DATA_DIR: dataDir }, noDotenv).secretKey;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dataDir }, noDotenv).secretKey).toBe(first);
    expect(loadConfig({ DATA_DIR: dataDir, SECRET_KEY: "k".repeat(32) }, noDotenv).secretKey).toBe("k".repeat(32));
  });

  it("requires SECRET_KEY for PostgreSQL in production, where every node must share it", () => {
    expect(() => loadConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://u:p@db/c" }, noDotenv)).toThrow(/SECRET_KEY/);
  });
});
