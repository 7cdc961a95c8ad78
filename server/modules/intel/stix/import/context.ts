import type { StixObject } from "../export/common.ts";
import type { AuthorOrganisation, SharedComment, SharedItemCommon, TlpLevel } from "../source-types.ts";
import { mostRestrictiveTlp, tlpFromMarkingDefinition, tlpFromMarkingId } from "../tlp.ts";

// What the mapping of any object needs from the rest of the bundle: TLP levels of the
// marking definitions, author identities, sighting counts and notes per object.

export interface ImportOptions {
  /** the TLP of objects that carry no TLP marking; the caller's community default */
  defaultTlp: TlpLevel;
}

export class BundleContext {
  readonly byId = new Map<string, StixObject>();
  private readonly markingLevels = new Map<string, TlpLevel>();
  private readonly sightings = new Map<string, number>();
  private readonly notes = new Map<string, SharedComment[]>();
  /** sightings and notes by the object they are about, so an item absorbs them in one look-up */
  private readonly attached = new Map<string, string[]>();
  /** ids of the objects an item absorbed (so they are not also returned as "other") */
  readonly consumed = new Set<string>();

  constructor(
    objects: readonly StixObject[],
    private readonly options: ImportOptions,
  ) {
    for (const object of objects) this.byId.set(object.id, object);
    for (const object of objects) {
      if (object.type === "marking-definition") {
        const tlp = tlpFromMarkingDefinition(object);
        if (tlp.kind === "tlp") this.markingLevels.set(object.id, tlp.level);
      } else if (object.type === "sighting") {
        const ref = String(object.sighting_of_ref);
        this.sightings.set(ref, (this.sightings.get(ref) ?? 0) + (typeof object.count === "number" ? object.count : 1));
        this.attach(ref, object.id);
      } else if (object.type === "note") {
        for (const ref of object.object_refs as string[]) {
          const comments = this.notes.get(ref);
          if (comments) comments.push(this.comment(object));
          else this.notes.set(ref, [this.comment(object)]);
          this.attach(ref, object.id);
        }
      }
    }
  }

  private attach(target: string, id: string): void {
    const list = this.attached.get(target);
    if (list) list.push(id);
    else this.attached.set(target, [id]);
  }

  /** The most restrictive TLP among the object's markings (granular ones too), else the default. */
  tlpOf(object: StixObject): TlpLevel {
    const refs = [
      ...((object.object_marking_refs as string[] | undefined) ?? []),
      ...((object.granular_markings as { marking_ref?: string }[] | undefined) ?? []).flatMap((g) => (g.marking_ref ? [g.marking_ref] : [])),
    ];
    const levels = refs.map((ref) => this.markingLevels.get(ref) ?? tlpFromMarkingId(ref)).filter((l): l is TlpLevel => l !== null && l !== undefined);
    return mostRestrictiveTlp(levels) ?? this.options.defaultTlp;
  }

  /** The author named by created_by_ref; the identity's own name when the bundle carries it. */
  authorOf(object: StixObject): AuthorOrganisation | null {
    const ref = object.created_by_ref;
    if (typeof ref !== "string") return null;
    const identity = this.byId.get(ref);
    const created = new Date(String(identity?.created ?? object.created));
    return {
      identityId: ref,
      name: typeof identity?.name === "string" ? identity.name : ref,
      created,
      modified: identity?.modified ? new Date(String(identity.modified)) : created,
    };
  }

  private comment(note: StixObject): SharedComment {
    const author = this.authorOf(note);
    return { stixId: note.id, body: String(note.content), created: new Date(String(note.created)), anonymous: author === null, author };
  }

  /** Common fields of an item whose main object is `object`; absorbs its sightings and notes. */
  common(object: StixObject, title: string, validUntil: Date | null): SharedItemCommon {
    const author = this.authorOf(object);
    for (const id of this.attached.get(object.id) ?? []) this.consumed.add(id);
    this.consumed.add(object.id);
    return {
      stixId: object.id,
      created: new Date(String(object.created)),
      modified: new Date(String(object.modified)),
      title,
      tlp: this.tlpOf(object),
      status: object.revoked === true ? "revoked" : "published",
      validUntil,
      anonymous: author === null,
      author,
      sightingCount: this.sightings.get(object.id) ?? 0,
      comments: this.notes.get(object.id) ?? [],
    };
  }
}

export function optionalString(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

export function optionalDate(value: unknown): Date | null {
  return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(value) : null;
}
