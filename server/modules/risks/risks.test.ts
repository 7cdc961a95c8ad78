import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeApiToken, makeUser, orgWithUser, signIn } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { buildRegistry } from "../assessments/catalogs/catalog-loader.ts";
import { installCatalogRegistry } from "../assessments/catalog-registry.ts";
import { testCatalog } from "../assessments/test-catalog.fixture.ts";
import { assessments } from "../assessments/assessments.tables.ts";
import { risks } from "./risks.tables.ts";
import { caller, riskBody, stage } from "./risks.test-helper.ts";

let t: TestApp;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  t = await createTestApp();
  installCatalogRegistry(t.ctx, buildRegistry([testCatalog]));
  call = caller(t.app);
});
afterAll(() => t.close());

const auditOf = (orgId: string, action: string) => t.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, action)));
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

async function register() {
  const { org, user, session } = await orgWithUser(t.app, t.ctx.db, "security_manager");
  const base = `/api/orgs/${org.id}/risks`;
  return { org, user, session, base };
}

describe("risk register", () => {
  it("adds a risk scored by its worst impact dimension, numbers it and records the first scores", async () => {
    const { org, user, session, base } = await register();
    const res = await call(session, "POST", base, riskBody({ inherent: stage(4, 5, "personal_data"), current: stage(3, 4, "service"), ownerId: user.id }));
    expect(res.statusCode).toBe(201);
    const risk = res.json();
    expect(risk).toMatchObject({ number: 1, ref: "R-1", threatId: "ransomware", ownerId: user.id, ownerName: user.name, status: "open", treatment: null, residual: null, reviewEveryMonths: 12 });
    expect(risk.inherent).toMatchObject({ likelihood: 4, impact: 5, level: "critical", impacts: { personal_data: 5, service: 1 } });
    expect(risk.current).toMatchObject({ likelihood: 3, impact: 4, level: "high" });
    expect(risk.actions).toEqual(["read", "history", "update", "review"]);
    expect((await call(session, "POST", base, riskBody({ title: "Phishing", threatId: "phishing-fraud" }))).json().ref).toBe("R-2");
    const history = (await call(session, "GET", `${base}/${risk.id}/history`)).json().items;
    expect(history.map((h: { stage: string }) => h.stage).sort()).toEqual(["current", "inherent"]);
    expect(history[0]).toMatchObject({ before: null, levelBefore: null, changedByName: user.name });
    expect(await auditOf(org.id, "risk.create")).toHaveLength(2);
  });

  it("keeps a history of every score change with who, when and why", async () => {
    const { org, user, session, base } = await register();
    const risk = (await call(session, "POST", base, riskBody())).json();
    const res = await call(session, "PATCH", `${base}/${risk.id}`, { current: stage(2, 4), residual: stage(1, 2), reason: "Backup offline verificati" });
    expect(res.statusCode).toBe(200);
    expect(res.json().current).toMatchObject({ level: "medium", impact: 4 });
    expect(res.json().residual).toMatchObject({ level: "low" });
    // the same scores again are not a change
    await call(session, "PATCH", `${base}/${risk.id}`, { current: stage(2, 4), reason: "Nessuna novità" });
    await call(session, "PATCH", `${base}/${risk.id}`, { inherent: stage(5, 5), reason: "Attacchi in aumento nella regione" });
    const history = (await call(session, "GET", `${base}/${risk.id}/history`)).json().items;
    const changes = history.filter((h: { reason: string | null }) => h.reason);
    expect(changes.map((h: { stage: string; reason: string }) => `${h.stage}: ${h.reason}`).sort()).toEqual([
      "current: Backup offline verificati",
      "inherent: Attacchi in aumento nella regione",
      "residual: Backup offline verificati",
    ]);
    const inherent = changes.find((h: { stage: string }) => h.stage === "inherent");
    expect(inherent).toMatchObject({ levelBefore: "critical", levelAfter: "critical", before: stage(4, 5), after: stage(5, 5), changedByName: user.name });
    expect(Date.parse(inherent.changedAt)).not.toBeNaN();
    expect(await auditOf(org.id, "risk.update")).toHaveLength(3);
  });

  it("refuses scores outside the matrix naming the field, and changes nothing", async () => {
    const { session, base } = await register();
    const risk = (await call(session, "POST", base, riskBody())).json();
    // the schema allows up to 10 steps, the organisation's 5x5 matrix does not
    const create = await call(session, "POST", base, riskBody({ residual: stage(2, 6, "legal") }));
    expect(create.statusCode).toBe(422);
    expect(create.json().error.fields[0].field).toBe("body.residual.impacts.legal");
    const patch = await call(session, "PATCH", `${base}/${risk.id}`, { inherent: { ...stage(6, 3) } });
    expect(patch.json().error.fields[0].field).toBe("body.inherent.likelihood");
    const zero = await call(session, "POST", base, riskBody({ inherent: stage(0, 3) }));
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.fields[0].field).toBe("body.inherent.likelihood");
    const missing = await call(session, "POST", base, riskBody({ inherent: { likelihood: 3, impacts: { service: 2 } } }));
    expect(missing.json().error.fields.map((f: { field: string }) => f.field)).toContain("body.inherent.impacts.legal");
    const threat = await call(session, "POST", base, riskBody({ threatId: "alieni" }));
    expect(threat.json().error.fields[0].field).toBe("body.threatId");
    const list = (await call(session, "GET", base)).json().items;
    expect(list).toHaveLength(1);
    expect(list[0].inherent).toMatchObject({ likelihood: 4, impact: 5 });
    expect((await call(session, "GET", `${base}/${risk.id}/history`)).json().items).toHaveLength(1);
  });

  it("accepts a risk only with approver, reason and a future expiry, then asks for review at expiry", async () => {
    const { org, session, base } = await register();
    const approver = await makeUser(t.ctx.db, org.id, "admin", { name: "Sindaca Rossi" });
    const outsider = await makeUser(t.ctx.db, (await orgWithUser(t.app, t.ctx.db)).org.id);
    const risk = (await call(session, "POST", base, riskBody())).json();
    const url = `${base}/${risk.id}`;
    const expiresOn = inAYear();
    const noAcceptance = await call(session, "PATCH", url, { treatment: "accept" });
    expect(noAcceptance.statusCode).toBe(422);
    expect(noAcceptance.json().error.fields[0].field).toBe("body.acceptance");
    const noExpiry = await call(session, "PATCH", url, { treatment: "accept", acceptance: { approverId: approver.id, reason: "Costo sproporzionato" } });
    expect(noExpiry.statusCode).toBe(400);
    expect(noExpiry.json().error.fields[0].field).toBe("body.acceptance.expiresOn");
    const noApprover = await call(session, "PATCH", url, { treatment: "accept", acceptance: { reason: "Costo", expiresOn } });
    expect(noApprover.json().error.fields[0].field).toBe("body.acceptance.approverId");
    const noReason = await call(session, "PATCH", url, { treatment: "accept", acceptance: { approverId: approver.id, reason: " ", expiresOn } });
    expect(noReason.json().error.fields[0].field).toBe("body.acceptance.reason");
    const past = await call(session, "PATCH", url, { treatment: "accept", acceptance: { approverId: approver.id, reason: "Costo", expiresOn: "2020-01-01" } });
    expect(past.json().error.fields[0].field).toBe("body.acceptance.expiresOn");
    const stranger = await call(session, "PATCH", url, { treatment: "accept", acceptance: { approverId: outsider.id, reason: "Costo", expiresOn } });
    expect(stranger.json().error.fields[0].field).toBe("body.acceptance.approverId");
    const mismatch = await call(session, "PATCH", url, { treatment: "mitigate", acceptance: { approverId: approver.id, reason: "Costo", expiresOn } });
    expect(mismatch.json().error.fields[0].field).toBe("body.acceptance");
    expect((await call(session, "GET", url)).json()).toMatchObject({ treatment: null, acceptance: null });

    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const accepted = await call(session, "PATCH", url, { treatment: "accept", treatmentNotes: "Rischio residuo tollerabile", acceptance: { approverId: approver.id, reason: "Costo sproporzionato", expiresOn: soon } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ treatment: "accept", acceptance: { approverId: approver.id, approverName: "Sindaca Rossi", reason: "Costo sproporzionato", expiresOn: soon }, nextReviewOn: soon });
    // other changes keep the acceptance; another treatment drops it
    expect((await call(session, "PATCH", url, { title: "Ransomware (accettato)" })).json().acceptance.expiresOn).toBe(soon);
    expect((await call(session, "PATCH", url, { treatment: "transfer" })).json().acceptance).toBeNull();

    const reviewed = await call(session, "POST", `${url}/review`, { notes: "Riesame annuale in giunta" });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json().lastReviewedAt).not.toBeNull();
    expect(reviewed.json().nextReviewOn > soon).toBe(true);
    const audit = await auditOf(org.id, "risk.review");
    expect(audit[0]!.after).toMatchObject({ notes: "Riesame annuale in giunta" });
  });

  it("links gaps only of the organisation's own assessments and requirements they assess", async () => {
    const { org, user, session, base } = await register();
    const [own] = await t.ctx.db.insert(assessments).values({ orgId: org.id, frameworkId: "prova-csf", level: "base", title: "Postura", ownerId: user.id }).returning();
    const other = await orgWithUser(t.app, t.ctx.db);
    const [foreign] = await t.ctx.db.insert(assessments).values({ orgId: other.org.id, frameworkId: "prova-csf", level: "base", title: "Altrui" }).returning();
    const foreignGap = await call(session, "POST", base, riskBody({ gaps: [{ assessmentId: own!.id, requirementId: "GV.OC-01" }, { assessmentId: foreign!.id, requirementId: "GV.OC-01" }] }));
    expect(foreignGap.statusCode).toBe(422);
    expect(foreignGap.json().error.fields[0].field).toBe("body.gaps[1].assessmentId");
    // GV.RM-01 is assessed only at level "alto"
    const unknown = await call(session, "POST", base, riskBody({ gaps: [{ assessmentId: own!.id, requirementId: "GV.RM-01" }] }));
    expect(unknown.json().error.fields[0].field).toBe("body.gaps[0].requirementId");
    expect((await call(session, "GET", base)).json().items).toEqual([]);
    const ok = await call(session, "POST", base, riskBody({ gaps: [{ assessmentId: own!.id, requirementId: "PR.AA-01" }] }));
    expect(ok.json().gaps).toEqual([{ assessmentId: own!.id, requirementId: "PR.AA-01" }]);
    const replaced = await call(session, "PATCH", `${base}/${ok.json().id}`, { gaps: [{ assessmentId: own!.id, requirementId: "GV.OC-02" }] });
    expect(replaced.json().gaps).toEqual([{ assessmentId: own!.id, requirementId: "GV.OC-02" }]);
  });

  it("filters the register and pages through it", async () => {
    const { user, session, base } = await register();
    await call(session, "POST", base, riskBody({ title: "Sito defacciato", threatId: "website-defacement", inherent: stage(3, 2), residual: stage(1, 1) }));
    await call(session, "POST", base, riskBody({ title: "Frode IBAN", threatId: "business-email-compromise", inherent: stage(4, 4), ownerId: user.id, treatment: "mitigate" }));
    const third = (await call(session, "POST", base, riskBody({ title: "Allagamento sala server", threatId: "physical-damage", inherent: stage(1, 5) }))).json();
    await call(session, "PATCH", `${base}/${third.id}`, { status: "closed" });
    const titles = async (query: string) => (await call(session, "GET", `${base}?${query}`)).json().items.map((r: { title: string }) => r.title);
    expect(await titles("q=iban")).toEqual(["Frode IBAN"]);
    expect(await titles("threatId=website-defacement")).toEqual(["Sito defacciato"]);
    expect(await titles("level=high")).toEqual(["Frode IBAN"]);
    expect(await titles("level=low&stage=residual")).toEqual(["Sito defacciato"]);
    expect(await titles("treatment=mitigate")).toEqual(["Frode IBAN"]);
    expect(await titles(`ownerId=${user.id}`)).toEqual(["Frode IBAN"]);
    expect(await titles("status=closed")).toEqual(["Allagamento sala server"]);
    const first = (await call(session, "GET", `${base}?limit=2`)).json();
    expect(first.items.map((r: { ref: string }) => r.ref)).toEqual(["R-1", "R-2"]);
    const second = (await call(session, "GET", `${base}?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ items: [{ ref: "R-3" }], nextCursor: null });
    expect((await call(session, "GET", `${base}?cursor=rotto`)).statusCode).toBe(422);
    expect((await call(session, "GET", `${base}?level=enorme`)).json().error.fields[0].field).toBe("query.level");
  });

  it("lets readers read, managers change, employees nothing, other organisations not even see", async () => {
    const { org, session, base } = await register();
    const risk = (await call(session, "POST", base, riskBody())).json();
    const viewer = await signIn(t.app, (await makeUser(t.ctx.db, org.id, "viewer")).email);
    const read = await call(viewer, "GET", `${base}/${risk.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().actions).toEqual(["read", "history"]);
    expect((await call(viewer, "PATCH", `${base}/${risk.id}`, { title: "Nuovo" })).statusCode).toBe(403);
    expect((await call(viewer, "POST", base, riskBody())).statusCode).toBe(403);
    const employee = await signIn(t.app, (await makeUser(t.ctx.db, org.id, "employee")).email);
    expect((await call(employee, "GET", base)).statusCode).toBe(403);
    expect((await call(employee, "GET", `${base}/${risk.id}`)).statusCode).toBe(403);
    const other = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await call(other.session, "GET", `${base}/${risk.id}`)).statusCode).toBe(404);
    expect((await call(other.session, "PATCH", `${base}/${risk.id}`, { title: "Preso" })).statusCode).toBe(404);
    expect((await call(other.session, "GET", `/api/orgs/${other.org.id}/risks/${risk.id}`)).statusCode).toBe(404);
    const [row] = await t.ctx.db.select().from(risks).where(eq(risks.id, risk.id));
    expect(row!.title).toBe(risk.title);
  });

  it("lets an API token read with risks:read and change only with risks:write", async () => {
    const { org, user, session, base } = await register();
    const risk = (await call(session, "POST", base, riskBody())).json();
    const reader = await makeApiToken(t.ctx.db, user.id, org.id, ["risks:read"]);
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    expect((await t.app.inject({ method: "GET", url: `${base}/${risk.id}`, headers: auth(reader.token) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "PATCH", url: `${base}/${risk.id}`, headers: auth(reader.token), payload: { title: "Via token" } })).statusCode).toBe(403);
    const other = await makeApiToken(t.ctx.db, user.id, org.id, ["assessments:read"]);
    expect((await t.app.inject({ method: "GET", url: base, headers: auth(other.token) })).statusCode).toBe(403);
    const writer = await makeApiToken(t.ctx.db, user.id, org.id, ["risks:write"]);
    expect((await t.app.inject({ method: "PATCH", url: `${base}/${risk.id}`, headers: auth(writer.token), payload: { title: "Via token" } })).json().title).toBe("Via token");
  });

  it("serves the shipped threat catalog in Italian and English", async () => {
    const { session } = await register();
    const res = await call(session, "GET", "/api/threats");
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; title: { it: string; en: string } }[];
    expect(items.length).toBeGreaterThanOrEqual(15);
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining(["ransomware", "phishing-fraud", "supplier-compromise", "ddos", "data-leak", "insider-misuse"]));
    expect(items.every((i) => i.title.it && i.title.en)).toBe(true);
  });
});
