import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "../../../platform/http/errors.ts";
import { t } from "../../../platform/i18n/messages.ts";

// TAXII 2.1 media types and error messages (spec sections 1.6.8 and 3.6).

export const TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1";
export const STIX_MEDIA_TYPE = "application/stix+json;version=2.1";

interface MediaRange {
  type: string;
  version: string | null;
  q: number;
}

function parseMediaRanges(header: string): MediaRange[] {
  return header.split(",").flatMap((part) => {
    const [type, ...params] = part.split(";").map((p) => p.trim().toLowerCase());
    if (!type) return [];
    const param = (name: string) => params.find((p) => p.startsWith(`${name}=`))?.slice(name.length + 1).replace(/"/g, "") ?? null;
    const q = Number(param("q") ?? "1");
    return [{ type, version: param("version"), q: Number.isFinite(q) ? q : 1 }];
  });
}

/** Whether the client accepts our TAXII 2.1 replies: no Accept, a wildcard, or taxii+json without or with version 2.1. */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (!accept || !accept.trim()) return true;
  return parseMediaRanges(accept).some((r) => r.q > 0 && (r.type === "*/*" || r.type === "application/*" || (r.type === "application/taxii+json" && (r.version === null || r.version === "2.1"))));
}

/** A POSTed envelope must say it is TAXII 2.1 JSON. */
export function isTaxiiContent(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [range] = parseMediaRanges(contentType);
  return range !== undefined && range.type === "application/taxii+json" && (range.version === null || range.version === "2.1");
}

export class TaxiiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly title: string,
    readonly description?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(title);
  }
}

// sent as bytes: Fastify would rewrite a string's media type (quoting the version, adding a charset)
// and some TAXII clients compare it literally
export function sendTaxii(reply: FastifyReply, status: number, body: unknown) {
  return reply.status(status).header("content-type", TAXII_MEDIA_TYPE).send(Buffer.from(JSON.stringify(body), "utf8"));
}

/** Every error under /taxii2 as a TAXII error message; texts in the caller's language. */
export function taxiiErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const locale = request.locale;
  if (error instanceof TaxiiError) {
    reply.headers(error.headers);
    return sendTaxii(reply, error.httpStatus, { title: error.title, ...(error.description ? { description: error.description } : {}), http_status: String(error.httpStatus) });
  }
  if (error instanceof HttpError) {
    reply.headers(error.headers);
    const description = error.fields.map((f) => `${f.field}: ${t(locale, f.reason, f.params ?? {})}`).join("; ");
    return sendTaxii(reply, error.statusCode, { title: t(locale, error.code), ...(description ? { description } : {}), http_status: String(error.statusCode), error_code: error.code });
  }
  const status = (error as FastifyError).statusCode;
  if (status === 413) return sendTaxii(reply, 413, { title: t(locale, "body_too_large"), http_status: "413" });
  if (status === 415) return sendTaxii(reply, 415, { title: t(locale, "unsupported_media_type"), description: `Content-Type must be ${TAXII_MEDIA_TYPE}`, http_status: "415" });
  if (status && status >= 400 && status < 500) return sendTaxii(reply, status, { title: t(locale, status === 400 ? "malformed_json" : "validation_failed"), description: error.message, http_status: String(status) });
  request.log.error(error);
  return sendTaxii(reply, 500, { title: t(locale, "internal"), http_status: "500" });
}
