import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser, signIn, type SignedIn } from "../../../../test/helpers/factories.ts";
import { xapiStatements } from "../academy.tables.ts";
import { academyScormPackages, academyScormResults } from "./authoring.tables.ts";
import { upload, zipOf } from "./authoring.test-helper.ts";

// SCORM 1.2: a tiny package built here, uploaded, launched from our origin, and its runtime's
// "passed" recorded as the learner's result with an xAPI statement. Bad packages change nothing.

const manifest = (href = "index.html", extra = "") => `<?xml version="1.0" encoding="UTF-8"?>
${extra}<manifest identifier="prova" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org1">
    <organization identifier="org1">
      <title>Riconoscere il phishing</title>
      <item identifier="i1" identifierref="r1"><title>Lezione</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="${href}"><file href="index.html"/></resource>
  </resources>
</manifest>`;

const page = `<!DOCTYPE html><html lang="it"><head><title>Lezione</title></head><body><h1>Lezione</h1>
<script src="sco.js"></script></body></html>`;
const script = `var api = window.parent.API; api.LMSInitialize(""); api.LMSSetValue("cmi.core.lesson_status", "passed"); api.LMSCommit(""); api.LMSFinish("");`;

const scormZip = (files: Record<string, string | Buffer> = {}) => zipOf({ "imsmanifest.xml": manifest(), "index.html": page, "sco.js": script, ...files });

let t: TestApp;
let admin: SignedIn;
let employee: SignedIn;
let outsider: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  const a = await orgWithUser(t.app, t.ctx.db, "admin");
  admin = a.session;
  employee = await signIn(t.app, (await makeUser(t.ctx.db, a.org.id, "employee")).email);
  outsider = (await orgWithUser(t.app, t.ctx.db, "admin")).session;
});
afterAll(() => t.close());

async function stored() {
  const [packages] = await t.ctx.db.select({ n: count() }).from(academyScormPackages);
  const dir = join(t.ctx.config.DATA_DIR, "files", "academy-scorm");
  return { packages: packages!.n, files: existsSync(dir) ? readdirSync(dir).length : 0 };
}

describe("a SCORM 1.2 package from upload to a recorded pass", () => {
  it("uploads, launches from our origin in a sandbox, and records passed with an xAPI statement", async () => {
    const res = await upload(t, "/api/academy/scorm?owner=organisation", admin.headers, await scormZip());
    expect(res.statusCode).toBe(201);
    const pkg = res.json();
    expect(pkg).toMatchObject({ title: "Riconoscere il phishing", status: "published", files: 3, launchUrl: `/api/academy/scorm/${pkg.id}/files/index.html` });

    const launch = await t.app.inject({ method: "GET", url: pkg.launchUrl, headers: employee.headers });
    expect(launch.statusCode).toBe(200);
    expect(launch.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(launch.headers["content-security-policy"]).toContain("frame-ancestors 'self'");
    expect(launch.headers["content-security-policy"]).toContain("connect-src 'none'");
    expect(launch.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(launch.body).toContain("<h1>Lezione</h1>");
    expect((await t.app.inject({ method: "GET", url: `/api/academy/scorm/${pkg.id}/files/sco.js`, headers: employee.headers })).body).toContain("cmi.core.lesson_status");

    // what the web player's runtime sends on LMSCommit after LMSSetValue("cmi.core.lesson_status", "passed")
    const report = await t.app.inject({ method: "POST", url: `/api/academy/scorm/${pkg.id}/runtime`, headers: employee.headers, payload: { lessonStatus: "passed", scoreRaw: 90, sessionSeconds: 120 } });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toEqual({ lessonStatus: "passed", scoreRaw: 90, recorded: true });
    const again = await t.app.inject({ method: "POST", url: `/api/academy/scorm/${pkg.id}/runtime`, headers: employee.headers, payload: { lessonStatus: "passed", scoreRaw: 90 } });
    expect(again.json().recorded).toBe(false);

    const [result] = await t.ctx.db.select().from(academyScormResults).where(eq(academyScormResults.packageId, pkg.id));
    expect(result).toMatchObject({ lessonStatus: "passed", scoreRaw: 90 });
    expect(result!.completedAt).not.toBeNull();
    const statements = await t.ctx.db.select().from(xapiStatements).where(and(eq(xapiStatements.verb, "http://adlnet.gov/expapi/verbs/passed")));
    const mine = statements.filter((s) => (s.statement as { object: { definition: { name: Record<string, string> } } }).object.definition.name["it-IT"] === "Riconoscere il phishing");
    expect(mine).toHaveLength(1);
    expect(mine[0]!.statement).toMatchObject({ result: { success: true, completion: true, score: { raw: 90, scaled: 0.9 }, duration: "PT2M0S" } });
  });

  it("keeps an organisation's package from other organisations", async () => {
    const pkg = (await upload(t, "/api/academy/scorm?owner=organisation", admin.headers, await scormZip())).json();
    expect((await t.app.inject({ method: "GET", url: `/api/academy/scorm/${pkg.id}`, headers: outsider.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: pkg.launchUrl, headers: outsider.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "POST", url: `/api/academy/scorm/${pkg.id}/runtime`, headers: outsider.headers, payload: { lessonStatus: "passed" } })).statusCode).toBe(404);
    // and only its admins and security managers upload or retire
    expect((await t.app.inject({ method: "POST", url: `/api/academy/scorm/${pkg.id}/retire`, headers: employee.headers })).statusCode).toBe(403);
    expect((await upload(t, "/api/academy/scorm?owner=organisation", employee.headers, await scormZip())).statusCode).toBe(403);
  });
});

describe("SCORM packages refused whole", () => {
  const xxe = `<!DOCTYPE manifest [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n`;
  const cases: [string, () => Promise<Buffer>, string, string][] = [
    ["a manifest with an external entity", () => scormZip({ "imsmanifest.xml": manifest("index.html", xxe) }), "body.file.imsmanifest.xml", "manifest non ammesso"],
    ["a manifest with a processing instruction", () => scormZip({ "imsmanifest.xml": manifest("index.html", '<?xml-stylesheet href="http://evil.example/x.xsl"?>\n') }), "body.file.imsmanifest.xml", "manifest non ammesso"],
    ["a launch file outside the package", () => scormZip({ "imsmanifest.xml": manifest("../../etc/passwd") }), "body.file.imsmanifest.xml", "manifest non ammesso"],
    ["a launch file that is not there", () => scormZip({ "imsmanifest.xml": manifest("lezione.html") }), "body.file.imsmanifest.xml", "lezione.html"],
    ["an entry climbing out of the package", () => scormZip({ "../../server.js": "x" }), "body.file", "percorso non ammesso"],
    ["no manifest", () => zipOf({ "index.html": page }), "body.file", "imsmanifest.xml"],
    ["a SCORM 2004 manifest", () => scormZip({ "imsmanifest.xml": manifest().replace("<schemaversion>1.2", "<schemaversion>2004 4th Edition") }), "body.file.imsmanifest.xml", "SCORM 1.2"],
  ];

  it.each(cases)("refuses %s, storing nothing", async (_label, build, field, fragment) => {
    const before = await stored();
    const res = await upload(t, "/api/academy/scorm?owner=organisation", admin.headers, await build());
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual([{ field, reason: expect.stringContaining(fragment) }]);
    expect(await stored()).toEqual(before);
  });
});
