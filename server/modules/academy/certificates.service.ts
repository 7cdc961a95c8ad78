import { randomInt } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { forbidden, HttpError, notFound } from "../../platform/http/errors.ts";
import { tokenAllows } from "../../platform/authz/policy.ts";
import { academyCertificates } from "./academy.tables.ts";
import type { LoadedPath } from "./path-content.ts";

// A certificate for a completed path, with a code printed on it that anyone can check at
// GET /api/academy/certificates/:code. Codes have 60 random bits in letters and digits a person
// cannot mistake for one another when typing them from paper (no 0/O, 1/I/L).

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function newCertificateCode(): string {
  const groups = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""));
  return groups.join("-");
}

/** What a person may type: any case, with or without dashes or spaces. */
export function normaliseCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  if (compact.length !== 12 || [...compact].some((c) => !ALPHABET.includes(c))) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`;
}

/** Issues the certificate of a completed path once per learner and path; returns its code. */
export async function issueCertificate(tx: Tx, actor: Actor, path: LoadedPath, audit: AuditContext, at: Date): Promise<string> {
  const [row] = await tx
    .insert(academyCertificates)
    .values({
      code: newCertificateCode(),
      userId: actor.userId,
      orgId: actor.role !== null ? actor.orgId : null,
      pathId: path.row.id,
      pathSlug: path.row.slug,
      learnerName: actor.name,
      pathTitle: path.content.title,
      minutes: path.minutes,
      issuedAt: at,
    })
    .onConflictDoNothing({ target: [academyCertificates.userId, academyCertificates.pathSlug] })
    .returning();
  if (!row) {
    const [existing] = await tx
      .select({ code: academyCertificates.code })
      .from(academyCertificates)
      .where(and(eq(academyCertificates.userId, actor.userId), eq(academyCertificates.pathSlug, path.row.slug)));
    return existing!.code;
  }
  await appendAudit(tx, audit, {
    orgId: row.orgId,
    action: "academy.certificate.issue",
    entityType: "academy_certificate",
    entityId: row.id,
    after: { code: row.code, pathSlug: row.pathSlug, pathVersion: path.row.version, learnerName: row.learnerName },
  });
  return row.code;
}

export type CertificateRow = typeof academyCertificates.$inferSelect;

export function presentCertificate(row: CertificateRow) {
  return {
    id: row.id,
    code: row.code,
    learnerName: row.learnerName,
    pathSlug: row.pathSlug,
    pathTitle: row.pathTitle,
    minutes: row.minutes,
    issuedAt: row.issuedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Public verification: what the certificate says and whether it still stands. */
export async function verifyCertificate(db: DbOrTx, input: string) {
  const code = normaliseCode(input);
  const [row] = code ? await db.select().from(academyCertificates).where(eq(academyCertificates.code, code)) : [];
  if (!row) throw new HttpError(404, "certificate_unknown");
  return {
    code: row.code,
    learnerName: row.learnerName,
    pathTitle: row.pathTitle,
    pathSlug: row.pathSlug,
    issuedAt: row.issuedAt.toISOString(),
    valid: row.revokedAt === null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function myCertificates(db: DbOrTx, actor: Actor) {
  if (!tokenAllows(actor, "academy", false)) throw forbidden();
  const rows = await db.select().from(academyCertificates).where(eq(academyCertificates.userId, actor.userId)).orderBy(desc(academyCertificates.issuedAt));
  return rows.map(presentCertificate);
}

/** The learner's own certificate; someone else's is as good as absent. */
export async function ownCertificate(db: DbOrTx, actor: Actor, certificateId: string) {
  if (!tokenAllows(actor, "academy", false)) throw forbidden();
  const [row] = await db
    .select()
    .from(academyCertificates)
    .where(and(eq(academyCertificates.id, certificateId), eq(academyCertificates.userId, actor.userId)));
  if (!row) throw notFound();
  return row;
}
