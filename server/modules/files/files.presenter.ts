import type { Actor } from "../../platform/authz/actor.ts";
import { filePolicy } from "./files.policy.ts";
import type { StoredFileRow } from "./files.service.ts";

// The storage key stays on the server: clients name a file by its id.
export function presentFile(actor: Actor, row: StoredFileRow) {
  return {
    id: row.id,
    name: row.originalName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
    actions: filePolicy.allowedActions(actor, row),
  };
}
