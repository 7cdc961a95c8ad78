import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeOrganisation, orgWithUser } from "../../../test/helpers/factories.ts";
import { buildRegistry } from "./catalogs/catalog-loader.ts";
import { installCatalogRegistry } from "./catalog-registry.ts";
import { approvedAssessment } from "./approved-assessment.test-helper.ts";
import { assessmentAnswers } from "./assessments.tables.ts";
import type { AnswerStatus } from "./scoring.ts";
import { quantile } from "./peer-benchmark.service.ts";
import { testCatalog } from "./test-catalog.fixture.ts";

// The peer benchmark: medians and quartiles among organisations of the same type, only from 5
// contributors, never a figure that belongs to one of them.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  installCatalogRegistry(t.ctx, buildRegistry([testCatalog]));
});
afterAll(() => t.close());

type Answers = Record<string, AnswerStatus>;
const none: Answers = { "GV.OC-01": "not_implemented", "GV.OC-02": "not_implemented", "PR.AA-01": "not_implemented", "PR.AA-02": "not_implemented" };
// prova-csf at "base": GV has GV.OC-01/02, PR has PR.AA-01/02; each requirement is 25 % overall, 50 % of its function
const peerAnswers: Answers[] = [
  none, // overall 0, GV 0, PR 0
  { "GV.OC-01": "implemented" }, // 25, GV 50, PR 0
  { "GV.OC-01": "implemented", "PR.AA-01": "implemented" }, // 50, GV 50, PR 50
  { "GV.OC-01": "implemented", "GV.OC-02": "implemented", "PR.AA-01": "partial" }, // 62.5, GV 100, PR 25
  { "GV.OC-01": "implemented", "GV.OC-02": "implemented", "PR.AA-01": "implemented", "PR.AA-02": "implemented" }, // 100, GV 100, PR 100
];

async function peersOfType(type: string, answers: Answers[]) {
  const db = t.ctx.db;
  const own = await orgWithUser(t.app, db, "viewer", { type });
  const mine = await approvedAssessment(db, own.org.id, { "GV.OC-01": "partial" });
  const peers = [];
  for (const [i, given] of answers.entries()) {
    const org = await makeOrganisation(db, { type, name: `Pari ${type} ${i}` });
    // an older approved assessment that the latest one replaces
    const older = await approvedAssessment(db, org.id, none, { approvedAt: new Date("2025-01-10T10:00:00Z") });
    const latest = await approvedAssessment(db, org.id, given, { sharedUpward: i % 2 === 0 });
    peers.push({ org, older, latest });
  }
  // never counted: a draft, another level, a single service, another type, the caller's other assessment
  const extra = await makeOrganisation(db, { type });
  await approvedAssessment(db, extra.id, none, { status: "draft" });
  await approvedAssessment(db, extra.id, none, { level: "alto" });
  await approvedAssessment(db, extra.id, none, { scopeService: "Protocollo" });
  await approvedAssessment(db, (await makeOrganisation(db, { type: `${type}-altro` })).id, none);
  await approvedAssessment(db, own.org.id, none, { approvedAt: new Date("2024-01-10T10:00:00Z") });
  const url = `/api/orgs/${own.org.id}/assessments/${mine.id}/benchmark`;
  const get = async () => t.app.inject({ method: "GET", url, headers: own.session.headers });
  return { own, mine, peers, url, get };
}

describe("peer benchmark", () => {
  it("shows no figure at all with 4 contributors", async () => {
    const { get, mine } = await peersOfType("provincia", peerAnswers.slice(0, 4));
    const res = await get();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      assessmentId: mine.id,
      frameworkId: "prova-csf",
      level: "base",
      organisationType: "provincia",
      available: false,
      contributors: 4,
      minimumContributors: 5,
    });
  });

  it("gives hand-checked medians and quartiles with 5 contributors", async () => {
    const { get } = await peersOfType("comune", peerAnswers);
    const body = (await get()).json();
    expect(body).toMatchObject({ available: true, contributors: 5, organisationType: "comune" });
    // overall sorted 0, 25, 50, 62.5, 100: q1 is the 2nd, the median the 3rd, q3 the 4th
    expect(body.overall).toEqual({ q1: 25, median: 50, q3: 62.5 });
    expect(body.functions).toEqual([
      // GV sorted 0, 50, 50, 100, 100
      { id: "GV", title: { it: "Governare", en: "Govern" }, compliancePercent: { q1: 50, median: 50, q3: 100 } },
      // PR sorted 0, 0, 25, 50, 100
      { id: "PR", title: { it: "Proteggere", en: "Protect" }, compliancePercent: { q1: 0, median: 25, q3: 50 } },
    ]);
    // the caller's own assessment: GV.OC-01 partial, 12.5 % overall
    expect(body.own).toEqual({ compliancePercent: 12.5, functions: [{ id: "GV", compliancePercent: 25 }, { id: "PR", compliancePercent: 0 }] });
  });

  it("cannot be used to recover one contributor's value", async () => {
    const { get, peers } = await peersOfType("unione", peerAnswers);
    const first = await get();
    const body = first.json();
    // no identity of any peer, and no statistic beyond median and quartiles
    for (const p of peers) for (const id of [p.org.id, p.org.name, p.latest.id, p.older.id]) expect(first.body).not.toContain(id);
    for (const figures of [body.overall, ...body.functions.map((f: { compliancePercent: object }) => f.compliancePercent)]) expect(Object.keys(figures)).toEqual(["q1", "median", "q3"]);
    // the best and the worst contributor (100 % and 0 %) do not show in the figures...
    expect(Object.values(body.overall)).not.toContain(100);
    expect(Object.values(body.overall)).not.toContain(0);
    // ...nor do they move them: changing them while they stay the extremes leaves the reply as it was
    // worst: GV.OC-01 partial, 12.5 % (GV 25, PR 0), still below every other peer; best: PR.AA-02
    // partial, 87.5 % (GV 100, PR 75), still above every other peer
    const change = (assessmentId: string, requirementId: string) =>
      t.ctx.db
        .update(assessmentAnswers)
        .set({ status: "partial" })
        .where(and(eq(assessmentAnswers.assessmentId, assessmentId), eq(assessmentAnswers.requirementId, requirementId)));
    await change(peers[0]!.latest.id, "GV.OC-01");
    await change(peers[4]!.latest.id, "PR.AA-02");
    const after = await get();
    expect(after.json()).toEqual(body);
  });

  it("interpolates quartiles between neighbours, never reaching the ends", () => {
    expect(quantile([0, 25, 50, 62.5, 75, 100], 0.25)).toBe(31.25);
    expect(quantile([0, 25, 50, 62.5, 75, 100], 0.5)).toBe(56.25);
    expect(quantile([0, 25, 50, 62.5, 75, 100], 0.75)).toBe(71.875);
  });

  it("answers 404 to another organisation", async () => {
    const { url } = await peersOfType("regione", []);
    const stranger = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await t.app.inject({ method: "GET", url, headers: stranger.session.headers })).statusCode).toBe(404);
  });
});
