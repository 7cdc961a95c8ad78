import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampTz } from "../../db/columns.ts";

// Every message: queued, sent, failed (retries used up) or kept. Without SMTP configured, mail stays here with status "kept"
// and admins read it in the web app.
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: id(),
    orgId: uuid(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text(),
    template: text().notNull(),
    status: text().notNull().default("queued"),
    error: text(),
    sentAt: timestampTz(),
    createdAt: createdAt(),
  },
  (t) => [index("mail_messages_org").on(t.orgId, t.createdAt)],
);
