import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser, relate, signIn } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { referenceFile } from "./catalogs/official-files.test-helper.ts";
import { readWorkbook, writeWorkbook } from "./catalogs/spreadsheet.ts";
import { REQUIREMENT_COLUMNS } from "./catalogs/template-columns.ts";
import { organisationFrameworks } from "./organisation-frameworks.tables.ts";

// Organisations load frameworks from the official files (read from ../shared/reference at test
// time, never copied) and from our template, through the routes, on the real database.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Part = { bytes: Uint8Array | string; name: string };
function multipart(files: Part[], fields: Record<string, string> = {}) {
  const boundary = "----cittadella" + Math.random().toString(16).slice(2);
  const chunks: Buffer[] = [];
  for (const file of files)
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.from(file.bytes),
      Buffer.from("\r\n"),
    );
  for (const [name, value] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

async function organisation(role: "admin" | "security_manager" | "employee" = "admin") {
  const { org, user, session } = await orgWithUser(t.app, t.ctx.db, role);
  const headers = session.headers;
  const upload = (files: Part[], fields?: Record<string, string>, as = headers) => {
    const body = multipart(files, fields);
    return t.app.inject({ method: "POST", url: `/api/orgs/${org.id}/frameworks`, headers: { ...as, "content-type": body.type }, payload: body.payload });
  };
  const get = (url: string, as = headers) => t.app.inject({ method: "GET", url, headers: as });
  return { org, user, headers, upload, get };
}

type Node = { id: string; title: { it?: string; en?: string }; children?: Node[] };
const find = (nodes: Node[], id: string): Node | undefined => {
  for (const node of nodes) {
    if (node.id === id) return node;
    const inside = node.children && find(node.children, id);
    if (inside) return inside;
  }
  return undefined;
};
const uploadsOf = (orgId: string) => t.ctx.db.select().from(organisationFrameworks).where(eq(organisationFrameworks.orgId, orgId));
const auditOf = (orgId: string) => t.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.entityType, "organisation_framework")));

/** Our template of a framework as the caller sees it, with its `framework` sheet edited. */
async function editedTemplate(a: Awaited<ReturnType<typeof organisation>>, frameworkId: string, edit: Record<string, string>, editRows?: (rows: string[][]) => void) {
  const res = await a.get(`/api/frameworks/${frameworkId}/template.xlsx`);
  expect(res.statusCode).toBe(200);
  const sheets = await readWorkbook(new Uint8Array(res.rawPayload));
  if (!sheets.ok) throw new Error("template unreadable");
  for (const row of sheets.value.find((s) => s.name === "framework")!.rows) if (row[0]! in edit) row[1] = edit[row[0]!]!;
  editRows?.(sheets.value.find((s) => s.name === "requirements")!.rows);
  return writeWorkbook(sheets.value);
}

describe("official files loaded by an organisation", () => {
  it("NIST OSCAL JSON gives the CSF 2.0 its official English words; ids, counts and our Italian stay", async () => {
    const a = await organisation();
    const res = await a.upload([{ bytes: referenceFile("nist-csf-2.0-oscal.json"), name: "csf.json" }]);
    expect(res.statusCode, res.body).toBe(200);
    // 6 functions, 22 categories, 106 subcategories: the withdrawn CSF 1.1 items were left out
    expect(res.json()).toMatchObject({ replacedRequirements: 134, framework: { id: "nist-csf-2.0", origin: "official_wording", upload: { format: "oscal_json" }, requirementCounts: { all: { function: 6, category: 22, subcategory: 106 } } } });
    const csf = (await a.get("/api/frameworks/nist-csf-2.0")).json();
    const subcategory = find(csf.requirements, "GV.OC-01")!;
    expect(subcategory.title.en).toBe("The organizational mission is understood and informs cybersecurity risk management");
    expect(subcategory.title.it).toBeTruthy();
    expect(await auditOf(a.org.id)).toEqual([expect.objectContaining({ action: "framework.upload", actorUserId: a.user.id })]);
  });

  it("each ACN annex, and both at once, give the measures their official Italian words; shipped levels stay", async () => {
    const a = await organisation();
    const importanti = await a.upload([{ bytes: referenceFile("acn-nis-misure-base-importanti.xlsx"), name: "importanti.xlsx" }]);
    expect(importanti.statusCode, importanti.body).toBe(200);
    // 6 functions, 17 categories, 37 measures, 87 requirements worded; the rest keeps ours
    expect(importanti.json().replacedRequirements).toBe(6 + 17 + 37 + 87);
    const essenziali = await a.upload([{ bytes: referenceFile("acn-nis-misure-base-essenziali.xlsx"), name: "essenziali.xlsx" }]);
    expect(essenziali.json().replacedRequirements).toBe(6 + 18 + 43 + 116);
    const both = await a.upload([
      { bytes: referenceFile("acn-nis-misure-base-importanti.xlsx"), name: "importanti.xlsx" },
      { bytes: referenceFile("acn-nis-misure-base-essenziali.xlsx"), name: "essenziali.xlsx" },
    ]);
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json()).toMatchObject({
      replacedRequirements: 183,
      framework: { origin: "official_wording", upload: { format: "acn_xlsx" }, requirementCounts: { importanti: { measure: 37, requirement: 87 }, essenziali: { measure: 43, requirement: 116 } } },
    });
    const acn = (await a.get("/api/frameworks/acn-nis2-misure-base")).json();
    expect(find(acn.requirements, "GV.OC-04.1")!.title.it).toBe("È mantenuto un elenco aggiornato dei sistemi informativi e di rete rilevanti.");
    // a function's code in the annex is not a title: ours stays
    expect(find(acn.requirements, "GV")!.title.it).not.toBe("GV");
    // one row per framework: each upload replaced the one before
    expect(await uploadsOf(a.org.id)).toHaveLength(1);
    expect((await auditOf(a.org.id)).map((e) => e.action).sort()).toEqual(["framework.replace", "framework.replace", "framework.upload"]);
    // the assessments use it: a new assessment answers the same 87 requirements
    const created = await t.app.inject({ method: "POST", url: `/api/orgs/${a.org.id}/assessments`, headers: a.headers, payload: { frameworkId: "acn-nis2-misure-base", level: "importanti", title: "Misure ACN" } });
    expect(created.statusCode, created.body).toBe(201);
    const results = await a.get(`/api/orgs/${a.org.id}/assessments/${created.json().id}/results`);
    expect(results.statusCode, results.body).toBe(200);
  });
});

describe("bad files are refused whole, naming where, and change nothing", () => {
  it("a template with a duplicate id and an unknown parent", async () => {
    const a = await organisation("security_manager");
    const file = await editedTemplate(a, "nist-csf-2.0", {}, (rows) => {
      rows[5]![0] = rows[3]![0]!; // row 6 repeats row 4
      rows[7]![1] = "XX.YY"; // row 8: no such parent
    });
    const res = await a.upload([{ bytes: file, name: "csf.xlsx" }]);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual([
      { field: "requirements!A6 (id)", reason: expect.stringContaining("duplicato (già alla riga 4)") },
      { field: "requirements!B8 (parent_id)", reason: expect.stringContaining('genitore "XX.YY" inesistente') },
    ]);
    expect(await uploadsOf(a.org.id)).toEqual([]);
    expect(await auditOf(a.org.id)).toEqual([]);
  });

  it("a shipped framework's template with a requirement the framework does not have, in English", async () => {
    const a = await organisation();
    const file = await editedTemplate(a, "nist-csf-2.0", {}, (rows) => rows.push(["GV.ZZ-99", "GV", "subcategory", "Nuova", "New", "", "", "", ""]));
    const body = multipart([{ bytes: file, name: "csf.xlsx" }]);
    const res = await t.app.inject({ method: "POST", url: `/api/orgs/${a.org.id}/frameworks`, headers: { ...a.headers, "content-type": body.type, "accept-language": "en" }, payload: body.payload });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual([{ field: "GV.ZZ-99", reason: expect.stringContaining('requirement "GV.ZZ-99" does not exist in nist-csf-2.0') }]);
    expect(await uploadsOf(a.org.id)).toEqual([]);
  });

  it("an own framework whose mapping points nowhere, and two files that are not the ACN annexes", async () => {
    const a = await organisation();
    const mappings = REQUIREMENT_COLUMNS.indexOf("mappings");
    const file = await editedTemplate(a, "acn-nis2-misure-base", { id: "misure-comune" }, (rows) => {
      const measure = rows.findIndex((row) => row[0] === "GV.OC-04");
      rows[measure]![mappings] = "nist-csf-2.0:GV.OC-99";
    });
    const res = await a.upload([{ bytes: file, name: "misure.xlsx" }]);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual([{ field: "GV.OC-04", reason: 'corrispondenza verso "nist-csf-2.0:GV.OC-99" inesistente' }]);
    const two = await a.upload([
      { bytes: referenceFile("nist-csf-2.0-oscal.json"), name: "csf.json" },
      { bytes: referenceFile("acn-nis-misure-base-importanti.xlsx"), name: "importanti.xlsx" },
    ]);
    expect(two.json().error.fields).toEqual([{ field: "file", reason: expect.stringContaining("solo per i due allegati ACN") }]);
    expect(await uploadsOf(a.org.id)).toEqual([]);
  });

  it("a file that is none of the formats, a CSV without its framework, and no file", async () => {
    const a = await organisation();
    const pdf = await a.upload([{ bytes: "%PDF-1.7 not a framework", name: "misure.pdf" }]);
    expect(pdf.statusCode).toBe(422);
    expect(pdf.json().error.fields[0].field).toBe("body.frameworkId");
    const json = await a.upload([{ bytes: "{ not json", name: "csf.json" }]);
    expect(json.json().error.fields).toEqual([{ field: "file", reason: "il file non è JSON valido" }]);
    const none = await a.upload([], { frameworkId: "nist-csf-2.0" });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.fields).toEqual([{ field: "body.file", reason: "allega un file" }]);
    expect(await uploadsOf(a.org.id)).toEqual([]);
  });
});

describe("who sees and changes an organisation's frameworks", () => {
  it("its provider reads them, its employee cannot upload, another organisation gets 404", async () => {
    const a = await organisation();
    const file = await editedTemplate(a, "agid-misure-minime", { id: "regole-interne", title_it: "Regole interne di Alfa" });
    const uploaded = await a.upload([{ bytes: file, name: "regole.xlsx" }]);
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json().framework).toMatchObject({ id: "custom-regole-interne", origin: "custom", actions: ["delete"] });

    const provider = await orgWithUser(t.app, t.ctx.db, "admin", { type: "it_provider" });
    await relate(t.ctx.db, "provider_of", provider.org.id, a.org.id);
    const asProvider = await signIn(t.app, provider.user.email);
    const listed = await a.get(`/api/orgs/${a.org.id}/frameworks`, asProvider.headers);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().actions).toEqual([]);
    expect(listed.json().items.find((f: { id: string }) => f.id === "custom-regole-interne")).toMatchObject({ title: { it: "Regole interne di Alfa" }, actions: [] });
    expect((await a.get(`/api/orgs/${a.org.id}/frameworks/custom-regole-interne`, asProvider.headers)).statusCode).toBe(200);
    expect((await a.upload([{ bytes: file, name: "regole.xlsx" }], {}, asProvider.headers)).statusCode).toBe(403);

    const employee = await signIn(t.app, (await makeUser(t.ctx.db, a.org.id, "employee")).email);
    expect((await a.upload([{ bytes: file, name: "regole.xlsx" }], {}, employee.headers)).statusCode).toBe(403);
    expect((await t.app.inject({ method: "DELETE", url: `/api/orgs/${a.org.id}/frameworks/custom-regole-interne`, headers: employee.headers })).statusCode).toBe(403);

    const b = await organisation();
    for (const url of [`/api/orgs/${a.org.id}/frameworks`, `/api/orgs/${a.org.id}/frameworks/custom-regole-interne`, "/api/frameworks/custom-regole-interne", "/api/frameworks/custom-regole-interne/template.csv"])
      expect((await b.get(url)).statusCode, url).toBe(404);
    expect((await b.upload([{ bytes: file, name: "regole.xlsx" }], {}, b.headers)).statusCode).toBe(200);
    expect((await b.get("/api/frameworks")).json().items.map((f: { id: string }) => f.id)).toContain("custom-regole-interne");
    // B's copy is B's: A's is untouched
    expect((await a.get("/api/frameworks/custom-regole-interne")).json().title.it).toBe("Regole interne di Alfa");
    expect((await t.app.inject({ method: "DELETE", url: `/api/orgs/${a.org.id}/frameworks/custom-regole-interne`, headers: b.headers })).statusCode).toBe(404);
  });
});

describe("template round trip", () => {
  it("export, upload as an own framework, same requirements; its CSV back in; in use it cannot be deleted", async () => {
    const a = await organisation();
    const shipped = (await a.get("/api/frameworks/acn-nis2-misure-base")).json();
    const file = await editedTemplate(a, "acn-nis2-misure-base", { id: "misure-comune", title_it: "Misure del Comune" });
    const res = await a.upload([{ bytes: file, name: "misure.xlsx" }]);
    expect(res.statusCode, res.body).toBe(200);
    const own = (await a.get("/api/frameworks/custom-misure-comune")).json();
    expect(own.requirements).toEqual(shipped.requirements);
    expect(own.levels).toEqual(shipped.levels);

    const csv = await a.get("/api/frameworks/custom-misure-comune/template.csv");
    expect(csv.headers["content-type"]).toContain("text/csv");
    const again = await a.upload([{ bytes: csv.body.replace("Servizi critici per gli altri", "Gli scopi del Comune"), name: "misure.csv" }], { frameworkId: "custom-misure-comune" });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().framework.upload.format).toBe("template_csv");
    const changed = (await a.get("/api/frameworks/custom-misure-comune")).json();
    expect(find(changed.requirements, "GV.OC-04")!.title.it).toMatch(/^Gli scopi/);

    const created = await t.app.inject({ method: "POST", url: `/api/orgs/${a.org.id}/assessments`, headers: a.headers, payload: { frameworkId: "custom-misure-comune", level: "essenziali", title: "Misure interne" } });
    expect(created.statusCode, created.body).toBe(201);
    const refused = await t.app.inject({ method: "DELETE", url: `/api/orgs/${a.org.id}/frameworks/custom-misure-comune`, headers: a.headers });
    expect(refused.statusCode).toBe(409);

    // the official wording of a shipped one is removed freely: the shipped words come back
    const official = await a.upload([{ bytes: referenceFile("nist-csf-2.0-oscal.json"), name: "csf.json" }]);
    expect(official.statusCode).toBe(200);
    const removed = await t.app.inject({ method: "DELETE", url: `/api/orgs/${a.org.id}/frameworks/nist-csf-2.0`, headers: a.headers });
    expect(removed.statusCode).toBe(200);
    const list = (await a.get(`/api/orgs/${a.org.id}/frameworks`)).json();
    expect(list.items.map((f: { id: string; origin: string }) => [f.id, f.origin])).toEqual([
      ["acn-nis2-misure-base", "shipped"],
      ["agid-misure-minime", "shipped"],
      ["nist-csf-2.0", "shipped"],
      ["custom-misure-comune", "custom"],
    ]);
    expect((await auditOf(a.org.id)).map((e) => e.action).sort()).toEqual(["framework.delete", "framework.replace", "framework.upload", "framework.upload"]);
  });

  it("the empty template has the four sheets and only headers", async () => {
    const a = await organisation("employee");
    const xlsx = await a.get("/api/frameworks/template.xlsx");
    expect(xlsx.statusCode).toBe(200);
    const sheets = await readWorkbook(new Uint8Array(xlsx.rawPayload));
    expect(sheets.ok && sheets.value.map((s) => [s.name, s.rows.length])).toEqual([["framework", 11], ["levels", 1], ["maturity", 1], ["requirements", 1]]);
    expect((await a.get("/api/frameworks/template.csv")).body.trim()).toBe(REQUIREMENT_COLUMNS.join(","));
  });
});
