import { derivedStixId, stixTimestamp } from "../ids.ts";
import type { AuthorOrganisation, SharedComment, SharedItemCommon } from "../source-types.ts";
import { TLP2_MARKING_IDS } from "../tlp.ts";

// Pieces every exported item shares: the common properties, its author's identity, the
// anonymous sighting count and the comments as notes.

/** A STIX object as JSON; the export builds plain objects so they serialise as they are. */
export interface StixObject {
  type: string;
  id: string;
  [property: string]: unknown;
}

/** Our custom properties (STIX 2.1 section 11.1) carry what STIX has no property for. */
export const CUSTOM_PREFIX = "x_cittadella_";

/** The author an export may name: never the author of an anonymous item or reply. */
export function visibleAuthor(thing: { anonymous: boolean; author: AuthorOrganisation | null }): AuthorOrganisation | null {
  return thing.anonymous ? null : thing.author;
}

/** type, spec_version, id, created, modified, created_by_ref (unless anonymous) and the TLP marking. */
export function commonProperties(item: SharedItemCommon, type: string, id: string): StixObject {
  const author = visibleAuthor(item);
  return withoutEmpty({
    type,
    spec_version: "2.1",
    id,
    created: stixTimestamp(item.created),
    modified: stixTimestamp(item.modified),
    created_by_ref: author?.identityId,
    revoked: item.status === "revoked" ? true : undefined,
    object_marking_refs: [TLP2_MARKING_IDS[item.tlp]],
  });
}

export function identityObject(author: AuthorOrganisation): StixObject {
  return {
    type: "identity",
    spec_version: "2.1",
    id: author.identityId,
    created: stixTimestamp(author.created),
    modified: stixTimestamp(author.modified),
    name: author.name,
    identity_class: "organization",
  };
}

/** The identities an item's objects point at: its author's and its named commenters'. */
export function identitiesOf(item: SharedItemCommon): StixObject[] {
  const authors = [visibleAuthor(item), ...item.comments.map(visibleAuthor)].filter((a): a is AuthorOrganisation => a !== null);
  return [...new Map(authors.map((a) => [a.identityId, identityObject(a)])).values()];
}

/**
 * "We saw this too", as one sighting with the count and no where_sighted_refs or
 * created_by_ref: the product counts sightings without recording who or when.
 */
export function sightingObject(item: SharedItemCommon, sightingOfRef: string): StixObject | null {
  if (item.sightingCount <= 0) return null;
  return {
    type: "sighting",
    spec_version: "2.1",
    id: derivedStixId("sighting", item.stixId, "count"),
    created: stixTimestamp(item.created),
    modified: stixTimestamp(item.modified),
    sighting_of_ref: sightingOfRef,
    count: Math.min(item.sightingCount, 999_999_999),
    object_marking_refs: [TLP2_MARKING_IDS[item.tlp]],
  };
}

/** A comment becomes a note on the item's main object, under the item's marking. */
export function noteObject(item: SharedItemCommon, comment: SharedComment, mainId: string): StixObject {
  const author = visibleAuthor(comment);
  return withoutEmpty({
    type: "note",
    spec_version: "2.1",
    id: comment.stixId,
    created: stixTimestamp(comment.created),
    modified: stixTimestamp(comment.created),
    created_by_ref: author?.identityId,
    content: comment.body,
    object_refs: [mainId],
    object_marking_refs: [TLP2_MARKING_IDS[item.tlp]],
  });
}

/** Sighting and notes of an item, whatever its kind. */
export function sightingAndNotes(item: SharedItemCommon, mainId: string): StixObject[] {
  const sighting = sightingObject(item, mainId);
  return [...(sighting ? [sighting] : []), ...item.comments.map((c) => noteObject(item, c, mainId))];
}

export function relationshipObject(item: SharedItemCommon, relationshipType: string, sourceRef: string, targetRef: string): StixObject {
  return {
    ...commonProperties(item, "relationship", derivedStixId("relationship", item.stixId, `${relationshipType}|${sourceRef}|${targetRef}`)),
    relationship_type: relationshipType,
    source_ref: sourceRef,
    target_ref: targetRef,
  };
}

/**
 * STIX forbids empty strings in lists and empty lists (minItems 1) and treats absent and null
 * differently, so optional properties are dropped rather than written empty.
 */
export function withoutEmpty<T extends Record<string, unknown>>(object: T): T & StixObject {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value) && value.length === 0) continue;
    result[key] = value;
  }
  return result as T & StixObject;
}
