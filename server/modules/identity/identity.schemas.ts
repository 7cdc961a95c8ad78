import { z } from "zod";
import { roles } from "../../platform/authz/actor.ts";
import { ipaCodePattern, isValidOrganisationFiscalCode, organisationTypes } from "./organisation-codes.ts";

// The API contract of the identity module. Request bodies are strict: unknown fields are refused.

export const RoleSchema = z.enum(roles).meta({ id: "Role" });
export const OrganisationTypeSchema = z.enum(organisationTypes).meta({ id: "OrganisationType" });
export const UuidParam = z.uuid();

const ipaCode = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ipaCodePattern.test(v), "invalid_ipa_code");
const fiscalCode = z
  .string()
  .trim()
  .refine((v) => isValidOrganisationFiscalCode(v), "invalid_fiscal_code");

export const OrganisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: OrganisationTypeSchema,
    ipaCode: z.string().nullable(),
    fiscalCode: z.string().nullable(),
    requireAdminMfa: z.boolean(),
    createdAt: z.iso.datetime(),
    /** the caller's role here, or null when it sees the organisation through a relationship */
    myRole: RoleSchema.nullable(),
    actions: z.array(z.string()),
  })
  .meta({ id: "Organisation" });

export const OrganisationsCreateSchema = z.strictObject({
  name: z.string().trim().min(2).max(200),
  type: OrganisationTypeSchema,
  ipaCode: ipaCode.nullish(),
  fiscalCode: fiscalCode.nullish(),
});
export type OrganisationsCreateReq = z.infer<typeof OrganisationsCreateSchema>;

export const OrganisationsUpdateSchema = z.strictObject({
  name: z.string().trim().min(2).max(200).optional(),
  ipaCode: ipaCode.nullish(),
  fiscalCode: fiscalCode.nullish(),
  requireAdminMfa: z.boolean().optional(),
});
export type OrganisationsUpdateReq = z.infer<typeof OrganisationsUpdateSchema>;

export const MemberSchema = z
  .object({
    userId: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    /** where the member works, e.g. "Ufficio Anagrafe"; null when not set */
    office: z.string().nullable(),
    /** member of the management body (giunta), whose training NIS2 tracks on its own */
    managementBody: z.boolean(),
    mfaEnabled: z.boolean(),
    joinedAt: z.iso.datetime(),
    actions: z.array(z.string()),
  })
  .meta({ id: "Member" });

export const PageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  q: z.string().trim().max(100).optional(),
});

export const MembersPageSchema = z
  .object({ items: z.array(MemberSchema), nextCursor: z.string().nullable() })
  .meta({ id: "MembersPage" });

export const MembersUpdateSchema = z.strictObject({ role: RoleSchema });

/** Where a member works: both fields every time, so the stored values are exactly what was sent. */
export const MemberWorkplaceSchema = z.strictObject({
  /** blank or null clears it */
  office: z.string().trim().max(120).nullable(),
  managementBody: z.boolean(),
});
export type MemberWorkplaceReq = z.infer<typeof MemberWorkplaceSchema>;

export const relationshipKinds = ["provider_of", "coordinator_of"] as const;
export const RelationshipSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(relationshipKinds),
    fromOrg: z.object({ id: z.uuid(), name: z.string(), type: OrganisationTypeSchema }),
    toOrg: z.object({ id: z.uuid(), name: z.string(), type: OrganisationTypeSchema }),
    createdAt: z.iso.datetime(),
    actions: z.array(z.string()),
  })
  .meta({ id: "Relationship" });

export const RelationshipsCreateSchema = z.strictObject({
  /** the other organisation becomes provider or coordinator of this one, which grants it access */
  kind: z.enum(relationshipKinds),
  otherOrgId: z.uuid(),
});

export { OkSchema } from "../../platform/http/ok-reply.ts";
