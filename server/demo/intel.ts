import { randomBytes } from "node:crypto";
import type { Tx } from "../db/client.ts";
import type { AuditContext } from "../platform/audit/audit.ts";
import type { Actor, Role } from "../platform/authz/actor.ts";
import { createCommunity } from "../modules/intel/communities.service.ts";
import { createIndicators } from "../modules/intel/indicators.service.ts";
import type { SharingInput } from "../modules/intel/intel.schemas.ts";
import type { Caller } from "../modules/intel/items.service.ts";
import { createAdvisory, createReport } from "../modules/intel/publish.service.ts";
import { addComment, addSighting } from "../modules/intel/social.service.ts";
import { viewerOf } from "../modules/intel/viewer.ts";
import { comuneVpnAdvisory, comuneVpnIndicators, fortiOsAdvisory, fortiOsComment, fortiOsScanIndicators, pagoPaPhishing, pagoPaPhishingIndicators, ransomwareReport } from "./intel-content.ts";

// The demo threat-intelligence hub: Regione Demo's coordinator runs the community "Cyber Secure
// City Demo" (comune, SIA Demo, regione) where a CLEAR phishing advisory, a GREEN advisory on an
// exploited VPN flaw, an AMBER advisory for the comune alone and an anonymous GREEN experience
// report are shared, with their indicators, a sighting and a comment. Written through the intel
// services (as the API would), so normalisation, STIX ids, search text and anonymity are exactly
// those of production; each service call runs in a savepoint of the seed's transaction.

interface DemoPerson {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

export interface DemoIntelIds {
  comuneId: string;
  siaId: string;
  regioneId: string;
  /** the comune's security manager, SIA Demo's technician, the regione's coordinator */
  manager: DemoPerson;
  technician: DemoPerson;
  coordinator: DemoPerson;
}

const audit: AuditContext = { actor: null, actorLabel: "demo" };

const actorOf = (person: DemoPerson, orgId: string, relations: Pick<Actor, "providerOf" | "coordinatorOf">): Actor => ({
  userId: person.userId,
  email: person.email,
  name: person.name,
  locale: "it",
  orgId,
  role: person.role,
  ...relations,
  via: "session",
  mfaEnrolled: false,
});

/**
 * `secretKey` is the server's: the anonymous report's author tag is derived from it, so SIA Demo
 * recognises the report as its own. Without it (a seed outside a server) the report stays
 * anonymous to everyone, its author included.
 */
export async function seedDemoIntel(tx: Tx, ids: DemoIntelIds, secretKey = randomBytes(32).toString("hex")) {
  const regioneActor = actorOf(ids.coordinator, ids.regioneId, { providerOf: [], coordinatorOf: [ids.comuneId] });
  const siaActor = actorOf(ids.technician, ids.siaId, { providerOf: [ids.comuneId], coordinatorOf: [] });
  const comuneActor = actorOf(ids.manager, ids.comuneId, { providerOf: [], coordinatorOf: [] });

  const communityId = await createCommunity(
    tx,
    regioneActor,
    {
      name: "Cyber Secure City Demo",
      description: "Comunità regionale di scambio: avvisi, indicatori ed esperienze tra comuni, fornitori e Regione.",
      memberOrgIds: [ids.comuneId, ids.siaId],
    },
    audit,
  );
  // the viewers are read after the community exists, so they see it
  const callerOf = async (actor: Actor): Promise<Caller> => ({ actor, viewer: await viewerOf(tx, secretKey, actor), audit });
  const [regione, sia, comune] = [await callerOf(regioneActor), await callerOf(siaActor), await callerOf(comuneActor)];

  // every item also names the community, so members find it there and in its TAXII collection
  const community = { communityIds: [communityId], recipientOrgIds: [], recipientUserIds: [], providersAllowed: false };
  const clear: SharingInput = { ...community, tlp: "clear" };
  const green: SharingInput = { ...community, tlp: "green" };
  const amberForComune: SharingInput = { ...community, tlp: "amber", recipientOrgIds: [ids.comuneId], providersAllowed: true };
  const published = { anonymous: false, status: "published" as const };

  const phishing = await createIndicators(tx, regione, { sharing: clear, anonymous: false, indicators: pagoPaPhishingIndicators });
  await createAdvisory(tx, regione, { ...pagoPaPhishing, ...published, sharing: clear, indicatorIds: phishing.ids });

  const scans = await createIndicators(tx, sia, { sharing: green, anonymous: false, indicators: fortiOsScanIndicators });
  const fortiOs = await createAdvisory(tx, sia, { ...fortiOsAdvisory, ...published, sharing: green, indicatorIds: scans.ids });

  const vpn = await createIndicators(tx, regione, { sharing: amberForComune, anonymous: false, indicators: comuneVpnIndicators });
  await createAdvisory(tx, regione, { ...comuneVpnAdvisory, ...published, sharing: amberForComune, indicatorIds: vpn.ids });

  await createReport(tx, sia, { ...ransomwareReport, anonymous: true, status: "published", sharing: green });

  // the comune's mail filter caught the phishing domain too, and it thanks SIA for the advisory
  await addSighting(tx, comune, phishing.ids[0]!, 3);
  await addComment(tx, comune, fortiOs.id, { body: fortiOsComment, anonymous: false });
  return { communityId };
}
