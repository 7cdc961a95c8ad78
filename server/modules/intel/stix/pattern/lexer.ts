// Tokens of the STIX 2.1 patterning language (grammar: STIXPattern.g4 of the OASIS
// cti-stix2-json-schemas). Every token keeps its offset so errors can say where they are.

export class StixPatternError extends Error {
  constructor(
    message: string,
    /** 0-based offset into the pattern */
    readonly position: number,
  ) {
    super(`${message} (position ${position})`);
    this.name = "StixPatternError";
  }
}

export const KEYWORDS = [
  "AND", "OR", "NOT", "FOLLOWEDBY", "LIKE", "MATCHES", "ISSUPERSET", "ISSUBSET", "EXISTS",
  "LAST", "IN", "START", "STOP", "SECONDS", "WITHIN", "REPEATS", "TIMES",
] as const;
export type Keyword = (typeof KEYWORDS)[number];

export type Token =
  | { kind: "keyword"; value: Keyword; position: number }
  | { kind: "identifier"; value: string; position: number }
  | { kind: "string"; value: string; position: number }
  | { kind: "int"; value: number; position: number }
  | { kind: "float"; value: number; position: number }
  | { kind: "bool"; value: boolean; position: number }
  | { kind: "timestamp"; value: string; position: number }
  | { kind: "hex"; value: string; position: number }
  | { kind: "binary"; value: string; position: number }
  | { kind: "operator"; value: "=" | "!=" | "<" | "<=" | ">" | ">="; position: number }
  | { kind: "punct"; value: "[" | "]" | "(" | ")" | ":" | "." | "," | "*"; position: number }
  | { kind: "end"; position: number };

const TIMESTAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;
const HEX = /^([0-9A-Fa-f]{2})*$/;
const BASE64 = /^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const WHITESPACE = /[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

export function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (WHITESPACE.test(c)) {
      i++;
    } else if (pattern.startsWith("/*", i)) {
      const end = pattern.indexOf("*/", i + 2);
      if (end < 0) throw new StixPatternError("unterminated comment", i);
      i = end + 2;
    } else if (pattern.startsWith("//", i)) {
      while (i < pattern.length && pattern[i] !== "\n" && pattern[i] !== "\r") i++;
    } else if (c === "'") {
      const { value, end } = readQuoted(pattern, i);
      tokens.push({ kind: "string", value, position: i });
      i = end;
    } else if ((c === "t" || c === "h" || c === "b") && pattern[i + 1] === "'") {
      tokens.push(readPrefixedLiteral(pattern, i));
      i = readQuoted(pattern, i + 1).end;
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < pattern.length && /[A-Za-z0-9_-]/.test(pattern[i]!)) i++;
      const word = pattern.slice(start, i);
      if ((KEYWORDS as readonly string[]).includes(word)) tokens.push({ kind: "keyword", value: word as Keyword, position: start });
      else if (word === "true" || word === "false") tokens.push({ kind: "bool", value: word === "true", position: start });
      else tokens.push({ kind: "identifier", value: word, position: start });
    } else if (/[0-9+.-]/.test(c) && /^[+-]?(\d|\.\d)/.test(pattern.slice(i, i + 3))) {
      const match = /^[+-]?(\d*\.\d+|0|[1-9]\d*)/.exec(pattern.slice(i))!;
      const text = match[0];
      tokens.push({ kind: text.includes(".") ? "float" : "int", value: Number(text), position: i });
      i += text.length;
    } else {
      const two = pattern.slice(i, i + 2);
      if (two === "==" || two === "!=" || two === "<>" || two === "<=" || two === ">=") {
        const value = two === "==" ? "=" : two === "<>" ? "!=" : two;
        tokens.push({ kind: "operator", value, position: i });
        i += 2;
      } else if (c === "=" || c === "<" || c === ">") {
        tokens.push({ kind: "operator", value: c, position: i });
        i++;
      } else if ("[]():.,*".includes(c)) {
        tokens.push({ kind: "punct", value: c as "[", position: i });
        i++;
      } else {
        throw new StixPatternError(`unexpected character ${JSON.stringify(c)}`, i);
      }
    }
  }
  tokens.push({ kind: "end", position: pattern.length });
  return tokens;
}

/** A quoted literal from the quote at `start`: only \' and \\ are escapes in STIX patterns. */
function readQuoted(pattern: string, start: number): { value: string; end: number } {
  let value = "";
  let i = start + 1;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") return { value, end: i + 1 };
    if (c === "\\") {
      const next = pattern[i + 1];
      if (next !== "'" && next !== "\\") throw new StixPatternError("invalid escape in string: only \\' and \\\\ are allowed", i);
      value += next;
      i += 2;
    } else {
      value += c;
      i++;
    }
  }
  throw new StixPatternError("unterminated string", start);
}

function readPrefixedLiteral(pattern: string, start: number): Token {
  const prefix = pattern[start];
  const { value } = readQuoted(pattern, start + 1);
  if (prefix === "t") {
    if (!TIMESTAMP.test(value)) throw new StixPatternError("invalid timestamp literal: expected t'YYYY-MM-DDThh:mm:ssZ'", start);
    return { kind: "timestamp", value, position: start };
  }
  if (prefix === "h") {
    if (!HEX.test(value)) throw new StixPatternError("invalid hex literal: expected pairs of hex digits", start);
    return { kind: "hex", value, position: start };
  }
  if (!BASE64.test(value)) throw new StixPatternError("invalid binary literal: expected base64", start);
  return { kind: "binary", value, position: start };
}
