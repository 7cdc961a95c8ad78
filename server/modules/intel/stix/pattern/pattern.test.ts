import { describe, expect, it } from "vitest";
import { analyseStixPattern, indicatorPattern, parseStixPattern, quoteStixString, StixPatternError } from "./index.ts";

function errorOf(pattern: string): StixPatternError {
  try {
    parseStixPattern(pattern);
  } catch (error) {
    if (error instanceof StixPatternError) return error;
    throw error;
  }
  throw new Error(`parsed: ${pattern}`);
}

describe("STIX pattern parser", () => {
  it("parses comparisons, paths with quoted keys and list steps, and all literal kinds", () => {
    const ast = parseStixPattern(
      "[file:hashes.'SHA-256' = 'ab' AND file:size >= 1024 AND file:x_flag = true AND file:ratio < -0.5] OR " +
        "[email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$'] OR " +
        "[x509-certificate:serial_number IN ('01', '02')] OR [artifact:payload_bin = b'aGVsbG8='] OR " +
        "[file:magic_number_hex = h'ffd8'] OR [file:created > t'2024-01-01T00:00:00Z'] OR [NOT EXISTS file:name]",
    );
    expect(ast.kind).toBe("or");
    const regex = parseStixPattern("[email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']");
    expect(regex).toEqual({
      kind: "observation",
      qualifiers: [],
      comparison: {
        kind: "test",
        negated: false,
        operator: "MATCHES",
        path: {
          objectType: "email-message",
          steps: [
            { kind: "key", name: "body_multipart" },
            { kind: "index", index: "*" },
            { kind: "key", name: "body_raw_ref" },
            { kind: "key", name: "name" },
          ],
        },
        value: { kind: "string", value: "^Final Report.+\\.exe$" },
      },
    });
  });

  it("binds AND tighter than OR and FOLLOWEDBY loosest, and reads qualifiers and comments", () => {
    const ast = parseStixPattern("[a:b = 1] AND [a:b = 2] OR [a:b = 3] FOLLOWEDBY ([a:b = 4]) WITHIN 60 SECONDS /* note */");
    expect(ast.kind).toBe("followedby");
    if (ast.kind !== "followedby") return;
    expect(ast.left.kind).toBe("or");
    if (ast.left.kind === "or") expect(ast.left.left.kind).toBe("and");
    expect(ast.right).toMatchObject({ kind: "group", qualifiers: [{ kind: "within", seconds: 60 }] });
    expect(parseStixPattern("[a:b = 1] REPEATS 5 TIMES START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'")).toMatchObject({
      qualifiers: [{ kind: "repeats", times: 5 }, { kind: "start-stop", start: "2016-06-01T00:00:00Z", stop: "2016-07-01T00:00:00Z" }],
    });
  });

  it.each([
    ["[ipv4-addr:value = '1.2.3.4'", "expected ']', found end of pattern", 28],
    ["ipv4-addr:value = '1.2.3.4'", "expected '[' or '(' starting an observation", 0],
    ["[ipv4-addr:value = '1.2.3.4]", "unterminated string", 19],
    ["[ipv4-addr:value = ]", "expected a literal value, found ']'", 19],
    ["[ipv4-addr:value ~ 'x']", "unexpected character \"~\"", 17],
    ["[ipv4-addr value = 'x']", "expected ':', found 'value'", 11],
    ["[file:hashes.SHA-256 = 'x']", "property name SHA-256 has a hyphen: quote it", 13],
    ["[file:name = 'a\\n']", "invalid escape in string", 15],
    ["[file:name LIKE 5]", "LIKE needs a string literal", 16],
    ["[a:b = 1] WITHIN 0 SECONDS", "expected a positive number of seconds, found int literal", 17],
    ["[a:b = 1] START t'2016-13-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'", "invalid timestamp literal", 16],
    ["[a:b = 1] [a:b = 2]", "expected end of pattern, found '['", 10],
    ["[a:b = h'abc']", "invalid hex literal", 7],
  ])("refuses %s with a clear error and its position", (pattern, message, position) => {
    const error = errorOf(pattern);
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
  });

  it("refuses patterns nested too deeply or too long, without exhausting the stack", () => {
    expect(errorOf(`${"(".repeat(1_000)}[a:b = 1]${")".repeat(1_000)}`).message).toContain("nested deeper than 64 levels");
    expect(errorOf(`[a:b = '${"x".repeat(20_000)}']`).message).toContain("longer than 16384 characters");
  });
});

describe("pattern observables", () => {
  it("maps every supported observable type, normalising values", () => {
    const analysis = analyseStixPattern(
      "[ipv4-addr:value = '198.51.100.7' OR ipv4-addr:value = '10.1.2.3/8' OR ipv6-addr:value = '2001:DB8:0:0:0:0:0:1' OR " +
        "domain-name:value = 'Example.ORG.' OR url:value = 'HTTP://Example.org/a#frag' OR email-addr:value = 'Phish@Example.org' OR " +
        "file:hashes.md5 = '001DD76872D80801692FF942308C64E6' OR file:hashes.'SHA-1' = '" + "a".repeat(40) + "' OR file:hashes.'SHA-256' = '" + "B".repeat(64) + "']",
    );
    expect(analysis).toEqual({
      valid: true,
      searchable: true,
      observables: [
        { type: "ipv4", value: "198.51.100.7" },
        { type: "cidr", value: "10.0.0.0/8" },
        { type: "ipv6", value: "2001:db8::1" },
        { type: "domain", value: "example.org" },
        { type: "url", value: "http://example.org/a" },
        { type: "email", value: "phish@example.org" },
        { type: "md5", value: "001dd76872d80801692ff942308c64e6" },
        { type: "sha1", value: "a".repeat(40) },
        { type: "sha256", value: "b".repeat(64) },
      ],
    });
  });

  it("tolerates qualifiers, groups, IN sets, observation ORs and ANDed hashes of one file", () => {
    expect(analyseStixPattern("([domain-name:value IN ('a.example', 'b.example')] OR [ipv4-addr:value = '192.0.2.1']) WITHIN 300 SECONDS")).toMatchObject({
      searchable: true,
      observables: [{ type: "domain", value: "a.example" }, { type: "domain", value: "b.example" }, { type: "ipv4", value: "192.0.2.1" }],
    });
    expect(analyseStixPattern(`[file:hashes.MD5 = '${"c".repeat(32)}' AND file:hashes.'SHA-256' = '${"d".repeat(64)}']`)).toMatchObject({ searchable: true });
  });

  it.each([
    ["[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b']", "comparisons joined by AND"],
    ["[ipv4-addr:value = '1.2.3.4'] AND [domain-name:value = 'a.example']", "observations joined by AND"],
    ["[domain-name:value = 'domain autuo.xicp.net']", "is not a valid domain"],
    ["[file:name = 'CBricksDoc']", "file:name is not a supported observable"],
    ["[ipv4-addr:value != '1.2.3.4']", "the != comparison"],
    ["[url:value MATCHES '^http']", "the MATCHES comparison"],
  ])("keeps %s but flags it not searchable", (pattern, reason) => {
    const analysis = analyseStixPattern(pattern);
    expect(analysis).toMatchObject({ valid: true, searchable: false });
    if (analysis.valid && !analysis.searchable) expect(analysis.reason).toContain(reason);
  });

  it("reports malformed patterns without throwing", () => {
    expect(analyseStixPattern("[ipv4-addr:value = ")).toEqual({ valid: false, message: "expected a literal value, found end of pattern (position 19)", position: 19 });
  });

  it("builds patterns that quote and escape values, and parse back to the same observables", () => {
    expect(quoteStixString("it's a \\ path")).toBe("'it\\'s a \\\\ path'");
    const observables = [
      { type: "url" as const, value: "http://example.org/it's" },
      { type: "cidr" as const, value: "2001:db8::/32" },
      { type: "sha256" as const, value: "e".repeat(64) },
    ];
    const pattern = indicatorPattern(observables);
    expect(pattern).toBe(`[url:value = 'http://example.org/it\\'s' OR ipv6-addr:value = '2001:db8::/32' OR file:hashes.'SHA-256' = '${"e".repeat(64)}']`);
    expect(analyseStixPattern(pattern)).toMatchObject({ searchable: true, observables });
    expect(parseStixPattern(`[file:name = ${quoteStixString("a\\'b")}]`)).toMatchObject({ comparison: { value: { value: "a\\'b" } } });
  });
});
