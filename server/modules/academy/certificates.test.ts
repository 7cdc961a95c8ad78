import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeApiToken, makeUser, orgWithUser, signIn, type SignedIn } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { pdfText } from "../assessments/report/pdf-text.test-helper.ts";
import { academyCertificates } from "./academy.tables.ts";
import { answersFor, rightAnswer, starterQuiz } from "./academy.test-helper.ts";

// Completing a path issues a certificate (PDF with a verification code) that anyone can check;
// the xAPI statements of it all are the learner's to read, and their managers'.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: "https://academy.example.it" });
});
afterAll(() => t.close());

const post = (session: SignedIn, url: string, payload?: object) => t.app.inject({ method: "POST", url, headers: session.headers, ...(payload ? { payload } : {}) });
const get = (url: string, session?: SignedIn) => t.app.inject({ method: "GET", url, headers: session?.headers ?? {} });

/** Passes the one quiz of "incidenti-in-ufficio", which completes its one module and the path. */
async function completeIncidentPath(session: SignedIn) {
  const quiz = await starterQuiz("incidenti-in-ufficio", "incidente-quiz");
  const started = await post(session, "/api/academy/paths/incidenti-in-ufficio/quizzes/incidente-quiz/attempts");
  const attempt = started.json().attempt as { id: string; questions: { id: string }[] };
  const res = await post(session, `/api/academy/attempts/${attempt.id}/submit`, { answers: answersFor(quiz, attempt.questions.map((q) => q.id), rightAnswer) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe("certificates", () => {
  it("are issued when the path is completed, once, with an audit entry, and verified publicly", async () => {
    const { org } = await orgWithUser(t.app, t.ctx.db, "admin");
    const user = await makeUser(t.ctx.db, org.id, "employee", { name: "Giulia Bianchi" });
    const session = await signIn(t.app, user.email);
    const result = await completeIncidentPath(session);
    expect(result).toMatchObject({ passed: true, completedModules: ["incidente-in-ufficio"], pathCompleted: true, certificateCode: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/) });
    const code = result.certificateCode as string;

    const progress = (await get("/api/academy/paths/incidenti-in-ufficio/progress", session)).json();
    expect(progress).toMatchObject({ completed: true, certificate: { code } });
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, "academy.certificate.issue"), eq(auditLog.orgId, org.id)));
    expect(audit).toHaveLength(1);

    // anyone, without an account, in any case and without dashes
    const verified = await get(`/api/academy/certificates/${code.replaceAll("-", "").toLowerCase()}`);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ code, learnerName: "Giulia Bianchi", pathSlug: "incidenti-in-ufficio", valid: true, revokedAt: null });
    expect(verified.json().pathTitle).toContain("incidente");

    const mine = (await get("/api/academy/my/certificates", session)).json().items;
    expect(mine).toHaveLength(1);
    const pdf = await get(`/api/academy/my/certificates/${mine[0].id}/pdf`, session);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain("Attestato di completamento");
    expect(text).toContain("Giulia Bianchi");
    expect(text).toContain(code);
    expect(text).toContain(`https://academy.example.it/academy/certificates/${code}`);
    const english = pdfText((await get(`/api/academy/my/certificates/${mine[0].id}/pdf?lang=en`, session)).rawPayload);
    expect(english).toContain("Certificate of completion");

    // someone else cannot download it
    const other = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await get(`/api/academy/my/certificates/${mine[0].id}/pdf`, other.session)).statusCode).toBe(404);

    // passing again (a new attempt) issues no second certificate
    const again = await completeIncidentPath(session);
    expect(again).toMatchObject({ passed: true, completedModules: [], pathCompleted: false, certificateCode: null });
    expect(await t.ctx.db.select().from(academyCertificates).where(eq(academyCertificates.userId, user.id))).toHaveLength(1);
  });

  it("answers 404 with a clear message for a code that does not exist", async () => {
    for (const code of ["ABCD-EFGH-JKMN", "not a code"]) {
      const res = await get(`/api/academy/certificates/${encodeURIComponent(code)}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({ code: "certificate_unknown", message: expect.stringContaining("Nessun attestato") });
    }
    const english = await t.app.inject({ method: "GET", url: "/api/academy/certificates/ABCD-EFGH-JKMN", headers: { "accept-language": "en" } });
    expect(english.json().error.message).toContain("No certificate");
  });
});

describe("xAPI statements", () => {
  it("are the learner's own to read, and their organisation's managers', as a StatementResult with paging", async () => {
    const { org, session: manager } = await orgWithUser(t.app, t.ctx.db, "security_manager");
    const learner = await makeUser(t.ctx.db, org.id, "employee");
    const learnerSession = await signIn(t.app, learner.email);
    await completeIncidentPath(learnerSession);
    const outsider = await orgWithUser(t.app, t.ctx.db, "admin");

    const mine = await get("/api/academy/statements", learnerSession);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers["x-experience-api-version"]).toBe("1.0.3");
    const verbs = (mine.json().statements as { verb: { id: string } }[]).map((s) => s.verb.id.split("/").at(-1));
    expect(verbs.sort()).toEqual(["attempted", "completed", "completed", "passed"]);
    expect(mine.json().more).toBe("");

    // the manager sees the learner's statements; nobody else's organisation does
    const team = await get("/api/academy/statements?scope=organisation&limit=3", manager);
    expect(team.statusCode).toBe(200);
    expect(team.json().statements).toHaveLength(3);
    expect(team.json().more).toMatch(/^\/api\/academy\/statements\?/);
    const next = await get(team.json().more, manager);
    expect(next.json().statements).toHaveLength(1);
    expect(next.json().more).toBe("");
    const ids = [...team.json().statements, ...next.json().statements].map((s: { id: string }) => s.id).sort();
    expect(ids).toEqual((mine.json().statements as { id: string }[]).map((s) => s.id).sort());

    expect((await get("/api/academy/statements?scope=organisation", outsider.session)).json().statements).toEqual([]);
    expect((await get("/api/academy/statements?scope=organisation", learnerSession)).statusCode).toBe(403);
    expect((await get("/api/academy/statements")).statusCode).toBe(401);
  });

  it("can be exported with an API token that has the academy scope", async () => {
    const { org, user } = await orgWithUser(t.app, t.ctx.db, "security_manager");
    const learner = await makeUser(t.ctx.db, org.id, "employee");
    await completeIncidentPath(await signIn(t.app, learner.email));
    const reader = await makeApiToken(t.ctx.db, user.id, org.id, ["academy:read"]);
    const res = await t.app.inject({ method: "GET", url: "/api/academy/statements?scope=organisation", headers: { authorization: `Bearer ${reader.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json().statements).toHaveLength(4);
    const other = await makeApiToken(t.ctx.db, user.id, org.id, ["identity:read"]);
    const refused = await t.app.inject({ method: "GET", url: "/api/academy/statements", headers: { authorization: `Bearer ${other.token}` } });
    expect(refused.statusCode).toBe(403);
  });
});
