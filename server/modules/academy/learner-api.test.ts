import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser, signIn, type SignedIn } from "../../../test/helpers/factories.ts";
import { academyProgress, academyQuizAttempts, xapiStatements } from "./academy.tables.ts";
import { answersFor, makeOrganisationPath, rightAnswer, starterQuiz } from "./academy.test-helper.ts";
import { loadPathPackages } from "./content/starter-curriculum.ts";
import type { Exercise } from "./path-content.ts";

// The learner's API without and with an account: the catalogue of paths, a path to learn from
// that gives no answer away, the stateless quiz check, and the two kinds of exercise.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (url: string, session?: SignedIn) => t.app.inject({ method: "GET", url, headers: session?.headers ?? {} });
const post = (url: string, payload: object, session?: SignedIn) => t.app.inject({ method: "POST", url, payload, headers: session?.headers ?? {} });

async function rowsStored() {
  const [attempts] = await t.ctx.db.select({ n: count() }).from(academyQuizAttempts);
  const [progress] = await t.ctx.db.select({ n: count() }).from(academyProgress);
  const [statements] = await t.ctx.db.select({ n: count() }).from(xapiStatements);
  return [attempts!.n, progress!.n, statements!.n];
}

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      out.add(key);
      keysOf(v, out);
    }
  }
  return out;
}

async function exercise(slug: string, id: string): Promise<Exercise> {
  const item = (await loadPathPackages()).find((p) => p.id === slug)!.modules.flatMap((m) => m.items).find((i) => i.id === id);
  if (item?.kind !== "exercise") throw new Error(id);
  return item;
}

describe("the catalogue of paths", () => {
  it("lists the published starter curriculum to anyone, filtered by audience, level and words", async () => {
    const all = await get("/api/academy/paths");
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((p: { slug: string }) => p.slug).sort()).toEqual(["cyberbullismo-scuole-famiglie", "incidenti-in-ufficio", "sicurezza-digitale-di-base"]);
    const students = await get("/api/academy/paths?audience=students");
    expect(students.json().items.map((p: { slug: string }) => p.slug).sort()).toEqual(["cyberbullismo-scuole-famiglie", "sicurezza-digitale-di-base"]);
    expect((await get("/api/academy/paths?level=avanzato")).json().items).toEqual([]);
    const words = await get(`/api/academy/paths?q=${encodeURIComponent("CYBERBULL")}`);
    expect(words.json().items.map((p: { slug: string }) => p.slug)).toEqual(["cyberbullismo-scuole-famiglie"]);
    const bad = await get("/api/academy/paths?audience=aliens");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe("query.audience");
  });

  it("shows an organisation's own path to its members only", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "employee");
    await makeOrganisationPath(t.ctx.db, org.id, "percorso-interno-lista", "Procedure interne riservate");
    const other = await orgWithUser(t.app, t.ctx.db, "admin");
    const slugs = (res: { json(): { items: { slug: string }[] } }) => res.json().items.map((p) => p.slug);
    expect(slugs(await get("/api/academy/paths", session))).toContain("percorso-interno-lista");
    expect(slugs(await get("/api/academy/paths", other.session))).not.toContain("percorso-interno-lista");
    expect(slugs(await get("/api/academy/paths"))).not.toContain("percorso-interno-lista");
    expect((await get("/api/academy/paths/percorso-interno-lista", session)).statusCode).toBe(200);
    expect((await get("/api/academy/paths/percorso-interno-lista", other.session)).statusCode).toBe(404);
    expect((await get("/api/academy/paths/percorso-interno-lista")).statusCode).toBe(404);
    const check = await post("/api/academy/paths/percorso-interno-lista/exercises/incidente-esercizio/walk", { choices: [] });
    expect(check.statusCode).toBe(404);
  });
});

describe("a path to learn from", () => {
  it("carries every module and item but no answer, no feedback and no suspicious flag", async () => {
    const res = await get("/api/academy/paths/sicurezza-digitale-di-base");
    expect(res.statusCode).toBe(200);
    const path = res.json();
    expect(path.modules).toHaveLength(4);
    expect(path.modules[2].prerequisites).toEqual(["phishing-e-frodi-online"]);
    const keys = keysOf(path);
    for (const leak of ["correct", "suspicious", "answer", "feedback", "feedbackTrue", "feedbackFalse", "explanation", "pairs", "outcome", "debrief", "next", "nodes"]) {
      expect(keys.has(leak), leak).toBe(false);
    }
    const quiz = await starterQuiz("sicurezza-digitale-di-base", "phishing-quiz");
    const shown = path.modules[0].items.find((i: { id: string }) => i.id === "phishing-quiz");
    expect(shown).toMatchObject({ kind: "quiz", passMark: quiz.passMark, drawCount: quiz.drawCount, maxAttempts: quiz.maxAttempts });
    const ordering = quiz.questions.find((q) => q.type === "ordering")!;
    const shownOrdering = shown.questions.find((q: { id: string }) => q.id === ordering.id);
    expect([...shownOrdering.steps].sort()).toEqual([...(ordering.type === "ordering" ? ordering.steps : [])].sort());
    expect(shownOrdering.steps).not.toEqual(ordering.type === "ordering" ? ordering.steps : []);
    const scenario = path.modules[1].items.find((i: { kind: string }) => i.kind === "exercise");
    expect(scenario.exercise.start.choices.length).toBeGreaterThan(1);
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("answers 404 for a path that does not exist", async () => {
    const res = await get("/api/academy/paths/nessun-percorso");
    expect(res.statusCode).toBe(404);
  });
});

describe("without an account", () => {
  it("checks a full set of quiz answers with feedback and stores nothing", async () => {
    const quiz = await starterQuiz("sicurezza-digitale-di-base", "password-quiz");
    const before = await rowsStored();
    const ids = quiz.questions.slice(0, quiz.drawCount).map((q) => q.id);
    const res = await post("/api/academy/paths/sicurezza-digitale-di-base/quizzes/password-quiz/check", { answers: answersFor(quiz, ids, rightAnswer) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ passed: true, scorePercent: 100, maxPoints: quiz.drawCount });
    const short = await post("/api/academy/paths/sicurezza-digitale-di-base/quizzes/password-quiz/check", { answers: answersFor(quiz, ids.slice(1), rightAnswer) });
    expect(short.statusCode).toBe(422);
    expect(short.json().error.fields[0].field).toBe("body.answers");
    expect(await rowsStored()).toEqual(before);
  });

  it("judges every part of a spot-the-phishing message, storing nothing", async () => {
    const item = await exercise("sicurezza-digitale-di-base", "phishing-esercizio");
    if (item.exercise.type !== "spot_the_phishing") throw new Error("not spot the phishing");
    const parts = [...item.exercise.header.map((h) => h.part), ...item.exercise.body];
    const suspicious = parts.filter((p) => p.suspicious).map((p) => p.id);
    const before = await rowsStored();
    const url = "/api/academy/paths/sicurezza-digitale-di-base/exercises/phishing-esercizio/check";
    const all = await post(url, { marked: suspicious });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ scorePercent: 100, found: suspicious.length, suspiciousParts: suspicious.length, recorded: false });
    expect(all.json().parts).toHaveLength(parts.length);
    const one = await post(url, { marked: [suspicious[0]!, parts.find((p) => !p.suspicious)!.id] });
    const judged = one.json().parts as { partId: string; right: boolean; feedback: string }[];
    // one suspicious part found (right), one innocent part marked (wrong), the rest of the suspicious missed
    expect(judged.filter((p) => p.right).length).toBe(parts.length - suspicious.length);
    expect(judged.every((p) => p.feedback.length > 0)).toBe(true);
    const unknown = await post(url, { marked: ["non-esiste"] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.fields[0].field).toBe("body.marked[0]");
    expect(await rowsStored()).toEqual(before);
  });
});

/** The choices leading from the start to an ending with this outcome. */
function choicesTo(item: Exercise, outcome: string): number[] {
  if (item.exercise.type !== "branching") throw new Error("not a scenario");
  const nodes = new Map(item.exercise.nodes.map((n) => [n.id, n]));
  const queue: { id: string; choices: number[] }[] = [{ id: item.exercise.start, choices: [] }];
  const seen = new Set<string>();
  while (queue.length) {
    const { id, choices } = queue.shift()!;
    const node = nodes.get(id)!;
    if (!node.choices.length && node.outcome === outcome) return choices;
    if (seen.has(id)) continue;
    seen.add(id);
    node.choices.forEach((c, i) => queue.push({ id: c.next, choices: [...choices, i] }));
  }
  throw new Error(`no ${outcome} ending`);
}

describe("a branching scenario", () => {
  it("is walked step by step from the server, and its ending is recorded for a signed-in learner", async () => {
    const item = await exercise("incidenti-in-ufficio", "incidente-esercizio");
    const url = "/api/academy/paths/incidenti-in-ufficio/exercises/incidente-esercizio/walk";
    const first = await post(url, { choices: [] });
    expect(first.json()).toMatchObject({ feedback: null, ending: null, recorded: false });
    const good = choicesTo(item, "good");
    const anonymous = await post(url, { choices: good });
    expect(anonymous.json()).toMatchObject({ ending: { outcome: "good", scorePercent: 100 }, recorded: false });
    expect(anonymous.json().feedback).toEqual(expect.any(String));
    const wrong = await post(url, { choices: [4, 4] });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.fields[0].field).toMatch(/^body\.choices\[\d\]$/);

    const { user, session } = await orgWithUser(t.app, t.ctx.db, "employee");
    const bad = await post(url, { choices: choicesTo(item, "bad") }, session);
    expect(bad.json()).toMatchObject({ ending: { outcome: "bad", scorePercent: 0 }, recorded: true });
    const statements = await t.ctx.db.select().from(xapiStatements).where(eq(xapiStatements.userId, user.id));
    expect(statements).toHaveLength(1);
    expect(statements[0]!.statement).toMatchObject({ verb: { id: "http://adlnet.gov/expapi/verbs/completed" }, result: { success: false, completion: true, score: { scaled: 0 } } });
    const progress = await get("/api/academy/paths/incidenti-in-ufficio/progress", session);
    const items = progress.json().modules[0].items as { id: string; status: string }[];
    expect(items.find((i) => i.id === "incidente-esercizio")!.status).toBe("completed");
  });

  it("records an article read as experienced", async () => {
    const org = await orgWithUser(t.app, t.ctx.db, "employee");
    const user = await makeUser(t.ctx.db, org.org.id, "employee");
    const session = await signIn(t.app, user.email);
    const res = await post("/api/academy/paths/incidenti-in-ufficio/items/incidente-articolo/complete", { durationSeconds: 240 }, session);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ itemId: "incidente-articolo", status: "completed", pathCompleted: false });
    const [statement] = await t.ctx.db.select().from(xapiStatements).where(eq(xapiStatements.userId, user.id));
    expect(statement!.statement).toMatchObject({ verb: { id: "http://adlnet.gov/expapi/verbs/experienced" }, result: { completion: true, duration: "PT4M0S" } });
    const quiz = await post("/api/academy/paths/incidenti-in-ufficio/items/incidente-quiz/complete", {}, session);
    expect(quiz.statusCode).toBe(422);
    expect(quiz.json().error.fields[0].field).toBe("params.itemId");
    expect((await post("/api/academy/paths/incidenti-in-ufficio/items/incidente-articolo/complete", {})).statusCode).toBe(401);
  });
});
