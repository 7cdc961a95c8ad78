import { and, eq, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { academyPaths } from "./academy.tables.ts";
import type { PathPackage } from "./content/path-package.ts";
import { loadPathPackages } from "./content/starter-curriculum.ts";

// The starter curriculum (catalogs/academy) is published when a process starts and by the demo
// seed. Idempotent: a version is inserted only when its (path, language, version) is absent, so a
// second start, or several nodes starting together, add nothing (the unique key settles races).
// Rows it writes have no author (createdBy null): that is how a backup restore tells them apart.
// No audit entry: like the framework catalogs, this is shipped reference data loaded by the server,
// reproducible from the files; a person publishing a path (authoring) is audited.

let packages: Promise<PathPackage[]> | null = null;
const starterPackages = () => (packages ??= loadPathPackages());

/** Publishes the versions of the starter curriculum not yet in the database; returns how many. */
export async function publishStarterCurriculum(db: Db, list?: PathPackage[]): Promise<number> {
  const paths = list ?? (await starterPackages());
  if (!paths.length) return 0;
  const key = (p: { slug: string; language: string; version: string }) => `${p.slug}\n${p.language}\n${p.version}`;
  const wanted: SQL[] = paths.map((p) => and(eq(academyPaths.slug, p.id), eq(academyPaths.language, p.language), eq(academyPaths.version, p.version))!);
  const present = new Set(
    (await db.select({ slug: academyPaths.slug, language: academyPaths.language, version: academyPaths.version }).from(academyPaths).where(or(...wanted))).map(key),
  );
  const missing = paths.filter((p) => !present.has(key({ slug: p.id, language: p.language, version: p.version })));
  if (!missing.length) return 0;
  const now = new Date();
  const inserted = await db
    .insert(academyPaths)
    .values(
      missing.map((p) => ({
        slug: p.id,
        language: p.language,
        version: p.version,
        status: "published" as const,
        ownerOrgId: null,
        visibility: "public" as const,
        title: p.title,
        summary: p.summary,
        level: p.level,
        audiences: [...p.audiences],
        content: p,
        publishedAt: now,
        createdBy: null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: academyPaths.id });
  return inserted.length;
}
