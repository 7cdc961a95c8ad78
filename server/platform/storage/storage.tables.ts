import { bigint, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "../../db/columns.ts";

export const storedFiles = pgTable(
  "stored_files",
  {
    id: id(),
    orgId: uuid().notNull(),
    uploadedBy: uuid(),
    originalName: text().notNull(),
    // type found by sniffing the content, never taken from the name or the client
    mimeType: text().notNull(),
    sizeBytes: bigint({ mode: "number" }).notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("stored_files_org").on(t.orgId)],
);
