import { api, ApiError, unwrap } from "../../api/client.ts";
import type { Schemas, SessionInfo } from "../../api/types.ts";

// The hub's calls and the records' short names.

export type IntelItem = Schemas["IntelItem"];
export type Community = Schemas["IntelCommunity"];
export type Comment = Schemas["IntelComment"];
export type Sightings = Schemas["IntelSightings"];
export type Finding = Schemas["IntelScanResult"]["findings"][number];
export type Tlp = IntelItem["tlp"];
export type ItemKind = IntelItem["kind"];
export type Severity = NonNullable<IntelItem["advisory"]>["severity"];
export type IndicatorType = NonNullable<IntelItem["indicator"]>["type"];

export const tlpLevels: Tlp[] = ["clear", "green", "amber", "amber+strict", "red"];
export const itemKinds: ItemKind[] = ["advisory", "indicator", "experience_report"];
export const severities: Severity[] = ["low", "medium", "high", "critical"];
export const indicatorTypes: IndicatorType[] = ["ipv4", "ipv6", "cidr", "domain", "url", "email", "md5", "sha1", "sha256"];

/** The sharing of a new item, as the publishing forms collect it. */
export interface SharingChoice {
  tlp: Tlp;
  communityIds: string[];
  recipientOrgIds: string[];
  recipientUserIds: string[];
  providersAllowed: boolean;
}

/** Sends an anonymous item's edit key (from the private link) with every call that needs it. */
export const editKeyHeaders = (editKey: string | null) => (editKey ? { "x-intel-edit-key": editKey } : {});

export const loadCommunities = async () => (await unwrap(api.GET("/api/intel/communities"))).items;

export interface Person {
  id: string;
  name: string;
}
export interface Organisation {
  id: string;
  name: string;
}

/**
 * Who an item can be addressed to: the caller's organisations, the related ones and the members of
 * its communities (AMBER), the people of its own organisation and the communities' moderators (RED).
 * The API has no platform-wide directory, so these are the people and organisations the caller knows.
 */
export async function loadRecipients(session: SessionInfo, communities: Community[]): Promise<{ organisations: Organisation[]; people: Person[] }> {
  const orgs = new Map<string, string>();
  for (const o of session.organisations) orgs.set(o.id, o.name);
  for (const o of session.relatedOrganisations) orgs.set(o.id, o.name);
  for (const c of communities) for (const m of c.members) orgs.set(m.orgId, m.name);
  const people = new Map<string, string>();
  for (const c of communities) for (const m of c.moderators) people.set(m.userId, m.name);
  if (session.currentOrgId) {
    try {
      const members = await unwrap(api.GET("/api/orgs/{orgId}/members", { params: { path: { orgId: session.currentOrgId }, query: { limit: 200 } } }));
      for (const m of members.items) people.set(m.userId, m.name);
    } catch (error) {
      // roles that may not list members still name the community moderators and themselves
      if (!(error instanceof ApiError && (error.status === 403 || error.status === 404))) throw error;
    }
  }
  people.set(session.user.id, session.user.name);
  const sorted = (m: Map<string, string>) => [...m].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "it"));
  return { organisations: sorted(orgs), people: sorted(people) };
}

/** A guess of an indicator's type from its text, for the bulk paste (the server still validates). */
export function guessIndicatorType(value: string): IndicatorType {
  const v = value.trim();
  if (/^[0-9a-f]{64}$/i.test(v)) return "sha256";
  if (/^[0-9a-f]{40}$/i.test(v)) return "sha1";
  if (/^[0-9a-f]{32}$/i.test(v)) return "md5";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return "url";
  if (v.includes("@")) return "email";
  if (v.includes("/")) return "cidr";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v)) return "ipv4";
  if (v.includes(":")) return "ipv6";
  return "domain";
}

/** The private link that lets an anonymous item's author edit or withdraw it: the key travels in the fragment, never to server logs. */
export const editLinkOf = (itemId: string, editKey: string) => `${window.location.origin}/condivisione/${itemId}#chiave=${encodeURIComponent(editKey)}`;

export const editKeyFromHash = (hash: string) => new URLSearchParams(hash.replace(/^#/, "")).get("chiave");
