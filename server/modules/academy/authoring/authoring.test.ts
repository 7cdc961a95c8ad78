import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import JSZip from "jszip";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser, signIn, type SignedIn } from "../../../../test/helpers/factories.ts";
import { auditLog } from "../../../platform/audit/audit.tables.ts";
import { academyPaths } from "../academy.tables.ts";
import { grantAcademyEditor } from "./authoring.policy.ts";
import { academyPathMedia } from "./authoring.tables.ts";
import { packageZip, samples, upload, videoPackage, zipOf } from "./authoring.test-helper.ts";

// Authoring through the API: drafts, validation naming the JSON path, preview, publishing (never a
// video without its captions), retiring, and package zips in and out, refused whole when bad.

let t: TestApp;
let editor: SignedIn;
let orgAdmin: SignedIn;
let employee: SignedIn;
let outsider: SignedIn;
let orgId: string;
let seq = 0;
const slug = (base: string) => `${base}-${Date.now().toString(36)}-${++seq}`;

beforeAll(async () => {
  t = await createTestApp();
  const a = await orgWithUser(t.app, t.ctx.db, "admin");
  orgId = a.org.id;
  orgAdmin = a.session;
  const emp = await makeUser(t.ctx.db, orgId, "employee");
  employee = await signIn(t.app, emp.email);
  const ed = await orgWithUser(t.app, t.ctx.db, "employee");
  await grantAcademyEditor(t.ctx.db, ed.user.id);
  editor = ed.session;
  outsider = (await orgWithUser(t.app, t.ctx.db, "admin")).session;
});
afterAll(() => t.close());

const send = (method: "GET" | "POST" | "PUT", url: string, session: SignedIn, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

async function stored() {
  const [paths] = await t.ctx.db.select({ n: count() }).from(academyPaths);
  const [media] = await t.ctx.db.select({ n: count() }).from(academyPathMedia);
  const dir = join(t.ctx.config.DATA_DIR, "files", "academy");
  return { paths: paths!.n, media: media!.n, files: existsSync(dir) ? readdirSync(dir).length : 0 };
}

async function importZip(session: SignedIn, bytes: Buffer, owner = "organisation") {
  return upload(t, `/api/academy/authoring/import?owner=${owner}`, session.headers, bytes);
}

describe("drafts and who writes them", () => {
  it("lets an academy editor write a platform path, an organisation's admin its own, and nobody else", async () => {
    const platform = await send("POST", "/api/academy/authoring/paths", editor, { owner: "platform", package: videoPackage(slug("piattaforma")) });
    expect(platform.statusCode).toBe(201);
    expect(platform.json()).toMatchObject({ status: "draft", ownerOrgId: null, visibility: "public", actions: expect.arrayContaining(["edit", "publish"]) });

    expect((await send("POST", "/api/academy/authoring/paths", orgAdmin, { owner: "platform", package: videoPackage(slug("x")) })).statusCode).toBe(403);
    expect((await send("POST", "/api/academy/authoring/paths", employee, { owner: "organisation", package: videoPackage(slug("x")) })).statusCode).toBe(403);
    const own = await send("POST", "/api/academy/authoring/paths", orgAdmin, { owner: "organisation", package: videoPackage(slug("comune")) });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ ownerOrgId: orgId, visibility: "organisation" });

    // the platform draft is the editors' business; the organisation's is its own
    expect((await send("GET", `/api/academy/authoring/paths/${platform.json().id}`, orgAdmin)).statusCode).toBe(404);
    expect((await send("GET", `/api/academy/authoring/paths/${own.json().id}`, outsider)).statusCode).toBe(404);
    expect((await send("GET", `/api/academy/authoring/paths/${own.json().id}`, employee)).statusCode).toBe(403);
    const list = await send("GET", "/api/academy/authoring/paths", orgAdmin);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(own.json().id);
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(platform.json().id);
  });

  it("names the JSON path of every problem in a package and changes nothing", async () => {
    const created = await send("POST", "/api/academy/authoring/paths", orgAdmin, { owner: "organisation", package: videoPackage(slug("errori")) });
    const before = created.json();
    const bad = videoPackage(before.slug);
    (bad.modules[0]!.items[0] as { title: string }).title = "";
    (bad.modules[0]!.items[1] as { captions: unknown[] }).captions = [];
    const res = await send("PUT", `/api/academy/authoring/paths/${before.id}`, orgAdmin, { package: bad });
    expect(res.statusCode).toBe(422);
    const fields = res.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(["body.package.modules[0].items[0].title", "body.package.modules[0].items[1].captions"]));
    const after = await send("GET", `/api/academy/authoring/paths/${before.id}`, orgAdmin);
    expect(after.json().content).toEqual(before.content);
  });

  it("previews a draft as a learner sees it, for its authors only", async () => {
    const created = (await send("POST", "/api/academy/authoring/paths", orgAdmin, { owner: "organisation", package: videoPackage(slug("anteprima")) })).json();
    const preview = await send("GET", `/api/academy/authoring/paths/${created.id}/preview`, orgAdmin);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().modules[0].items.map((i: { id: string }) => i.id)).toEqual(["a1", "v1", "r1"]);
    // a draft is nobody's to learn from yet
    expect((await t.app.inject({ method: "GET", url: `/api/academy/paths/${created.slug}`, headers: orgAdmin.headers })).statusCode).toBe(404);
    expect((await send("GET", `/api/academy/authoring/paths/${created.id}/preview`, outsider)).statusCode).toBe(404);
  });
});

describe("publishing and retiring", () => {
  it("refuses to publish a video without its captions (or any missing file), and changes nothing", async () => {
    const created = (await send("POST", "/api/academy/authoring/paths", orgAdmin, { owner: "organisation", package: videoPackage(slug("senza-sottotitoli")) })).json();
    expect(created.publishProblems.map((p: { field: string }) => p.field)).toContain("content.modules[0].items[1].captions[0].file");
    const res = await send("POST", `/api/academy/authoring/paths/${created.id}/publish`, orgAdmin);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "content.modules[0].items[1].captions[0].file", reason: expect.stringContaining("un video senza sottotitoli non può essere pubblicato") }),
        expect.objectContaining({ field: "content.modules[0].items[1].media" }),
      ]),
    );
    const [row] = await t.ctx.db.select().from(academyPaths).where(eq(academyPaths.id, created.id));
    expect(row!.status).toBe("draft");
  });

  it("publishes an imported path, serves it to learners, then retires it, each step audited", async () => {
    const id = slug("completo");
    const imported = await importZip(orgAdmin, await packageZip(videoPackage(id)));
    expect(imported.statusCode).toBe(201);
    const draft = imported.json();
    expect(draft.media.map((m: { name: string; mimeType: string }) => [m.name, m.mimeType]).sort()).toEqual([
      ["media/intro.it.vtt", "text/vtt"],
      ["media/intro.mp4", "video/mp4"],
      ["media/scheda.pdf", "application/pdf"],
    ]);
    expect(draft.publishProblems).toEqual([]);
    const published = await send("POST", `/api/academy/authoring/paths/${draft.id}/publish`, orgAdmin);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: "published", actions: ["retire", "newVersion", "export"] });
    expect((await t.app.inject({ method: "GET", url: `/api/academy/paths/${id}`, headers: employee.headers })).statusCode).toBe(200);
    expect((await send("POST", `/api/academy/authoring/paths/${draft.id}/publish`, orgAdmin)).statusCode).toBe(409);

    const next = await send("POST", "/api/academy/authoring/paths", orgAdmin, { copyFrom: draft.id });
    expect(next.statusCode).toBe(201);
    expect(next.json()).toMatchObject({ slug: id, version: "1.0.1", status: "draft", publishProblems: [] });

    const retired = await send("POST", `/api/academy/authoring/paths/${draft.id}/retire`, orgAdmin);
    expect(retired.json().status).toBe("retired");
    expect((await t.app.inject({ method: "GET", url: `/api/academy/paths/${id}`, headers: employee.headers })).statusCode).toBe(404);
    const actions = await t.ctx.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityType, "academy_path"), eq(auditLog.entityId, draft.id)));
    expect(actions.map((a) => a.action).sort()).toEqual(["academy.path.draft", "academy.path.publish", "academy.path.retire"]);
  });

  it("exports a version as a zip that holds path.json and its media", async () => {
    const id = slug("esporta");
    const draft = (await importZip(orgAdmin, await packageZip(videoPackage(id)))).json();
    const res = await send("GET", `/api/academy/authoring/paths/${draft.id}/export`, orgAdmin);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    const zip = await JSZip.loadAsync(res.rawPayload);
    expect(Object.keys(zip.files).filter((n) => !zip.files[n]!.dir).sort()).toEqual(["media/intro.it.vtt", "media/intro.mp4", "media/scheda.pdf", "path.json"]);
    expect(JSON.parse(await zip.file("path.json")!.async("string")).id).toBe(id);
    expect(await zip.file("media/intro.mp4")!.async("nodebuffer")).toEqual(samples.mp4);
    // the same version again is refused, and nothing is left behind
    const before = await stored();
    const again = await importZip(orgAdmin, res.rawPayload);
    expect(again.statusCode).toBe(409);
    expect(await stored()).toEqual(before);
  });
});

describe("package zips that are refused whole", () => {
  const refusals: [string, () => Promise<Buffer>, string, string][] = [
    ["an entry climbing out with ..", () => zipOf({ "path.json": JSON.stringify(videoPackage("x")), "../evil.txt": "x" }), "body.file", "percorso non ammesso"],
    ["an absolute entry", () => zipOf({ "path.json": JSON.stringify(videoPackage("x")), "/etc/cron.d/evil": "x" }), "body.file", "percorso non ammesso"],
    ["a symbolic link", () => zipOf({ "path.json": JSON.stringify(videoPackage("x")) }, { unixSymlink: "media/intro.mp4" }), "body.file", "collegamento simbolico"],
    ["no path.json", () => zipOf({ "percorso.json": "{}" }), "body.file", "non contiene path.json"],
    ["path.json that is not JSON", () => zipOf({ "path.json": "{ non è json" }), "body.file.path.json", "JSON non valido"],
    ["not a zip at all", async () => samples.pdf, "body.file", "non è un archivio zip"],
    ["a web page disguised as the video", () => packageZip(videoPackage(slug("finto")), { "media/intro.mp4": samples.html, "media/intro.it.vtt": samples.vtt, "media/scheda.pdf": samples.pdf }), "path.json.modules[0].items[1].media", "non è un video MP4 o WebM"],
    ["captions that are not WebVTT", () => packageZip(videoPackage(slug("vtt")), { "media/intro.mp4": samples.mp4, "media/intro.it.vtt": Buffer.from("1\n00:00:00,000 --> 00:00:02,000\nSRT\n"), "media/scheda.pdf": samples.pdf }), "path.json.modules[0].items[1].captions[0].file", "non sono sottotitoli WebVTT"],
    ["a video missing from the zip", () => packageZip(videoPackage(slug("manca")), { "media/intro.it.vtt": samples.vtt, "media/scheda.pdf": samples.pdf }), "path.json.modules[0].items[1].media", "file non presente nel pacchetto: media/intro.mp4"],
    ["a resource that is a video named .pdf", () => packageZip(videoPackage(slug("risorsa")), { "media/intro.mp4": samples.mp4, "media/intro.it.vtt": samples.vtt, "media/scheda.pdf": samples.mp4 }), "path.json.modules[0].items[2].file", "non corrisponde al contenuto"],
  ];

  it.each(refusals)("refuses %s, naming the field, storing nothing", async (_label, build, field, reason) => {
    const before = await stored();
    const res = await importZip(orgAdmin, await build());
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual(expect.arrayContaining([{ field, reason: expect.stringContaining(reason) }]));
    expect(await stored()).toEqual(before);
  });

  it("refuses a zip with too many entries", async () => {
    const files: Record<string, string> = { "path.json": JSON.stringify(videoPackage(slug("tanti"))) };
    for (let i = 0; i < 2_001; i++) files[`extra/${i}.txt`] = "x";
    const before = await stored();
    const res = await importZip(orgAdmin, await zipOf(files));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields[0]).toEqual({ field: "body.file", reason: "l'archivio contiene più di 2000 elementi" });
    expect(await stored()).toEqual(before);
  });
});

describe("size limits", () => {
  const LIMIT = 64 * 1024;
  let small: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    small = await createTestApp({ UPLOAD_LIMIT_BYTES: String(LIMIT) });
    admin = (await orgWithUser(small.app, small.ctx.db, "admin")).session;
  });
  afterAll(() => small.close());

  it("refuses a zip bomb: a small zip that unpacks past the limit", async () => {
    const bomb = await zipOf({ "path.json": JSON.stringify(videoPackage(slug("bomba"))), "media/intro.mp4": Buffer.alloc(LIMIT * 3) });
    expect(bomb.length).toBeLessThan(LIMIT);
    const [before] = await small.ctx.db.select({ n: count() }).from(academyPaths);
    const res = await upload(small, "/api/academy/authoring/import?owner=organisation", admin.headers, bomb);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields[0]).toMatchObject({ field: "body.file", reason: expect.stringContaining("troppo grande una volta estratto") });
    const [paths] = await small.ctx.db.select({ n: count() }).from(academyPaths);
    expect(paths!.n).toBe(before!.n);
  });

  it("refuses an upload over the limit with 413", async () => {
    const res = await upload(small, "/api/academy/authoring/import?owner=organisation", admin.headers, Buffer.alloc(LIMIT + 1, 1));
    expect(res.statusCode).toBe(413);
  });
});
