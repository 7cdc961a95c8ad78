import { timestamp, uuid } from "drizzle-orm/pg-core";

// Shared column helpers so every table spells ids and timestamps the same way.
export const id = () => uuid().primaryKey().defaultRandom();
export const createdAt = () => timestamp({ precision: 3, withTimezone: true, mode: "date" }).notNull().defaultNow();
export const timestampTz = () => timestamp({ precision: 3, withTimezone: true, mode: "date" });
