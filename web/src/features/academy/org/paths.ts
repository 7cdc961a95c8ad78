// Addresses of the organisation's training pages (managers): outside /academy, whose second
// segment is a path's id.
export const trainingPaths = {
  assignments: "/formazione/assegnazioni",
  report: "/formazione/report",
} as const;

export const reportExportHref = (orgId: string, year: number, format: "csv" | "xlsx", lang: string) =>
  `/api/orgs/${encodeURIComponent(orgId)}/academy/report.${format}?year=${year}&lang=${lang === "en" ? "en" : "it"}`;
