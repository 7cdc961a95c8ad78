// The syntax tree of a STIX pattern. Binary nodes mirror the grammar's left-associative rules.

export type Literal =
  | { kind: "string"; value: string }
  | { kind: "int"; value: number }
  | { kind: "float"; value: number }
  | { kind: "bool"; value: boolean }
  | { kind: "timestamp"; value: string }
  | { kind: "hex"; value: string }
  | { kind: "binary"; value: string }
  | { kind: "set"; values: Literal[] };

export type PathStep = { kind: "key"; name: string } | { kind: "index"; index: number | "*" };

export interface ObjectPath {
  objectType: string;
  /** the first step is always a key (a property name) */
  steps: PathStep[];
}

export type ComparisonOperator = "=" | "!=" | "<" | "<=" | ">" | ">=" | "IN" | "LIKE" | "MATCHES" | "ISSUBSET" | "ISSUPERSET";

export type ComparisonExpression =
  | { kind: "and" | "or"; left: ComparisonExpression; right: ComparisonExpression }
  | { kind: "test"; path: ObjectPath; negated: boolean; operator: ComparisonOperator; value: Literal }
  | { kind: "exists"; path: ObjectPath; negated: boolean };

export type Qualifier =
  | { kind: "start-stop"; start: string; stop: string }
  | { kind: "within"; seconds: number }
  | { kind: "repeats"; times: number };

export type ObservationExpression =
  | { kind: "observation"; comparison: ComparisonExpression; qualifiers: Qualifier[] }
  | { kind: "group"; expression: ObservationExpression; qualifiers: Qualifier[] }
  | { kind: "and" | "or" | "followedby"; left: ObservationExpression; right: ObservationExpression };
