import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { invalidField, notFound } from "../../platform/http/errors.ts";
import { storedFiles } from "../../platform/storage/storage.tables.ts";
import { actionEvidence, improvementActions } from "./risks.tables.ts";
import { actionPolicy } from "./actions.policy.ts";
import type { ActionEvidenceInput } from "./actions.schemas.ts";
import { loadAction } from "./action-records.ts";

// Evidence that an action was completed: a link, or a file already uploaded to the entity
// through the files module. Whoever may update the action (the provider too, for its own) adds
// and removes it; every change is audited.

export async function addActionEvidence(db: Db, actor: Actor, orgId: string, actionId: string, input: ActionEvidenceInput, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const action = actionPolicy.authorize(actor, "addEvidence", await loadAction(tx, orgId, actionId, true));
    if ((input.url === undefined) === (input.fileId === undefined)) throw invalidField("body.url", "evidence_link_or_file");
    if (input.fileId) {
      // a file of the entity or of the provider doing the work; another tenant's id is as unknown as a made-up one
      const [file] = await tx.select({ orgId: storedFiles.orgId }).from(storedFiles).where(eq(storedFiles.id, input.fileId));
      if (!file || (file.orgId !== orgId && file.orgId !== action.ownerOrgId)) throw invalidField("body.fileId", "evidence_file_unknown");
    }
    const [row] = await tx
      .insert(actionEvidence)
      .values({ actionId, title: input.title, url: input.url ?? null, fileId: input.fileId ?? null, addedBy: actor.userId })
      .returning();
    await tx.update(improvementActions).set({ updatedAt: new Date() }).where(eq(improvementActions.id, actionId));
    await appendAudit(tx, audit, { orgId, action: "roadmap.evidence_add", entityType: "improvement_action", entityId: actionId, after: row });
    return row!;
  });
}

export async function removeActionEvidence(db: Db, actor: Actor, orgId: string, actionId: string, evidenceId: string, audit: AuditContext) {
  await db.transaction(async (tx) => {
    actionPolicy.authorize(actor, "addEvidence", await loadAction(tx, orgId, actionId, true));
    const [row] = await tx.select().from(actionEvidence).where(and(eq(actionEvidence.id, evidenceId), eq(actionEvidence.actionId, actionId)));
    if (!row) throw notFound();
    await tx.delete(actionEvidence).where(eq(actionEvidence.id, row.id));
    await tx.update(improvementActions).set({ updatedAt: new Date() }).where(eq(improvementActions.id, actionId));
    await appendAudit(tx, audit, { orgId, action: "roadmap.evidence_remove", entityType: "improvement_action", entityId: actionId, before: row });
  });
}
