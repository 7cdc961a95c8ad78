import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../test/helpers/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("platform endpoints", () => {
  it("reports health with the database status", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: { kind: t.ctx.database.kind, ok: true } });
  });

  it("serves an OpenAPI 3.1 document generated from the route schemas", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/api/orgs/{orgId}/members"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["orgId", "limit", "cursor"]),
    );
    expect(doc.paths["/api/auth/login"].post.requestBody.content["application/json"].schema.required).toEqual(["email", "password"]);
  });

  it("serves browsable API docs", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/docs/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
  });

  it("answers unknown API paths with a translated 404", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/nowhere", headers: { "accept-language": "en" } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: "not_found", message: "Not found." });
  });
});
