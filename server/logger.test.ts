import { Writable } from "node:stream";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { createLogger, redactUrl } from "./logger.ts";

describe("request logging", () => {
  it("keeps the secrets of mailed links and SSO callbacks out of the log", async () => {
    let logged = "";
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    const app = Fastify({ loggerInstance: createLogger("info", sink) });
    app.get("/*", async () => ({ ok: true }));
    for (const url of ["/api/invitations/InvitoSegreto123", "/invitations/InvitoSegreto123", "/reimposta-password?token=ResetSegreto456&lang=en", "/api/auth/sso/callback?code=CodiceIdp789&state=Stato000"]) {
      await app.inject({ method: "GET", url });
    }
    await app.close();
    expect(logged).toContain('"url":"/api/invitations/[redacted]"');
    expect(logged).toContain("lang=en");
    for (const secret of ["InvitoSegreto123", "ResetSegreto456", "CodiceIdp789", "Stato000"]) expect(logged).not.toContain(secret);
  });

  it("leaves ordinary URLs alone", () => {
    expect(redactUrl("/api/invitations/accept")).toBe("/api/invitations/accept");
    expect(redactUrl("/api/orgs?limit=5&cursor=abc")).toBe("/api/orgs?limit=5&cursor=abc");
  });
});
