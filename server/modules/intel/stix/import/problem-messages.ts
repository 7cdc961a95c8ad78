// Italian and English texts of the import problems' reasons that the platform's messages do not
// have yet (the field reasons `required`, `invalid_type`, `invalid_format`, `invalid_value`,
// `too_big_*` ... it already has). Same `{param}` placeholders as server/platform/i18n; the
// routes that expose the import merge these into the platform's messages.

export const stixImportMessages = {
  stix_malformed_json: { it: "non è JSON valido: {detail}", en: "not valid JSON: {detail}" },
  stix_not_bundle: { it: "atteso un bundle STIX o un oggetto STIX", en: "expected a STIX bundle or a STIX object" },
  stix_not_object: { it: "un oggetto STIX deve essere un oggetto JSON", en: "a STIX object must be a JSON object" },
  stix_type_invalid: { it: "type deve essere un tipo STIX, ad esempio indicator", en: "type must be a STIX type name such as indicator" },
  stix_id_type_mismatch: { it: "l'id deve iniziare con \"{type}--\"", en: "id must start with \"{type}--\"" },
  stix_unknown_type: {
    it: "{type} non è un tipo STIX 2.1 né un tipo personalizzato (prefisso x- o estensione new-sdo/new-sco/new-sro)",
    en: "{type} is not a STIX 2.1 type, nor a custom one (x- prefix or a new-sdo/new-sco/new-sro extension)",
  },
  stix_spec_version: { it: "deve essere \"2.1\": è supportato solo STIX 2.1", en: "must be \"2.1\": only STIX 2.1 is supported" },
  stix_modified_before_created: { it: "modified non può precedere created", en: "modified must not be earlier than created" },
  stix_valid_until_not_after_valid_from: { it: "valid_until deve essere successivo a valid_from", en: "valid_until must be later than valid_from" },
  stix_pattern_invalid: { it: "pattern STIX non valido alla posizione {position}: {detail}", en: "invalid STIX pattern at position {position}: {detail}" },
  stix_tlp_forged: {
    it: "questo id è riservato a TLP:{level} ma la marcatura dichiara {claimed}",
    en: "this id is reserved for TLP:{level} but the marking says {claimed}",
  },
  stix_tlp_unknown: { it: "{claimed} non è un livello TLP", en: "{claimed} is not a TLP level" },
  stix_too_deep: { it: "annidato oltre {maximum} livelli", en: "nested deeper than {maximum} levels" },
  stix_too_large: { it: "più di {maximum} proprietà ed elementi", en: "more than {maximum} properties and list items" },
  stix_too_many_problems: { it: "oltre 1000 problemi: controllo interrotto all'oggetto {index}", en: "more than 1000 problems; stopped at object {index}" },
} as const satisfies Record<string, { it: string; en: string }>;

export type StixImportMessageKey = keyof typeof stixImportMessages;
