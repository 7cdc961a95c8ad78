import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser, signIn, type SignedIn } from "../../../test/helpers/factories.ts";
import { memberships } from "../identity/identity.tables.ts";
import { academyAssignments } from "./academy-assignments.tables.ts";
import { answersFor, rightAnswer, starterQuiz } from "./academy.test-helper.ts";
import { addDays, todayInItaly } from "./assignment-status.ts";

// The managers' report computed from progress the learners really made through the API.
// "incidenti-in-ufficio" stands for 8 minutes of article, 8 of quiz (8 questions drawn), 5 of
// exercise; passing its quiz completes the path.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (session: SignedIn, url: string, payload?: object) => t.app.inject({ method: "POST", url, headers: session.headers, ...(payload ? { payload } : {}) });
const get = (session: SignedIn, url: string) => t.app.inject({ method: "GET", url, headers: session.headers });

async function passIncidentQuiz(session: SignedIn) {
  const quiz = await starterQuiz("incidenti-in-ufficio", "incidente-quiz");
  const started = await post(session, "/api/academy/paths/incidenti-in-ufficio/quizzes/incidente-quiz/attempts");
  const attempt = started.json().attempt as { id: string; questions: { id: string }[] };
  const res = await post(session, `/api/academy/attempts/${attempt.id}/submit`, { answers: answersFor(quiz, attempt.questions.map((q) => q.id), rightAnswer) });
  expect(res.json().pathCompleted).toBe(true);
}

async function member(orgId: string, role: "employee" | "viewer", name: string, office: string | null, managementBody = false) {
  const user = await makeUser(t.ctx.db, orgId, role, { name });
  await t.ctx.db.update(memberships).set({ office, managementBody }).where(and(eq(memberships.userId, user.id), eq(memberships.orgId, orgId)));
  return { user, session: await signIn(t.app, user.email) };
}

describe("the training report", () => {
  it("counts assignments by path and office, hours per employee and the management body from real progress", async () => {
    const today = todayInItaly();
    const year = Number(today.slice(0, 4));
    const { org, session: admin } = await orgWithUser(t.app, t.ctx.db, "admin", { name: "Comune di Formazione" });
    const alba = await member(org.id, "employee", "Alba Anagrafe", "Ufficio Anagrafe");
    const bruno = await member(org.id, "employee", "Bruno Anagrafe", "Ufficio Anagrafe");
    const carla = await member(org.id, "employee", "Carla Ragioneria", "Ragioneria");
    const dario = await member(org.id, "viewer", "Dario Assessore", null, true);
    // another comune's employee does the same training: never in this report
    const other = await orgWithUser(t.app, t.ctx.db, "employee");
    await passIncidentQuiz(other.session);

    const url = `/api/orgs/${org.id}/academy/assignments`;
    const incidents = await post(admin, url, { pathSlug: "incidenti-in-ufficio", dueOn: today, target: { roles: ["employee"] } });
    const board = await post(admin, url, { pathSlug: "sicurezza-digitale-di-base", dueOn: today, target: { managementBody: true } });
    expect(board.statusCode, board.body).toBe(201);
    // the board's assignment fell due yesterday (the API refuses a past date; time moves on)
    await t.ctx.db.update(academyAssignments).set({ dueOn: addDays(today, -1) }).where(eq(academyAssignments.id, board.json().id));

    await post(alba.session, "/api/academy/paths/incidenti-in-ufficio/items/incidente-articolo/complete", {});
    await passIncidentQuiz(alba.session); // 8 + 8 minutes, path complete, quiz 100%
    await post(bruno.session, "/api/academy/paths/incidenti-in-ufficio/items/incidente-articolo/complete", {}); // 8 minutes, in progress
    await post(dario.session, "/api/academy/paths/sicurezza-digitale-di-base/items/phishing-articolo/complete", {});

    const res = await get(admin, `/api/orgs/${org.id}/academy/report?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ organisation: "Comune di Formazione", year, objectiveHours: 40 });
    expect(report.assignments).toEqual([
      { id: board.json().id, pathSlug: "sicurezza-digitale-di-base", pathTitle: expect.any(String), dueOn: addDays(today, -1), assigned: 1, completed: 0, overdue: 1, averageScore: null },
      { id: incidents.json().id, pathSlug: "incidenti-in-ufficio", pathTitle: expect.any(String), dueOn: today, assigned: 3, completed: 1, overdue: 0, averageScore: 100 },
    ]);
    expect(report.offices).toEqual([
      { office: "Ragioneria", employees: 1, hours: 0, assigned: 1, completed: 0, overdue: 0, averageScore: null },
      { office: "Ufficio Anagrafe", employees: 2, hours: 0.4, assigned: 2, completed: 1, overdue: 0, averageScore: 100 },
      { office: null, employees: 2, hours: expect.any(Number), assigned: 1, completed: 0, overdue: 1, averageScore: null },
    ]);
    const byName = new Map(report.employees.map((e: { name: string }) => [e.name, e]));
    expect(byName.get("Alba Anagrafe")).toMatchObject({ minutes: 16, hours: 0.3, itemsCompleted: 2, pathsCompleted: 1, assigned: 1, completed: 1, overdue: 0 });
    expect(byName.get("Bruno Anagrafe")).toMatchObject({ minutes: 8, itemsCompleted: 1, pathsCompleted: 0, assigned: 1, completed: 0 });
    expect(byName.get("Carla Ragioneria")).toMatchObject({ minutes: 0, assigned: 1 });
    expect(report.employees.map((e: { userId: string }) => e.userId)).not.toContain(other.user.id);
    expect(report.totals).toMatchObject({ employees: 5, assigned: 4, completed: 1, overdue: 1, employeesMeetingObjective: 0 });
    expect(report.managementBody.members.map((m: { name: string; overdue: number; minutes: number }) => [m.name, m.overdue, m.minutes > 0])).toEqual([["Dario Assessore", 1, true]]);
    expect(report.managementBody).toMatchObject({ assigned: 1, completed: 0, overdue: 1 });

    // a year with nothing in it
    const empty = (await get(admin, `/api/orgs/${org.id}/academy/report?year=${year - 5}`)).json();
    expect(empty.assignments).toEqual([]);
    expect(empty.totals.hours).toBe(0);

    // exports: CSV of hours per employee, XLSX with every table
    const csv = await get(admin, `/api/orgs/${org.id}/academy/report.csv?year=${year}`);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Nome,Email,Ruolo,Ufficio,Organo di gestione,Ore di formazione,Obiettivo annuo (ore),Attività completate,Percorsi completati,Assegnati,Completati,Scaduti");
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.startsWith("Alba Anagrafe"))).toContain(",Ufficio Anagrafe,no,0.3,40,2,1,1,1,0");
    const xlsx = await get(admin, `/api/orgs/${org.id}/academy/report.xlsx?year=${year}&lang=en`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Hours per employee", "Assignments", "Offices", "Management body"]);
    expect(workbook.getWorksheet("Management body")!.getRow(2).getCell(1).value).toBe("Dario Assessore");
  });

  it("is for the organisation's admins, security managers and auditors only", async () => {
    const { org, session: admin } = await orgWithUser(t.app, t.ctx.db, "admin");
    const url = `/api/orgs/${org.id}/academy/report`;
    expect((await get(admin, url)).statusCode).toBe(200);
    for (const role of ["security_manager", "auditor"] as const) {
      const user = await makeUser(t.ctx.db, org.id, role);
      expect((await get(await signIn(t.app, user.email), url)).statusCode).toBe(200);
    }
    for (const role of ["employee", "it_operator", "viewer"] as const) {
      const user = await makeUser(t.ctx.db, org.id, role);
      const session = await signIn(t.app, user.email);
      expect((await get(session, url)).statusCode).toBe(403);
      expect((await get(session, `${url}.csv`)).statusCode).toBe(403);
    }
    const outsider = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await get(outsider.session, url)).statusCode).toBe(404);
    expect((await get(outsider.session, `${url}.xlsx`)).statusCode).toBe(404);
    expect((await get(admin, `${url}?year=1999`)).json().error.fields[0].field).toBe("query.year");
  });
});
