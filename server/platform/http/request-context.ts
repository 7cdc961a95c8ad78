import type { FastifyRequest } from "fastify";
import type { AuditContext } from "../audit/audit.ts";

/** Who did it and from where, for the audit log. */
export function auditContextOf(request: FastifyRequest): AuditContext {
  return {
    actor: request.actor,
    ip: request.ip,
    userAgent: request.headers["user-agent"] ?? null,
  };
}
