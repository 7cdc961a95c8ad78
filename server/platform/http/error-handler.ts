import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { isMessageKey, t, type MessageKey } from "../i18n/messages.ts";
import type { Locale } from "../i18n/locale.ts";
import { HttpError, type FieldProblem } from "./errors.ts";

export const errorReplySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ field: z.string(), reason: z.string() })),
    }),
  })
  .meta({ id: "ErrorReply" });

function reasonOf(issue: { keyword: string; message: string; params: Record<string, unknown> }, sent: unknown): {
  reason: MessageKey;
  params: Record<string, string | number>;
} {
  const p = issue.params;
  switch (issue.keyword) {
    case "invalid_type":
      // zod leaves the input out of its issues, so look at what the caller sent
      return sent === undefined
        ? { reason: "required", params: {} }
        : { reason: "invalid_type", params: { expected: String(p.expected) } };
    case "too_small":
    case "too_big": {
      const kind = p.origin === "string" ? "string" : p.origin === "array" ? "array" : "number";
      const key = `${issue.keyword}_${kind}` as MessageKey;
      return { reason: key, params: { minimum: String(p.minimum ?? ""), maximum: String(p.maximum ?? "") } };
    }
    case "invalid_format":
      return { reason: "invalid_format", params: { format: String(p.format ?? "") } };
    case "invalid_value":
      return { reason: "invalid_value", params: { values: Array.isArray(p.values) ? p.values.join(", ") : "" } };
    case "unrecognized_keys":
      return { reason: "unrecognized_key", params: {} };
    default:
      // custom refinements carry a message key as their message
      return { reason: isMessageKey(issue.message) ? issue.message : "invalid_value_generic", params: {} };
  }
}

function valueAt(data: unknown, path: string[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function problemsFromValidation(
  context: string,
  validation: { keyword: string; instancePath: string; message: string; params: Record<string, unknown> }[],
  request: FastifyRequest,
): FieldProblem[] {
  const where = context === "querystring" ? "query" : context;
  const data = where === "query" ? request.query : where === "params" ? request.params : where === "headers" ? request.headers : request.body;
  return validation.flatMap((issue) => {
    const path = issue.instancePath.split("/").filter(Boolean);
    const base = [where, ...path].join(".");
    const { reason, params } = reasonOf(issue, issue.params.input !== undefined ? issue.params.input : valueAt(data, path));
    if (issue.keyword === "unrecognized_keys" && Array.isArray(issue.params.keys)) {
      return (issue.params.keys as string[]).map((key) => ({ field: `${base}.${key}`, reason, params }));
    }
    return [{ field: base, reason, params }];
  });
}

export function sendError(reply: FastifyReply, locale: Locale, status: number, code: MessageKey, fields: FieldProblem[]) {
  return reply.status(status).send({
    error: {
      code,
      message: t(locale, code),
      fields: fields.map((f) => ({ field: f.field, reason: t(locale, f.reason, f.params) })),
    },
  });
}

export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = request.locale;
    if (error instanceof HttpError) {
      reply.headers(error.headers);
      return sendError(reply, locale, error.statusCode, error.code, error.fields);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = problemsFromValidation(error.validationContext ?? "body", error.validation as never, request);
      return sendError(reply, locale, 400, "validation_failed", fields);
    }
    switch (error.code) {
      case "FST_ERR_CTP_INVALID_JSON_BODY":
      case "FST_ERR_CTP_EMPTY_JSON_BODY":
        return sendError(reply, locale, 400, "malformed_json", [{ field: "body", reason: "not_json" }]);
      case "FST_ERR_CTP_BODY_TOO_LARGE":
      case "FST_REQ_FILE_TOO_LARGE":
        return sendError(reply, locale, 413, "body_too_large", [{ field: "body", reason: "body_too_big", params: { maximum: request.routeOptions.bodyLimit ?? request.server.initialConfig.bodyLimit ?? 0 } }]);
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
        return sendError(reply, locale, 415, "unsupported_media_type", [{ field: "headers.content-type", reason: "media_type_not_accepted" }]);
    }
    if (error.statusCode === 429) return sendError(reply, locale, 429, "rate_limited", []);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, locale, error.statusCode, "validation_failed", []);
    }
    request.log.error({ err: error }, "unhandled error");
    return sendError(reply, locale, 500, "internal", []);
  });

  app.setNotFoundHandler((request, reply) => sendError(reply, request.locale, 404, "not_found", []));
}
