import { api, unwrap } from "../../../api/client.ts";
import type { Schemas } from "../../../api/types.ts";
import type { LessonStatus } from "./scorm-runtime.ts";

export type AuthoredSummary = Schemas["AcademyAuthoredPathSummary"];
export type AuthoredPath = Schemas["AcademyAuthoredPath"];
export type ScormPackage = Schemas["AcademyScormPackage"];
export type Owner = "platform" | "organisation";

const version = (pathId: string) => ({ params: { path: { pathId } } });
// FormData goes through untouched, so the browser sets the multipart boundary
const zipBody = (file: File) => {
  const form = new FormData();
  form.append("file", file);
  return { body: form as unknown as { file: string }, bodySerializer: (b: unknown) => b as FormData };
};

export const authoringApi = {
  list: () => unwrap(api.GET("/api/academy/authoring/paths")),
  get: (pathId: string) => unwrap(api.GET("/api/academy/authoring/paths/{pathId}", version(pathId))),
  create: (owner: Owner, pkg: unknown) => unwrap(api.POST("/api/academy/authoring/paths", { body: { owner, package: pkg } })),
  newVersion: (copyFrom: string) => unwrap(api.POST("/api/academy/authoring/paths", { body: { copyFrom } })),
  update: (pathId: string, pkg: unknown) => unwrap(api.PUT("/api/academy/authoring/paths/{pathId}", { ...version(pathId), body: { package: pkg } })),
  preview: (pathId: string) => unwrap(api.GET("/api/academy/authoring/paths/{pathId}/preview", version(pathId))),
  publish: (pathId: string) => unwrap(api.POST("/api/academy/authoring/paths/{pathId}/publish", version(pathId))),
  retire: (pathId: string) => unwrap(api.POST("/api/academy/authoring/paths/{pathId}/retire", version(pathId))),
  exportHref: (pathId: string) => `/api/academy/authoring/paths/${encodeURIComponent(pathId)}/export`,
  importZip: (owner: Owner, file: File) => unwrap(api.POST("/api/academy/authoring/import", { params: { query: { owner } }, ...zipBody(file) })),
  scormList: () => unwrap(api.GET("/api/academy/scorm")),
  scorm: (packageId: string) => unwrap(api.GET("/api/academy/scorm/{packageId}", { params: { path: { packageId } } })),
  scormUpload: (owner: Owner, file: File) => unwrap(api.POST("/api/academy/scorm", { params: { query: { owner } }, ...zipBody(file) })),
  scormReport: (packageId: string, body: { lessonStatus: LessonStatus; scoreRaw?: number; sessionSeconds?: number }) =>
    unwrap(api.POST("/api/academy/scorm/{packageId}/runtime", { params: { path: { packageId } }, body })),
};
