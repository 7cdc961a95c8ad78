import type { ComparisonExpression, ComparisonOperator, Literal, ObjectPath, ObservationExpression, PathStep, Qualifier } from "./ast.ts";
import { StixPatternError, tokenize, type Keyword, type Token } from "./lexer.ts";

// Recursive descent over STIXPattern.g4. Left-recursive rules become loops; precedence from
// loosest to tightest: FOLLOWEDBY, OR, AND between observations; OR, AND inside brackets.
// Nesting is capped so a hostile pattern cannot exhaust the stack.

export const MAX_PATTERN_LENGTH = 16_384;
const MAX_DEPTH = 64;

const OPERATOR_KEYWORDS: readonly Keyword[] = ["IN", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET"];

export function parseStixPattern(pattern: string): ObservationExpression {
  if (pattern.length > MAX_PATTERN_LENGTH) throw new StixPatternError(`pattern longer than ${MAX_PATTERN_LENGTH} characters`, MAX_PATTERN_LENGTH);
  const parser = new Parser(tokenize(pattern));
  const expression = parser.observationExpressions();
  parser.expectEnd();
  return expression;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private get current(): Token {
    return this.tokens[this.index]!;
  }

  private advance(): Token {
    const token = this.current;
    if (token.kind !== "end") this.index++;
    return token;
  }

  private isKeyword(value: Keyword): boolean {
    return this.current.kind === "keyword" && this.current.value === value;
  }

  private isPunct(value: string): boolean {
    return this.current.kind === "punct" && this.current.value === value;
  }

  private fail(expected: string): never {
    throw new StixPatternError(`expected ${expected}, found ${describe(this.current)}`, this.current.position);
  }

  private expectPunct(value: string): void {
    if (!this.isPunct(value)) this.fail(`'${value}'`);
    this.advance();
  }

  private expectKeyword(value: Keyword): void {
    if (!this.isKeyword(value)) this.fail(value);
    this.advance();
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new StixPatternError(`pattern nested deeper than ${MAX_DEPTH} levels`, this.current.position);
  }

  expectEnd(): void {
    if (this.current.kind !== "end") this.fail("end of pattern");
  }

  observationExpressions(): ObservationExpression {
    let left = this.observationOr();
    while (this.isKeyword("FOLLOWEDBY")) {
      this.advance();
      left = { kind: "followedby", left, right: this.observationOr() };
    }
    return left;
  }

  private observationOr(): ObservationExpression {
    let left = this.observationAnd();
    while (this.isKeyword("OR")) {
      this.advance();
      left = { kind: "or", left, right: this.observationAnd() };
    }
    return left;
  }

  private observationAnd(): ObservationExpression {
    let left = this.observation();
    while (this.isKeyword("AND")) {
      this.advance();
      left = { kind: "and", left, right: this.observation() };
    }
    return left;
  }

  private observation(): ObservationExpression {
    this.enter();
    let expression: ObservationExpression;
    if (this.isPunct("[")) {
      this.advance();
      const comparison = this.comparisonOr();
      this.expectPunct("]");
      expression = { kind: "observation", comparison, qualifiers: this.qualifiers() };
    } else if (this.isPunct("(")) {
      this.advance();
      const inner = this.observationExpressions();
      this.expectPunct(")");
      expression = { kind: "group", expression: inner, qualifiers: this.qualifiers() };
    } else {
      this.fail("'[' or '(' starting an observation");
    }
    this.depth--;
    return expression;
  }

  private qualifiers(): Qualifier[] {
    const qualifiers: Qualifier[] = [];
    for (;;) {
      if (this.isKeyword("START")) {
        this.advance();
        const start = this.timestamp();
        this.expectKeyword("STOP");
        qualifiers.push({ kind: "start-stop", start, stop: this.timestamp() });
      } else if (this.isKeyword("WITHIN")) {
        this.advance();
        const token = this.current;
        if ((token.kind !== "int" && token.kind !== "float") || token.value <= 0) this.fail("a positive number of seconds");
        this.advance();
        this.expectKeyword("SECONDS");
        qualifiers.push({ kind: "within", seconds: token.value });
      } else if (this.isKeyword("REPEATS")) {
        this.advance();
        const token = this.current;
        if (token.kind !== "int" || token.value <= 0) this.fail("a positive whole number of repetitions");
        this.advance();
        this.expectKeyword("TIMES");
        qualifiers.push({ kind: "repeats", times: token.value });
      } else {
        return qualifiers;
      }
    }
  }

  private timestamp(): string {
    const token = this.current;
    if (token.kind !== "timestamp") this.fail("a timestamp literal t'...'");
    this.advance();
    return token.value;
  }

  private comparisonOr(): ComparisonExpression {
    let left = this.comparisonAnd();
    while (this.isKeyword("OR")) {
      this.advance();
      left = { kind: "or", left, right: this.comparisonAnd() };
    }
    return left;
  }

  private comparisonAnd(): ComparisonExpression {
    let left = this.propertyTest();
    while (this.isKeyword("AND")) {
      this.advance();
      left = { kind: "and", left, right: this.propertyTest() };
    }
    return left;
  }

  private propertyTest(): ComparisonExpression {
    if (this.isPunct("(")) {
      this.enter();
      this.advance();
      const inner = this.comparisonOr();
      this.expectPunct(")");
      this.depth--;
      return inner;
    }
    let negated = false;
    if (this.isKeyword("NOT")) {
      this.advance();
      negated = true;
      if (!this.isKeyword("EXISTS")) this.fail("EXISTS after NOT");
    }
    if (this.isKeyword("EXISTS")) {
      this.advance();
      return { kind: "exists", path: this.objectPath(), negated };
    }
    const path = this.objectPath();
    if (this.isKeyword("NOT")) {
      this.advance();
      negated = true;
    }
    const operator = this.operator();
    return { kind: "test", path, negated, operator, value: this.operand(operator) };
  }

  private operator(): ComparisonOperator {
    const token = this.current;
    if (token.kind === "operator") {
      this.advance();
      return token.value;
    }
    if (token.kind === "keyword" && OPERATOR_KEYWORDS.includes(token.value)) {
      this.advance();
      return token.value as ComparisonOperator;
    }
    return this.fail("a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)");
  }

  private operand(operator: ComparisonOperator): Literal {
    if (operator === "IN") return this.set();
    const literal = this.literal();
    if (["LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET"].includes(operator) && literal.kind !== "string") {
      throw new StixPatternError(`${operator} needs a string literal`, this.tokens[this.index - 1]!.position);
    }
    if (["<", "<=", ">", ">="].includes(operator) && literal.kind === "bool") {
      throw new StixPatternError(`${operator} cannot compare a boolean`, this.tokens[this.index - 1]!.position);
    }
    return literal;
  }

  private set(): Literal {
    this.expectPunct("(");
    const values: Literal[] = [];
    if (!this.isPunct(")")) {
      values.push(this.literal());
      while (this.isPunct(",")) {
        this.advance();
        values.push(this.literal());
      }
    }
    this.expectPunct(")");
    return { kind: "set", values };
  }

  private literal(): Literal {
    const token = this.current;
    switch (token.kind) {
      case "string":
      case "int":
      case "float":
      case "bool":
      case "timestamp":
      case "hex":
      case "binary":
        this.advance();
        return { kind: token.kind, value: token.value } as Literal;
      default:
        return this.fail("a literal value");
    }
  }

  private objectPath(): ObjectPath {
    const typeToken = this.current;
    if (typeToken.kind !== "identifier") this.fail("an object type such as ipv4-addr");
    this.advance();
    this.expectPunct(":");
    const steps: PathStep[] = [{ kind: "key", name: this.propertyName() }];
    for (;;) {
      if (this.isPunct(".")) {
        this.advance();
        steps.push({ kind: "key", name: this.propertyName() });
      } else if (this.isPunct("[")) {
        this.advance();
        const token = this.current;
        if (token.kind === "int") steps.push({ kind: "index", index: token.value });
        else if (token.kind === "punct" && token.value === "*") steps.push({ kind: "index", index: "*" });
        else this.fail("a list index or '*'");
        this.advance();
        this.expectPunct("]");
      } else {
        return { objectType: typeToken.value, steps };
      }
    }
  }

  /** Property names are identifiers without hyphens, or quoted strings (e.g. 'SHA-256'). */
  private propertyName(): string {
    const token = this.current;
    if (token.kind === "string") {
      this.advance();
      return token.value;
    }
    if (token.kind !== "identifier") this.fail("a property name");
    if (token.value.includes("-")) throw new StixPatternError(`property name ${token.value} has a hyphen: quote it`, token.position);
    this.advance();
    return token.value;
  }
}

function describe(token: Token): string {
  if (token.kind === "end") return "end of pattern";
  if (token.kind === "string") return `string '${token.value}'`;
  return ["identifier", "keyword", "operator", "punct"].includes(token.kind) ? `'${(token as { value: string }).value}'` : `${token.kind} literal`;
}
