import { TLP_LEVELS, type TlpLevel } from "./source-types.ts";

// TLP as STIX carries it. We export only the OASIS TLP 2.0 marking definitions (fixed ids and
// objects published in oasis-open/cti-stix-common-objects); on import we also recognise the
// STIX 2.1 TLP 1.0 definitions and OpenCTI's statement-style TLP markings.

export const TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

export const TLP2_MARKING_IDS: Readonly<Record<TlpLevel, string>> = {
  clear: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
  green: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
  amber: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
  "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
  red: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};

/** STIX 2.1 (TLP 1.0) ids; WHITE became CLEAR in TLP 2.0. */
export const TLP1_MARKING_IDS: Readonly<Record<"white" | "green" | "amber" | "red", string>> = {
  white: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
  green: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
  amber: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
  red: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
};

const RESERVED_IDS = new Map<string, TlpLevel>([
  ...TLP_LEVELS.map((level) => [TLP2_MARKING_IDS[level], level] as const),
  [TLP1_MARKING_IDS.white, "clear"],
  [TLP1_MARKING_IDS.green, "green"],
  [TLP1_MARKING_IDS.amber, "amber"],
  [TLP1_MARKING_IDS.red, "red"],
]);

/** Most open first: a later index is more restrictive. */
const ORDER: readonly TlpLevel[] = TLP_LEVELS;

export interface TlpMarkingDefinition {
  type: "marking-definition";
  spec_version: "2.1";
  id: string;
  created: string;
  name: string;
  extensions: Record<string, { extension_type: "property-extension"; tlp_2_0: TlpLevel }>;
}

const NAMES: Readonly<Record<TlpLevel, string>> = {
  clear: "TLP:CLEAR",
  green: "TLP:GREEN",
  amber: "TLP:AMBER",
  "amber+strict": "TLP:AMBER+STRICT",
  red: "TLP:RED",
};

/** The OASIS TLP 2.0 marking-definition object, exactly as published. */
export function tlpMarkingDefinition(level: TlpLevel): TlpMarkingDefinition {
  return {
    type: "marking-definition",
    spec_version: "2.1",
    id: TLP2_MARKING_IDS[level],
    created: "2022-10-01T00:00:00.000Z",
    name: NAMES[level],
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: "property-extension", tlp_2_0: level } },
  };
}

/** The level of a well-known TLP marking id (2.0 or 1.0), or null. */
export function tlpFromMarkingId(id: string): TlpLevel | null {
  return RESERVED_IDS.get(id) ?? null;
}

/** "TLP:AMBER+STRICT", "amber+strict", "TLP:WHITE" ... -> our level; null when not a TLP level. */
export function parseTlpName(text: string): TlpLevel | null {
  const name = text.trim().toLowerCase().replace(/^tlp:/, "");
  if (name === "white") return "clear";
  return (TLP_LEVELS as readonly string[]).includes(name) ? (name as TlpLevel) : null;
}

export type MarkingTlp =
  | { kind: "tlp"; level: TlpLevel }
  | { kind: "not-tlp" }
  /** claims to be TLP but names no level we know (e.g. "TLP:PURPLE") */
  | { kind: "unknown-level"; claimed: string }
  /** uses a reserved TLP id but says something else: refused, so nobody relabels RED as CLEAR */
  | { kind: "forged"; reservedLevel: TlpLevel; claimed: string };

/** What TLP level a marking-definition object states, in any of the forms we recognise. */
export function tlpFromMarkingDefinition(marking: Record<string, unknown>): MarkingTlp {
  const claimed = claimedTlp(marking);
  const id = typeof marking.id === "string" ? marking.id : "";
  const reserved = RESERVED_IDS.get(id);
  if (reserved !== undefined) {
    if (claimed === null) return { kind: "forged", reservedLevel: reserved, claimed: "(no TLP level)" };
    if (parseTlpName(claimed) !== reserved) return { kind: "forged", reservedLevel: reserved, claimed };
    return { kind: "tlp", level: reserved };
  }
  if (claimed === null) return { kind: "not-tlp" };
  const level = parseTlpName(claimed);
  return level === null ? { kind: "unknown-level", claimed } : { kind: "tlp", level };
}

/** The TLP text a marking states: TLP 2.0 extension, TLP 1.0 definition, or OpenCTI's forms. */
function claimedTlp(marking: Record<string, unknown>): string | null {
  const extensions = marking.extensions;
  if (isRecord(extensions)) {
    const tlp2 = extensions[TLP2_EXTENSION_ID];
    if (isRecord(tlp2) && typeof tlp2.tlp_2_0 === "string") return tlp2.tlp_2_0;
  }
  const definitionType = typeof marking.definition_type === "string" ? marking.definition_type.toLowerCase() : "";
  const definition = marking.definition;
  if (definitionType === "tlp") {
    if (isRecord(definition) && typeof definition.tlp === "string") return definition.tlp;
    if (typeof definition === "string") return definition;
    if (typeof marking.name === "string") return marking.name;
  }
  const openCtiType = marking.x_opencti_definition_type;
  if (typeof openCtiType === "string" && openCtiType.toLowerCase() === "tlp") {
    if (typeof marking.x_opencti_definition === "string") return marking.x_opencti_definition;
    if (typeof marking.name === "string") return marking.name;
  }
  return null;
}

/** When an object carries several TLP markings, the most restrictive one applies. */
export function mostRestrictiveTlp(levels: readonly TlpLevel[]): TlpLevel | null {
  let result: TlpLevel | null = null;
  for (const level of levels) if (result === null || ORDER.indexOf(level) > ORDER.indexOf(result)) result = level;
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
