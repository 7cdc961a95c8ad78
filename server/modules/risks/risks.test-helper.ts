import type { FastifyInstance } from "fastify";
import type { SignedIn } from "../../../test/helpers/factories.ts";

// Scores and requests shared by the register's tests.

/** A stage with the given likelihood whose worst impact dimension is `worst` (service, unless said). */
export const stage = (likelihood: number, worst: number, dimension: "service" | "personal_data" | "legal" | "financial" | "reputation" = "service") => ({
  likelihood,
  impacts: { service: 1, personal_data: 1, legal: 1, financial: 1, reputation: 1, [dimension]: worst },
});

export function caller(app: FastifyInstance) {
  return (session: SignedIn, method: "GET" | "POST" | "PUT" | "PATCH", url: string, payload?: unknown) =>
    app.inject({ method, url, headers: session.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

export const riskBody = (overrides: Record<string, unknown> = {}) => ({
  title: "Ransomware sui server dell'anagrafe",
  threatId: "ransomware",
  affectedServices: "Anagrafe, protocollo",
  inherent: stage(4, 5),
  ...overrides,
});
