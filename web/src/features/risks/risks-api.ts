import { api, ApiError, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import type { SessionInfo } from "../../api/types.ts";

// The calls the register and roadmap pages share, and the records' short names.

export type Risk = Schemas["Risk"];
export type RiskMatrix = Schemas["RiskMatrix"];
export type Threat = Schemas["ThreatList"]["items"][number];
export type Action = Schemas["Action"];
export type Member = Schemas["Member"];

/** A gap that may be linked: a requirement of one of the entity's assessments below its target. */
export interface GapOption {
  assessmentId: string;
  assessmentTitle: string;
  requirementId: string;
  functionId: string;
}

export const loadMatrix = (orgId: string) => unwrap(api.GET("/api/orgs/{orgId}/risk-matrix", { params: { path: { orgId } } }));

export const loadThreats = async () => (await unwrap(api.GET("/api/threats"))).items;

/** The organisation's members, for owner and approver choices; empty for roles that may not list them. */
export async function loadMembers(orgId: string): Promise<Member[]> {
  try {
    return (await unwrap(api.GET("/api/orgs/{orgId}/members", { params: { path: { orgId }, query: { limit: 200 } } }))).items;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return [];
    throw error;
  }
}

// the newest few assessments carry the gaps worth linking; older cycles are history
const GAP_ASSESSMENTS = 5;

/** The gaps of the organisation's newest assessments; empty when the caller may not read them. */
export async function loadGaps(orgId: string): Promise<GapOption[]> {
  try {
    const list = (await unwrap(api.GET("/api/orgs/{orgId}/assessments", { params: { path: { orgId } } }))).items.slice(0, GAP_ASSESSMENTS);
    const all = await Promise.all(
      list.map(async (a) => {
        const results = await unwrap(api.GET("/api/orgs/{orgId}/assessments/{assessmentId}/results", { params: { path: { orgId, assessmentId: a.id } } }));
        return results.gaps.map((g) => ({ assessmentId: a.id, assessmentTitle: a.title, requirementId: g.requirementId, functionId: g.functionId }));
      }),
    );
    return all.flat();
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return [];
    throw error;
  }
}

const PAGE = 200;
// the roadmap views draw every action at once; beyond this the table and filters are the way
const MAX_ACTIONS = 2000;

/** Every action of the plan (a provider gets only its own), page after page. */
export async function loadAllActions(orgId: string, query: { riskId?: string } = {}): Promise<Action[]> {
  const out: Action[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(api.GET("/api/orgs/{orgId}/actions", { params: { path: { orgId }, query: { limit: PAGE, ...query, ...(cursor ? { cursor } : {}) } } }));
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < MAX_ACTIONS);
  return out;
}

/** Risks for pickers: the first pages of the register, by number. */
export async function loadRiskChoices(orgId: string): Promise<Risk[]> {
  try {
    return (await unwrap(api.GET("/api/orgs/{orgId}/risks", { params: { path: { orgId }, query: { limit: PAGE } } }))).items;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return [];
    throw error;
  }
}

/**
 * Whose plan the roadmap shows. An entity's member sees its own; a provider's member works on
 * the plans of the entities it serves (chosen by `?ente=`, the first by default).
 */
export function planOrgOf(session: SessionInfo, chosen: string | null): { orgId: string | null; clients: { id: string; name: string }[] } {
  const current = session.organisations.find((o) => o.id === session.currentOrgId);
  const clients = session.relatedOrganisations.filter((r) => r.relation === "provider_of").map((r) => ({ id: r.id, name: r.name }));
  if (current?.type === "it_provider" && clients.length > 0) {
    return { orgId: clients.find((c) => c.id === chosen)?.id ?? clients[0]!.id, clients };
  }
  return { orgId: session.currentOrgId, clients: [] };
}
