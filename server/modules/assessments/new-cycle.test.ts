import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeStoredFile, orgWithUser } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { storedFiles } from "../../platform/storage/storage.tables.ts";
import { buildRegistry } from "./catalogs/catalog-loader.ts";
import { installCatalogRegistry } from "./catalog-registry.ts";
import { testCatalog } from "./test-catalog.fixture.ts";

// A new cycle starts from the last approved assessment: its answers, its evidence still valid
// (the same files, shared, not duplicated) and its comment threads.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  installCatalogRegistry(t.ctx, buildRegistry([testCatalog]));
});
afterAll(() => t.close());

const inject = (headers: Record<string, string>, method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

interface Evidence {
  id: string;
  requirementId: string;
  title: string;
  file: { id: string } | null;
  expiresOn: string | null;
}
interface Comment {
  requirementId: string;
  authorName: string;
  body: string;
  createdAt: string;
  fromPreviousCycle: boolean;
}

describe("a new cycle", () => {
  it("copies the evidence still valid (same file) and the comments with their dates, marked as from the previous cycle", async () => {
    const { org, user, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const created = await inject(session.headers, "POST", `/api/orgs/${org.id}/assessments`, { frameworkId: "prova-csf", level: "base", title: "Postura 2025" });
    const url = `/api/orgs/${org.id}/assessments/${created.json().id}`;
    const file = await makeStoredFile(t.ctx.db, t.ctx.fileStore, org.id, user.id, "Registro dei backup");
    await inject(session.headers, "PUT", `${url}/answers`, { answers: [{ requirementId: "PR.AA-01", status: "partial", currentMaturity: 2, targetMaturity: 3 }] });
    const add = (body: object) => inject(session.headers, "POST", `${url}/evidence`, body);
    expect((await add({ requirementId: "PR.AA-01", fileId: file.id, title: "Registro backup", expiresOn: "2999-12-31" })).statusCode).toBe(201);
    expect((await add({ requirementId: "PR.AA-01", url: "https://intranet.example.it/mfa" })).statusCode).toBe(201);
    expect((await add({ requirementId: "GV.OC-01", url: "https://intranet.example.it/vecchio", expiresOn: "2020-01-31" })).statusCode).toBe(201);
    expect((await inject(session.headers, "POST", `${url}/comments`, { requirementId: "PR.AA-01", body: "Manca la prova del ripristino." })).statusCode).toBe(201);
    await inject(session.headers, "POST", `${url}/submit`);
    await inject(session.headers, "POST", `${url}/approve`, { signedBy: "Maria Rossi" });

    const next = await inject(session.headers, "POST", `${url}/new-cycle`);
    expect(next.statusCode).toBe(201);
    const nextUrl = `/api/orgs/${org.id}/assessments/${next.json().id}`;

    // the expired link stays behind: the new cycle must prove GV.OC-01 again
    const copied: Evidence[] = (await inject(session.headers, "GET", `${nextUrl}/evidence`)).json().items;
    expect(copied.map((e) => [e.requirementId, e.title, e.file?.id ?? null, e.expiresOn])).toEqual([
      ["PR.AA-01", "Registro backup", file.id, "2999-12-31"],
      ["PR.AA-01", "https://intranet.example.it/mfa", null, null],
    ]);
    expect(await t.ctx.db.select().from(storedFiles).where(eq(storedFiles.orgId, org.id))).toHaveLength(1);

    const [previousComment]: Comment[] = (await inject(session.headers, "GET", `${url}/comments`)).json().items;
    expect(previousComment!.fromPreviousCycle).toBe(false);
    const threads: Comment[] = (await inject(session.headers, "GET", `${nextUrl}/comments`)).json().items;
    expect(threads).toEqual([{ ...previousComment, id: expect.any(String), fromPreviousCycle: true }]);
    const reply = await inject(session.headers, "POST", `${nextUrl}/comments`, { requirementId: "PR.AA-01", body: "Prova caricata." });
    expect(reply.json().fromPreviousCycle).toBe(false);
    const afterReply: Comment[] = (await inject(session.headers, "GET", `${nextUrl}/comments?requirementId=PR.AA-01`)).json().items;
    expect(afterReply.map((c) => [c.body, c.fromPreviousCycle])).toEqual([
      ["Manca la prova del ripristino.", true],
      ["Prova caricata.", false],
    ]);

    const [entry] = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "assessment.new_cycle")));
    expect(entry!.after).toMatchObject({ copiedAnswers: 1, copiedEvidence: 2, copiedComments: 1 });

    // removing the evidence in the new cycle leaves the file and last year's evidence alone
    const shared = copied.find((e) => e.file)!;
    expect((await inject(session.headers, "DELETE", `${nextUrl}/evidence/${shared.id}`)).statusCode).toBe(200);
    const download = await inject(session.headers, "GET", `/api/orgs/${org.id}/files/${file.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe("Registro dei backup");
    const kept: Evidence[] = (await inject(session.headers, "GET", `${url}/evidence`)).json().items;
    expect(kept.filter((e) => e.file?.id === file.id)).toHaveLength(1);
  });
});
