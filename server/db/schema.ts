// Every table of every module, for Drizzle and drizzle-kit.
export * from "../platform/auth/auth.tables.ts";
export * from "../platform/audit/audit.tables.ts";
export * from "../platform/jobs/jobs.tables.ts";
export * from "../platform/mail/mail.tables.ts";
export * from "../platform/storage/storage.tables.ts";
export * from "../modules/identity/identity.tables.ts";
export * from "../modules/assessments/assessments.tables.ts";
export * from "../modules/assessments/organisation-frameworks.tables.ts";
export * from "../modules/risks/risks.tables.ts";
export * from "../modules/risks/roadmap.tables.ts";
export * from "../modules/intel/intel.tables.ts";
export * from "../modules/intel/intel-alerts.tables.ts";
export * from "../modules/intel/stix-exchange/exchange.tables.ts";
export * from "../modules/academy/academy.tables.ts";
export * from "../modules/academy/academy-assignments.tables.ts";
export * from "../modules/academy/authoring/authoring.tables.ts";
