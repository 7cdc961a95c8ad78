import { pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampTz } from "../../db/columns.ts";
import { organisations, users } from "../identity/identity.tables.ts";

// A calendar app subscribes to the roadmap's due dates by URL and cannot send cookies, so the URL
// carries a secret. One feed per person and organisation; only the secret's SHA-256 is kept, so a
// database leak gives no usable feed. Making a new one replaces the old (the old URL stops working).
export const roadmapCalendarFeeds = pgTable(
  "roadmap_calendar_feeds",
  {
    id: id(),
    /** whose roadmap */
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** the organisation the person acted for when making it (the entity itself or its provider); the feed shows what they may see there */
    actingOrgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestampTz(),
  },
  (t) => [uniqueIndex("roadmap_calendar_feeds_token_idx").on(t.tokenHash), uniqueIndex("roadmap_calendar_feeds_user_idx").on(t.orgId, t.userId)],
);
