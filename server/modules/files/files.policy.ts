import type { Actor } from "../../platform/authz/actor.ts";
import { definePolicy, hasRole } from "../../platform/authz/policy.ts";

// Who may upload, read and delete an organisation's files. Files belong to one organisation and
// these routes serve its members only. A user of its IT provider reaches a file only as evidence of
// an assessment requirement assigned to them (assessments/evidence-files.*), uploading it there
// into the organisation's files, which the organisation keeps.

const isCurrentOrg = (actor: Actor, orgId: string) => actor.orgId === orgId && actor.role !== null;

export interface FileShelfRecord {
  orgId: string;
}

/** The organisation's files as a whole: listing and uploading. */
export const fileShelfPolicy = definePolicy({
  scope: "files",
  tenant: (actor, shelf: FileShelfRecord) => isCurrentOrg(actor, shelf.orgId),
  readActions: ["list"],
  rules: {
    list: () => true,
    // auditors and viewers only read
    upload: (actor) => hasRole(actor, "admin", "security_manager", "it_operator", "employee"),
  },
});

export interface FileRecord {
  orgId: string;
  uploadedBy: string | null;
}

export const filePolicy = definePolicy({
  scope: "files",
  tenant: (actor, file: FileRecord) => isCurrentOrg(actor, file.orgId),
  readActions: ["download"],
  rules: {
    download: () => true,
    delete: (actor, file) =>
      hasRole(actor, "admin", "security_manager") ||
      (file.uploadedBy === actor.userId && hasRole(actor, "it_operator", "employee")),
  },
});
