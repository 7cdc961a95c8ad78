import { and, count, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../platform/context.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { conflict, HttpError, invalidField, notFound } from "../../platform/http/errors.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { users } from "../identity/identity.tables.ts";
import { assessments } from "./assessments.tables.ts";
import { catalogRegistryFor, catalogRegistryOf, resolveOrganisationCatalogs } from "./catalog-registry.ts";
import { type Catalog, validateCatalog } from "./catalogs/catalog-format.ts";
import { type CatalogIssue, catalogMessages } from "./catalogs/catalog-issues.ts";
import { buildRegistry, checkMappings } from "./catalogs/catalog-loader.ts";
import { countByKind } from "./catalogs/catalog-tree.ts";
import { type FrameworkFile, importFrameworkFiles, type SourceFormat } from "./catalogs/framework-file.ts";
import { unknownRequirements, withOfficialWording } from "./catalogs/official-wording.ts";
import { fillTemplate } from "../../platform/i18n/template.ts";
import { summarizeFramework } from "./frameworks.presenter.ts";
import { organisationFrameworksPolicy } from "./organisation-frameworks.policy.ts";
import { organisationFrameworks } from "./organisation-frameworks.tables.ts";

/** A framework of the organisation's own never takes a shipped id: its id always starts so. */
export const CUSTOM_PREFIX = "custom-";

type UploadRow = typeof organisationFrameworks.$inferSelect & { uploadedByName: string | null };

/** Importer problems as API field problems, worded in the caller's language (sheet, row, column). */
function refuse(issues: CatalogIssue[], locale: Locale): HttpError {
  return new HttpError(
    422,
    "validation_failed",
    issues.map((issue) => ({
      field: issue.field === "frameworkId" ? "body.frameworkId" : issue.field,
      reason: "catalog_issue" as const,
      params: { detail: fillTemplate(catalogMessages[issue.reason][locale], issue.params ?? {}) },
    })),
  );
}

async function uploadsOf(ctx: AppContext, orgId: string): Promise<UploadRow[]> {
  return ctx.db
    .select({ row: organisationFrameworks, uploadedByName: users.name })
    .from(organisationFrameworks)
    .leftJoin(users, eq(users.id, organisationFrameworks.uploadedBy))
    .where(eq(organisationFrameworks.orgId, orgId))
    .orderBy(organisationFrameworks.frameworkId)
    .then((rows) => rows.map(({ row, uploadedByName }) => ({ ...row, uploadedByName })));
}

function present(actor: Actor, orgId: string, catalog: Catalog, origin: "shipped" | "official_wording" | "custom", upload: UploadRow | undefined) {
  const manage = organisationFrameworksPolicy.can(actor, "manage", { orgId });
  return {
    ...summarizeFramework(catalog),
    origin,
    upload: upload
      ? {
          format: upload.sourceFormat as SourceFormat,
          fileName: upload.fileName,
          version: upload.version,
          uploadedAt: upload.createdAt.toISOString(),
          uploadedByName: upload.uploadedByName,
        }
      : null,
    actions: upload && manage ? ["delete" as const] : [],
  };
}

/** Every framework the organisation can be assessed against, marked by where its words come from. */
export async function listOrganisationFrameworks(ctx: AppContext, actor: Actor, orgId: string) {
  organisationFrameworksPolicy.authorize(actor, "read", { orgId });
  const uploads = await uploadsOf(ctx, orgId);
  const byId = new Map(uploads.map((u) => [u.frameworkId, u]));
  const resolved = resolveOrganisationCatalogs(await catalogRegistryOf(ctx), uploads);
  return {
    items: resolved.map(({ catalog, origin }) => present(actor, orgId, catalog, origin, byId.get(catalog.id))),
    actions: organisationFrameworksPolicy.can(actor, "manage", { orgId }) ? ["upload" as const] : [],
  };
}

/** One framework with its tree, as the organisation sees it; 404 when it has no such framework. */
export async function organisationFramework(ctx: AppContext, actor: Actor, orgId: string, frameworkId: string): Promise<Catalog> {
  organisationFrameworksPolicy.authorize(actor, "read", { orgId });
  const catalog = (await catalogRegistryFor(ctx, orgId)).get(frameworkId);
  if (!catalog) throw notFound();
  return catalog;
}

/**
 * Loads a framework from files (docs/CATALOG-FORMAT.md, "Organisation frameworks"): a file with a
 * shipped id gives that framework's official wording (every id must be a shipped one); any other
 * id is a framework of the organisation's own, stored as "custom-<id>". The whole file is checked
 * first; any problem refuses it and nothing is stored.
 */
export async function uploadOrganisationFramework(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  input: { files: FrameworkFile[]; frameworkId: string | undefined },
  audit: AuditContext,
  locale: Locale,
) {
  organisationFrameworksPolicy.authorize(actor, "manage", { orgId });
  const shipped = await catalogRegistryOf(ctx);
  const current = await catalogRegistryFor(ctx, orgId);
  let csvMeta: Omit<Catalog, "requirements"> | undefined;
  if (input.frameworkId) {
    const named = current.get(input.frameworkId);
    if (!named) throw invalidField("body.frameworkId", "framework_unknown", { framework: input.frameworkId });
    const { requirements: _tree, ...meta } = named;
    csvMeta = meta;
  }
  const imported = await importFrameworkFiles(input.files, csvMeta);
  if (!imported.ok) throw refuse(imported.issues, locale);
  let catalog = imported.value.catalog;
  const base = shipped.get(catalog.id);
  let replacedRequirements: number | null = null;
  if (base) {
    const unknown = unknownRequirements(base, catalog);
    if (unknown.length) throw refuse(unknown, locale);
    replacedRequirements = withOfficialWording(base, catalog).replaced;
  } else {
    const id = catalog.id.startsWith(CUSTOM_PREFIX) ? catalog.id : `${CUSTOM_PREFIX}${catalog.id}`;
    const renamed = validateCatalog({ ...catalog, id });
    if (!renamed.ok) throw refuse(renamed.issues.map((issue) => (issue.field === "id" ? { ...issue, field: "framework!id" } : issue)), locale);
    catalog = renamed.value;
    // its mappings may point at the shipped frameworks, its own others, or itself
    const others = current.catalogs.filter((c) => c.id !== catalog.id);
    const unresolved = checkMappings(buildRegistry([...others, catalog]), catalog);
    if (unresolved.length) throw refuse(unresolved, locale);
  }
  const kind = base ? "official_wording" : "custom";
  const values = {
    orgId,
    frameworkId: catalog.id,
    kind,
    version: catalog.version,
    catalog,
    sourceFormat: imported.value.format,
    fileName: input.files.map((f) => f.fileName).join(", ").slice(0, 500),
    uploadedBy: actor.userId,
  };
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(organisationFrameworks)
      .where(and(eq(organisationFrameworks.orgId, orgId), eq(organisationFrameworks.frameworkId, catalog.id)))
      .for("update");
    // a new row id on every upload: it names this version in the registry cache
    const [row] = await tx
      .insert(organisationFrameworks)
      .values(values)
      .onConflictDoUpdate({
        target: [organisationFrameworks.orgId, organisationFrameworks.frameworkId],
        set: { ...values, id: sql`gen_random_uuid()`, createdAt: sql`now()` },
      })
      .returning();
    const summary = (r: typeof row) =>
      r && { frameworkId: r.frameworkId, kind: r.kind, version: r.version, sourceFormat: r.sourceFormat, fileName: r.fileName, requirements: countByKind(r.catalog) };
    await appendAudit(tx, audit, {
      orgId,
      action: before ? "framework.replace" : "framework.upload",
      entityType: "organisation_framework",
      entityId: row!.id,
      before: summary(before),
      after: { ...summary(row), replacedRequirements },
    });
  });
  const listed = await listOrganisationFrameworks(ctx, actor, orgId);
  return { framework: listed.items.find((item) => item.id === catalog.id)!, replacedRequirements };
}

/** Removes an uploaded framework: a shipped one goes back to our wording; an own one must be unused. */
export async function deleteOrganisationFramework(ctx: AppContext, actor: Actor, orgId: string, frameworkId: string, audit: AuditContext) {
  organisationFrameworksPolicy.authorize(actor, "read", { orgId });
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(organisationFrameworks)
      .where(and(eq(organisationFrameworks.orgId, orgId), eq(organisationFrameworks.frameworkId, frameworkId)))
      .for("update");
    if (!row) throw notFound();
    organisationFrameworksPolicy.authorize(actor, "manage", { orgId });
    if (row.kind === "custom") {
      const [used] = await tx
        .select({ n: count() })
        .from(assessments)
        .where(and(eq(assessments.orgId, orgId), eq(assessments.frameworkId, frameworkId)));
      if (used!.n > 0) throw conflict("frameworkId", "framework_in_use");
    }
    await tx.delete(organisationFrameworks).where(eq(organisationFrameworks.id, row.id));
    await appendAudit(tx, audit, {
      orgId,
      action: "framework.delete",
      entityType: "organisation_framework",
      entityId: row.id,
      before: { frameworkId: row.frameworkId, kind: row.kind, version: row.version, sourceFormat: row.sourceFormat, fileName: row.fileName },
    });
  });
}
