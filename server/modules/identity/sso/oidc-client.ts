import * as client from "openid-client";
import { unseal } from "../../../platform/auth/tokens.ts";
import type { oidcProviders } from "../../../platform/auth/auth.tables.ts";

export type SsoProviderRow = typeof oidcProviders.$inferSelect;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Whether an issuer URL may be used: https only, except a provider on this machine outside
 * production (tests and local trials). OpenID issuers carry no query, fragment or credentials.
 */
export function issuerAllowed(issuer: string, production: boolean): boolean {
  if (!URL.canParse(issuer)) return false;
  const url = new URL(issuer);
  if (url.search || url.hash || url.username || url.password) return false;
  if (url.protocol === "https:") return true;
  return !production && url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname);
}

/** The address the identity provider sends people back to; admins register it there. */
export const ssoRedirectUri = (publicUrl: string) => new URL("/api/auth/sso/callback", publicUrl).toString();

// Discovery documents are fetched once per provider version and kept for a while, so a
// sign-in costs the token exchange and not a metadata round trip. The key includes updatedAt:
// changing a provider's settings starts afresh.
const CACHE_MS = 10 * 60_000;
const CACHE_MAX = 200;
const cache = new Map<string, { config: client.Configuration; at: number }>();

export interface OidcSettings {
  secretKey: string;
  production: boolean;
}

export async function clientConfiguration(provider: SsoProviderRow, settings: OidcSettings): Promise<client.Configuration> {
  const key = `${provider.id}:${provider.updatedAt.getTime()}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.config;
  if (!issuerAllowed(provider.issuer, settings.production)) throw new Error("issuer not allowed");
  const secret = provider.clientSecretEncrypted ? unseal(provider.clientSecretEncrypted, settings.secretKey) : null;
  const insecure = new URL(provider.issuer).protocol === "http:";
  const config = await client.discovery(
    new URL(provider.issuer),
    provider.clientId,
    undefined,
    // without a secret the client is public and PKCE alone protects the code
    secret ? client.ClientSecretBasic(secret) : client.None(),
    insecure ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, { config, at: Date.now() });
  return config;
}
