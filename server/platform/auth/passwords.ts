import { hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as italian from "@zxcvbn-ts/language-it";

// argon2id with OWASP's second recommended profile (19 MiB, t=2, p=1).
const argonOptions = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, argonOptions);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // same work as a real check, so timing does not tell whether the account exists
    await hash(password, argonOptions);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let factory: ZxcvbnFactory | null = null;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...italian.dictionary },
    graphs: common.adjacencyGraphs,
    translations: italian.translations,
  });
  return factory;
}

export interface PasswordStrength {
  ok: boolean;
  score: number;
  feedback: string[];
}

/** Score 3 of 4 or more, at least 10 characters; words about the user (name, email) count against it. */
export async function checkPasswordStrength(password: string, userInputs: string[] = []): Promise<PasswordStrength> {
  const result = await estimator().checkAsync(password, userInputs);
  const feedback = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => !!s);
  return { ok: password.length >= 10 && result.score >= 3, score: result.score, feedback };
}
