import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser, signIn } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { storedFiles } from "../../platform/storage/storage.tables.ts";

// The upload limit is small here so the oversized case stays cheap.
const LIMIT = 4_096;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ UPLOAD_LIMIT_BYTES: String(LIMIT) });
});
afterAll(() => t.close());

/** A multipart/form-data body with one file part, as a browser sends it. */
function multipart(fileName: string, bytes: Buffer, declaredType = "application/octet-stream", field = "file") {
  const boundary = "----cittadella" + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${declaredType}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const html = Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");

function upload(orgId: string, headers: Record<string, string>, fileName: string, bytes: Buffer, declaredType?: string, field?: string) {
  const body = multipart(fileName, bytes, declaredType, field);
  return t.app.inject({ method: "POST", url: `/api/orgs/${orgId}/files`, headers: { ...headers, ...body.headers }, payload: body.payload });
}

const storedBytesOf = async (orgId: string) => {
  const dir = join(t.ctx.config.DATA_DIR, "files", orgId);
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe("files", () => {
  it("stores an upload with the type read from its content, lists it and serves it as a safe attachment", async () => {
    const { org, user, session } = await orgWithUser(t.app, t.ctx.db, "employee");
    const res = await upload(org.id, session.headers, "Piano di continuità; v2.pdf", pdf, "text/html");
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ name: "Piano di continuità; v2.pdf", mimeType: "application/pdf", sizeBytes: pdf.length, uploadedBy: user.id, actions: ["download", "delete"] });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file).not.toHaveProperty("storageKey");

    const list = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/files`, headers: session.headers });
    expect(list.json().items.map((f: { id: string }) => f.id)).toEqual([file.id]);

    const download = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/files/${file.id}`, headers: session.headers });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.headers["content-disposition"]).toBe(
      "attachment; filename=\"Piano di continuit__ v2.pdf\"; filename*=UTF-8''Piano%20di%20continuit%C3%A0%3B%20v2.pdf",
    );

    const [entry] = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, "file.upload"), eq(auditLog.entityId, file.id)));
    expect(entry).toMatchObject({ orgId: org.id, actorUserId: user.id, entityType: "file" });
  });

  it("refuses a disguised file (HTML renamed .pdf) and an unknown binary, storing nothing", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const disguised = await upload(org.id, session.headers, "fattura.pdf", html, "application/pdf");
    expect(disguised.statusCode).toBe(422);
    expect(disguised.json().error.fields).toEqual([{ field: "body.file", reason: "l'estensione del nome non corrisponde al contenuto del file" }]);
    const executable = await upload(org.id, { ...session.headers, "accept-language": "en" }, "setup.pdf", Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]));
    expect(executable.statusCode).toBe(422);
    expect(executable.json().error.fields[0]).toEqual({ field: "body.file", reason: "file type not allowed (the content was checked, not the name)" });
    expect(await t.ctx.db.select().from(storedFiles).where(eq(storedFiles.orgId, org.id))).toEqual([]);
    expect(await storedBytesOf(org.id)).toEqual([]);
  });

  it("refuses an upload over the configured size with 413, storing nothing", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(LIMIT + 10, 0x20)]);
    const res = await upload(org.id, session.headers, "grande.pdf", big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.fields).toEqual([{ field: "body.file", reason: `file troppo grande: al massimo ${LIMIT} byte` }]);
    expect(await t.ctx.db.select().from(storedFiles).where(eq(storedFiles.orgId, org.id))).toEqual([]);
    expect(await storedBytesOf(org.id)).toEqual([]);
  });

  it("refuses a request that is not multipart, an empty file and a part with another name", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const json = await t.app.inject({ method: "POST", url: `/api/orgs/${org.id}/files`, headers: session.headers, payload: { file: "x" } });
    expect(json.statusCode).toBe(415);
    const empty = await upload(org.id, session.headers, "vuoto.txt", Buffer.alloc(0));
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.fields[0].field).toBe("body.file");
    const wrongField = await upload(org.id, session.headers, "note.txt", Buffer.from("ciao"), "text/plain", "document");
    expect(wrongField.statusCode).toBe(422);
    expect(wrongField.json().error.fields[0]).toMatchObject({ field: "body.file", reason: "allega un file" });
  });

  it("keeps files inside the organisation and lets only the right roles upload and delete", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const created = (await upload(org.id, session.headers, "note.txt", Buffer.from("appunti della riunione\n"))).json();
    expect(created.mimeType).toBe("text/plain");

    const viewer = await makeUser(t.ctx.db, org.id, "viewer");
    const viewerSession = await signIn(t.app, viewer.email);
    expect((await upload(org.id, viewerSession.headers, "x.txt", Buffer.from("x"))).statusCode).toBe(403);
    const viewerDelete = await t.app.inject({ method: "DELETE", url: `/api/orgs/${org.id}/files/${created.id}`, headers: viewerSession.headers });
    expect(viewerDelete.statusCode).toBe(403);
    const viewerList = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/files`, headers: viewerSession.headers });
    expect(viewerList.json().items[0].actions).toEqual(["download"]);

    const stranger = await orgWithUser(t.app, t.ctx.db, "admin");
    for (const method of ["GET", "DELETE"] as const) {
      const res = await t.app.inject({ method, url: `/api/orgs/${org.id}/files/${created.id}`, headers: stranger.session.headers });
      expect(res.statusCode).toBe(404);
      // asking through the stranger's own organisation does not reach it either
      const sideways = await t.app.inject({ method, url: `/api/orgs/${stranger.org.id}/files/${created.id}`, headers: stranger.session.headers });
      expect(sideways.statusCode).toBe(404);
    }
    expect((await upload(org.id, stranger.session.headers, "x.txt", Buffer.from("x"))).statusCode).toBe(404);

    const removed = await t.app.inject({ method: "DELETE", url: `/api/orgs/${org.id}/files/${created.id}`, headers: session.headers });
    expect(removed.statusCode).toBe(200);
    expect(await storedBytesOf(org.id)).toEqual([]);
    const gone = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/files/${created.id}`, headers: session.headers });
    expect(gone.statusCode).toBe(404);
    const [entry] = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, "file.delete"), eq(auditLog.entityId, created.id)));
    expect(entry?.before).toMatchObject({ originalName: "note.txt" });
  });
});
