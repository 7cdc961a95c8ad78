import { StixPatternError } from "./lexer.ts";
import { observablesFromPattern, type PatternObservables } from "./observables.ts";
import { parseStixPattern } from "./parser.ts";

export type { ComparisonExpression, Literal, ObjectPath, ObservationExpression, Qualifier } from "./ast.ts";
export { StixPatternError } from "./lexer.ts";
export { MAX_PATTERN_LENGTH, parseStixPattern } from "./parser.ts";
export { comparisonFor, indicatorPattern, observablesFromPattern, quoteStixString, type PatternObservables } from "./observables.ts";

export type PatternAnalysis = ({ valid: true } & PatternObservables) | { valid: false; message: string; position: number };

/** Parse a STIX pattern and say what of it the product can search; never throws. */
export function analyseStixPattern(pattern: string): PatternAnalysis {
  try {
    return { valid: true, ...observablesFromPattern(parseStixPattern(pattern)) };
  } catch (error) {
    if (error instanceof StixPatternError) return { valid: false, message: error.message, position: error.position };
    throw error;
  }
}
