import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../db/client.ts";
import { appendAudit, type AuditContext } from "../../../platform/audit/audit.ts";
import { HttpError } from "../../../platform/http/errors.ts";
import { memberships, users } from "../identity.tables.ts";
import { normaliseEmail } from "../sign-in.service.ts";
import type { SsoProviderRow } from "./oidc-client.ts";

/** What the identity provider tells us about the person, from the ID token or userinfo. */
export interface SsoIdentity {
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  locale: string | null;
}

type Claims = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);
const isTrue = (value: unknown) => value === true || value === "true";

export function identityFromClaims(claims: Claims): SsoIdentity {
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(" ");
  return {
    email: text(claims.email),
    // Microsoft Entra ID sends no email_verified; its xms_edov ("email domain owner verified")
    // optional claim says the same thing for the tenant's own domains.
    emailVerified: isTrue(claims.email_verified) || isTrue(claims.xms_edov),
    name: text(claims.name) ?? (given || null),
    locale: text(claims.locale),
  };
}

/**
 * The user an SSO sign-in stands for. A provider signs in people of its own organisation only:
 * a verified email in one of its domains, belonging to a member, or (just-in-time, when the
 * organisation allows it) to nobody yet, who then becomes a member with the default role.
 * An existing account that is not a member is refused even with JIT, so a provider cannot take
 * over accounts that other organisations rely on.
 */
export async function userForSsoIdentity(tx: Tx, provider: SsoProviderRow, identity: SsoIdentity, audit: AuditContext) {
  if (!identity.email || !identity.emailVerified) throw new HttpError(403, "sso_email_unverified");
  const email = normaliseEmail(identity.email);
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!provider.emailDomains.includes(domain)) throw new HttpError(403, "sso_domain_not_served");

  const [user] = await tx.select().from(users).where(eq(users.email, email));
  if (user) {
    if (user.disabledAt) throw new HttpError(403, "account_disabled");
    const [member] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, user.id), eq(memberships.orgId, provider.orgId)));
    if (!member) throw new HttpError(403, "sso_not_member");
    return { user, created: false };
  }
  if (!provider.defaultRole) throw new HttpError(403, "sso_not_member");

  const [created] = await tx
    .insert(users)
    .values({
      email,
      name: (identity.name ?? email.slice(0, email.indexOf("@"))).slice(0, 200),
      // no password: this person signs in through the provider (or sets one by password reset)
      passwordHash: null,
      locale: identity.locale?.toLowerCase().startsWith("en") ? "en" : "it",
    })
    .returning();
  await tx.insert(memberships).values({ userId: created!.id, orgId: provider.orgId, role: provider.defaultRole });
  const who = { ...audit, actor: { userId: created!.id, email } };
  await appendAudit(tx, who, {
    orgId: provider.orgId,
    action: "member.join_sso",
    entityType: "user",
    entityId: created!.id,
    after: { email, name: created!.name, role: provider.defaultRole, providerId: provider.id },
  });
  return { user: created!, created: true };
}
