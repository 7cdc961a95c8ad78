import { z } from "zod";
import { RoleSchema } from "../identity.schemas.ts";

// The API contract of single sign-on: an organisation's OpenID Connect providers and the sign-in flow.

// a hostname of at least two labels, lower case: "comune.esempio.it"
const domainPattern = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const emailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => domainPattern.test(v), "invalid_email_domain");
// https is required (checked with the configuration, which knows whether this is production)
const issuer = z.url().max(500);

export const SsoProviderSchema = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    name: z.string(),
    issuer: z.string(),
    clientId: z.string(),
    /** the secret itself is never returned */
    hasClientSecret: z.boolean(),
    emailDomains: z.array(z.string()),
    /** role of a person signing in for the first time; null: only existing members may sign in */
    defaultRole: RoleSchema.nullable(),
    enabled: z.boolean(),
    /** the address to register at the identity provider */
    redirectUri: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    actions: z.array(z.string()),
  })
  .meta({ id: "SsoProvider" });

export const SsoProvidersCreateSchema = z.strictObject({
  name: z.string().trim().min(2).max(200),
  issuer,
  clientId: z.string().trim().min(1).max(300),
  clientSecret: z.string().min(1).max(1_000).nullish(),
  emailDomains: z.array(emailDomain).min(1).max(20),
  defaultRole: RoleSchema.nullish(),
  enabled: z.boolean().optional(),
});
export type SsoProvidersCreateReq = z.infer<typeof SsoProvidersCreateSchema>;

export const SsoProvidersUpdateSchema = z.strictObject({
  name: z.string().trim().min(2).max(200).optional(),
  issuer: issuer.optional(),
  clientId: z.string().trim().min(1).max(300).optional(),
  /** a new secret replaces the stored one; null removes it (public client with PKCE only) */
  clientSecret: z.string().min(1).max(1_000).nullish(),
  emailDomains: z.array(emailDomain).min(1).max(20).optional(),
  defaultRole: RoleSchema.nullish(),
  enabled: z.boolean().optional(),
});
export type SsoProvidersUpdateReq = z.infer<typeof SsoProvidersUpdateSchema>;

export const SsoDiscoverQuerySchema = z.strictObject({ email: z.email().max(320) });
export const SsoDiscoverReplySchema = z
  .object({ providers: z.array(z.object({ id: z.uuid(), name: z.string() })) })
  .meta({ id: "SsoDiscovery" });

export const SsoStartQuerySchema = z.strictObject({ returnTo: z.string().max(500).optional() });

// Authorization response: a code and state, or an error (RFC 6749 §4.1.2); iss per RFC 9207.
// Not strict: identity providers add parameters of their own, which are ignored.
export const SsoCallbackQuerySchema = z.object({
  state: z.string().min(1).max(200),
  code: z.string().min(1).max(2_000).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1_000).optional(),
  error_uri: z.string().max(1_000).optional(),
  session_state: z.string().max(500).optional(),
});
