import type { components } from "./schema";

// Short names for the generated schema types the pages use.
export type Schemas = components["schemas"];
export type SessionInfo = Schemas["SessionInfo"];
export type Role = Schemas["Role"];
