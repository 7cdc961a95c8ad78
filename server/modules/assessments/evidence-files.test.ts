import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeOrganisation, makeUser, orgWithUser, relate, signIn } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { storedFiles } from "../../platform/storage/storage.tables.ts";
import { organisationRelationships } from "../identity/identity.tables.ts";
import { buildRegistry } from "./catalogs/catalog-loader.ts";
import { installCatalogRegistry } from "./catalog-registry.ts";
import { testCatalog } from "./test-catalog.fixture.ts";

// A user of the entity's IT provider, assigned some requirements, uploads files as their evidence:
// the files belong to the entity, which keeps them when the relationship ends.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  installCatalogRegistry(t.ctx, buildRegistry([testCatalog]));
});
afterAll(() => t.close());

const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const html = Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>");

function upload(url: string, headers: Record<string, string>, query: string, fileName: string, bytes: Buffer) {
  const boundary = "----cittadella" + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return t.app.inject({ method: "POST", url: `${url}/evidence/files?${query}`, headers: { ...headers, "content-type": `multipart/form-data; boundary=${boundary}` }, payload });
}

const get = (headers: Record<string, string>, url: string) => t.app.inject({ method: "GET", url, headers });
const storedBytesOf = (orgId: string) => {
  const dir = join(t.ctx.config.DATA_DIR, "files", orgId);
  return existsSync(dir) ? readdirSync(dir) : [];
};

async function setup() {
  const db = t.ctx.db;
  const { org, session } = await orgWithUser(t.app, db, "admin");
  const provider = await makeOrganisation(db, { type: "it_provider" });
  const relationship = await relate(db, "provider_of", provider.id, org.id);
  const technician = await makeUser(db, provider.id, "it_operator");
  const res = await t.app.inject({
    method: "POST",
    url: `/api/orgs/${org.id}/assessments`,
    headers: session.headers,
    payload: { frameworkId: "prova-csf", level: "base", title: "Postura", assignees: [{ userId: technician.id, requirementIds: ["PR.AA-01"] }] },
  });
  const tech = (await signIn(t.app, technician.email)).headers;
  return { org, session, technician, tech, relationship, url: `/api/orgs/${org.id}/assessments/${res.json().id}` };
}

describe("evidence files uploaded from an answer", () => {
  it("lets an assigned provider's user upload a file the entity owns, sees and keeps after the relationship ends", async () => {
    const { org, session, technician, tech, relationship, url } = await setup();
    const res = await upload(url, tech, "requirementId=PR.AA-01&title=Configurazione%20MFA&expiresOn=2999-12-31", "mfa.pdf", pdf);
    expect(res.statusCode).toBe(201);
    const evidence = res.json();
    expect(evidence).toMatchObject({ requirementId: "PR.AA-01", title: "Configurazione MFA", url: null, expiresOn: "2999-12-31", expired: false, addedBy: technician.id, file: { name: "mfa.pdf", mimeType: "application/pdf" } });

    // the entity's file, uploaded by the provider's user
    const [file] = await t.ctx.db.select().from(storedFiles).where(eq(storedFiles.id, evidence.file.id));
    expect(file).toMatchObject({ orgId: org.id, uploadedBy: technician.id, sizeBytes: pdf.length });
    expect(storedBytesOf(org.id)).toHaveLength(1);
    const listed = (await get(session.headers, `/api/orgs/${org.id}/files`)).json().items;
    expect(listed.map((f: { id: string }) => f.id)).toEqual([file!.id]);
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.orgId, org.id));
    expect(audit.filter((a) => a.actorUserId === technician.id).map((a) => a.action).sort()).toEqual(["assessment.evidence_add", "file.upload"]);

    // the provider's user reads it through the evidence, never through the entity's files
    const download = await get(tech, `${url}/evidence/${evidence.id}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers["content-disposition"]).toContain("attachment");
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect((await get(tech, `/api/orgs/${org.id}/files/${file!.id}`)).statusCode).toBe(404);

    // the relationship ends: the provider loses access, the entity keeps the file
    await t.ctx.db.delete(organisationRelationships).where(eq(organisationRelationships.id, relationship.id));
    expect((await get(tech, `${url}/evidence/${evidence.id}/file`)).statusCode).toBe(404);
    expect((await upload(url, tech, "requirementId=PR.AA-01", "altro.pdf", pdf)).statusCode).toBe(404);
    expect((await get(session.headers, `${url}/evidence/${evidence.id}/file`)).statusCode).toBe(200);
    expect((await get(session.headers, `/api/orgs/${org.id}/files/${file!.id}`)).statusCode).toBe(200);
  });

  it("refuses a requirement not assigned (403), another organisation (404), a disguised file and a locked assessment, storing nothing", async () => {
    const { org, session, tech, url } = await setup();
    const notAssigned = await upload(url, tech, "requirementId=GV.OC-01", "verbale.pdf", pdf);
    expect(notAssigned.statusCode).toBe(403);
    expect(notAssigned.json().error.fields[0]).toMatchObject({ field: "query.requirementId" });
    const stranger = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await upload(url, stranger.session.headers, "requirementId=PR.AA-01", "verbale.pdf", pdf)).statusCode).toBe(404);
    const unknown = await upload(url, session.headers, "requirementId=GV.RM-01", "verbale.pdf", pdf);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.fields[0].field).toBe("query.requirementId");
    const disguised = await upload(url, tech, "requirementId=PR.AA-01", "verbale.pdf", html);
    expect(disguised.statusCode).toBe(422);
    expect(disguised.json().error.fields[0].field).toBe("body.file");
    expect((await upload(url, tech, "requirementId=PR.AA-01&expiresOn=domani", "verbale.pdf", pdf)).statusCode).toBe(400);

    await t.app.inject({ method: "POST", url: `${url}/submit`, headers: session.headers });
    await t.app.inject({ method: "POST", url: `${url}/approve`, headers: session.headers, payload: { signedBy: "Anna Sindaca" } });
    expect((await upload(url, session.headers, "requirementId=GV.OC-01", "verbale.pdf", pdf)).statusCode).toBe(409);

    expect(await t.ctx.db.select().from(storedFiles).where(eq(storedFiles.orgId, org.id))).toEqual([]);
    expect(storedBytesOf(org.id)).toEqual([]);
    expect((await get(session.headers, `${url}/evidence`)).json().items).toEqual([]);
    expect(await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "file.upload")))).toEqual([]);
  });

  it("serves an evidence file to the provider's user only for the requirements assigned to them", async () => {
    const { session, tech, url } = await setup();
    const own = await upload(url, session.headers, "requirementId=GV.OC-01", "politica.pdf", pdf);
    expect(own.statusCode).toBe(201);
    expect((await get(session.headers, `${url}/evidence/${own.json().id}/file`)).statusCode).toBe(200);
    expect((await get(tech, `${url}/evidence/${own.json().id}/file`)).statusCode).toBe(403);
    const stranger = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await get(stranger.session.headers, `${url}/evidence/${own.json().id}/file`)).statusCode).toBe(404);
  });
});
