import type { PathRow } from "../path-content.ts";
import { authoringPolicy, type Author } from "./authoring.policy.ts";
import { publishProblems, type MediaRow } from "./path-drafts.ts";

type SummaryRow = Pick<PathRow, "id" | "slug" | "language" | "version" | "status" | "ownerOrgId" | "visibility" | "title" | "publishedAt" | "updatedAt">;

/** What the author may do with a version, so the web app shows only buttons that work. */
function actionsOn(author: Author, row: SummaryRow) {
  if (!authoringPolicy.can(author.actor, "edit", { ownerOrgId: row.ownerOrgId, platformEditor: author.platformEditor })) return ["export" as const];
  return [
    ...(row.status === "draft" ? (["edit", "publish"] as const) : []),
    ...(row.status === "published" ? (["retire"] as const) : []),
    "newVersion" as const,
    "export" as const,
  ];
}

export const presentSummary = (author: Author, row: SummaryRow) => ({
  id: row.id,
  slug: row.slug,
  language: row.language,
  version: row.version,
  status: row.status,
  ownerOrgId: row.ownerOrgId,
  visibility: row.visibility,
  title: row.title,
  publishedAt: row.publishedAt?.toISOString() ?? null,
  updatedAt: row.updatedAt.toISOString(),
  actions: actionsOn(author, row),
});

export const presentAuthored = (author: Author, row: PathRow, media: MediaRow[]) => ({
  ...presentSummary(author, row),
  level: row.level,
  audiences: row.audiences,
  content: row.content as unknown as Record<string, unknown>,
  media: media.map((m) => ({ name: m.name, mimeType: m.mimeType, sizeBytes: m.sizeBytes })),
  publishProblems: publishProblems(row.content, media).map((p) => ({ field: p.field, name: p.params.name })),
});
