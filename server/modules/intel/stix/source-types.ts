// A shared item as the product holds it: the input of the STIX export and the output of the
// import. Kept independent of the intel tables so the library stays pure and testable; the
// service maps rows to these and back. Field names follow intel.tables.ts.

/** TLP 2.0 levels, as stored in intel_items.tlp. */
export const TLP_LEVELS = ["clear", "green", "amber", "amber+strict", "red"] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

export const INDICATOR_TYPES = ["ipv4", "ipv6", "cidr", "domain", "url", "email", "md5", "sha1", "sha256"] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

export const ADVISORY_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type AdvisorySeverity = (typeof ADVISORY_SEVERITIES)[number];

export const ITEM_STATUSES = ["draft", "published", "revoked"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** The organisation that wrote an item or comment, as a STIX identity. */
export interface AuthorOrganisation {
  /** identity--<uuid>; organisationIdentityId() derives a stable one from the organisation id */
  identityId: string;
  name: string;
  /** the identity's STIX created / modified: a renamed organisation is a new version */
  created: Date;
  modified: Date;
}

/** What every shared item carries, whatever its kind. */
export interface SharedItemCommon {
  /** STIX id of the item's main object (report--, indicator--, incident--), stable across versions */
  stixId: string;
  created: Date;
  /** the version: a changed item gets a later `modified` and keeps its stixId */
  modified: Date;
  title: string;
  tlp: TlpLevel;
  status: ItemStatus;
  validUntil: Date | null;
  anonymous: boolean;
  /** null when anonymous; the export ignores it for anonymous items anyway */
  author: AuthorOrganisation | null;
  /** "we saw this too", counted without saying who */
  sightingCount: number;
  comments: SharedComment[];
}

export interface SharedComment {
  /** note--<uuid> */
  stixId: string;
  body: string;
  created: Date;
  anonymous: boolean;
  /** null when anonymous; never a person's name (personal data stays in the product) */
  author: AuthorOrganisation | null;
}

export interface IndicatorObservable {
  type: IndicatorType;
  /** normalised (see pattern/observables.ts normaliseObservable) */
  value: string;
}

/** A pattern kept as received, for what the product cannot search (e.g. x509 or regex tests). */
export interface VerbatimPattern {
  pattern: string;
  /** stix, sigma, yara, snort, ... */
  patternType: string;
  patternVersion?: string;
}

export interface SharedIndicator extends SharedItemCommon {
  kind: "indicator";
  /** what the product searches and matches; empty when the pattern could not be mapped */
  observables: IndicatorObservable[];
  /** set on import; exported as is, so a round trip never rewrites a foreign pattern */
  verbatimPattern: VerbatimPattern | null;
  description: string | null;
  firstSeen: Date | null;
  lastSeen: Date | null;
  /** 0..100 as in STIX */
  confidence: number | null;
}

/** Affected product; version bounds as NVD writes them, all optional. */
export interface AffectedProduct {
  vendor: string;
  product: string;
  versionStartIncluding: string | null;
  versionStartExcluding: string | null;
  versionEndIncluding: string | null;
  versionEndExcluding: string | null;
  /** CPE 2.3 formatted string */
  cpe: string | null;
}

/** A patch or a mitigation: a link, steps, or both. */
export interface Remediation {
  title: string;
  url: string | null;
  steps: string | null;
}

export interface AdvisoryReference {
  title: string | null;
  url: string;
}

export interface SharedAdvisory extends SharedItemCommon {
  kind: "advisory";
  summary: string;
  severity: AdvisorySeverity;
  affectedProducts: AffectedProduct[];
  cveIds: string[];
  patches: Remediation[];
  mitigations: Remediation[];
  references: AdvisoryReference[];
  /** the advisory's indicators, exported in the same bundle and grouped by its report */
  indicators: SharedIndicator[];
}

export interface SharedExperienceReport extends SharedItemCommon {
  kind: "experience_report";
  attackType: string;
  entryVector: string | null;
  impact: string | null;
  timeToRecoverHours: number | null;
  detection: string | null;
  whatWorked: string | null;
  lessons: string | null;
  narrative: string;
}

export type SharedItem = SharedAdvisory | SharedIndicator | SharedExperienceReport;
