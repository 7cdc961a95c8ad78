import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import type { QuizAnswer } from "./model.ts";

// The learner API of docs/ACADEMY-FORMAT.md, typed from the generated schema.

export type AcademyPath = Schemas["AcademyPath"];
export type AcademyModule = AcademyPath["modules"][number];
export type AcademyItem = Schemas["AcademyItem"];
export type AcademyPathSummary = Schemas["AcademyPathSummary"];
export type AcademyProgress = Schemas["AcademyProgress"];
export type QuizResult = Schemas["AcademyQuizCheck"];
export type PhishingResult = Schemas["AcademyPhishingCheck"];
export type ScenarioStep = Schemas["AcademyScenarioStep"];
export type Certificate = Schemas["AcademyCertificate"];
export type CertificateCheck = Schemas["AcademyCertificateVerification"];
export type Audience = AcademyPath["audiences"][number];
export type Level = AcademyPath["level"];

export const audiences: Audience[] = ["citizens", "students", "employees", "it_operators", "managers", "companies"];
export const levels: Level[] = ["base", "intermedio", "avanzato"];

const slugPath = (slug: string) => ({ path: { slug } });
const itemPath = (slug: string, itemId: string) => ({ path: { slug, itemId } });

export const academyApi = {
  paths: (query: { audience?: Audience; level?: Level }) => unwrap(api.GET("/api/academy/paths", { params: { query } })),
  path: (slug: string) => unwrap(api.GET("/api/academy/paths/{slug}", { params: slugPath(slug) })),
  progress: (slug: string) => unwrap(api.GET("/api/academy/paths/{slug}/progress", { params: slugPath(slug) })),
  complete: (slug: string, itemId: string) => unwrap(api.POST("/api/academy/paths/{slug}/items/{itemId}/complete", { params: itemPath(slug, itemId), body: {} })),
  checkQuiz: (slug: string, itemId: string, answers: QuizAnswer[]) =>
    unwrap(api.POST("/api/academy/paths/{slug}/quizzes/{itemId}/check", { params: itemPath(slug, itemId), body: { answers } })),
  startAttempt: (slug: string, itemId: string) => unwrap(api.POST("/api/academy/paths/{slug}/quizzes/{itemId}/attempts", { params: itemPath(slug, itemId) })),
  submitAttempt: (attemptId: string, answers: QuizAnswer[]) =>
    unwrap(api.POST("/api/academy/attempts/{attemptId}/submit", { params: { path: { attemptId } }, body: { answers } })),
  checkPhishing: (slug: string, itemId: string, marked: string[]) =>
    unwrap(api.POST("/api/academy/paths/{slug}/exercises/{itemId}/check", { params: itemPath(slug, itemId), body: { marked } })),
  walk: (slug: string, itemId: string, choices: number[]) =>
    unwrap(api.POST("/api/academy/paths/{slug}/exercises/{itemId}/walk", { params: itemPath(slug, itemId), body: { choices } })),
  myCertificates: () => unwrap(api.GET("/api/academy/my/certificates")),
  verify: (code: string) => unwrap(api.GET("/api/academy/certificates/{code}", { params: { path: { code } } })),
};

/** The certificate's PDF: a plain link, the session cookie is enough for a GET. */
export const certificatePdfHref = (certificateId: string, lang: string) =>
  `/api/academy/my/certificates/${encodeURIComponent(certificateId)}/pdf?lang=${lang === "en" ? "en" : "it"}`;
