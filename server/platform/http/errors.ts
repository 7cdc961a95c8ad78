import type { MessageKey } from "../i18n/messages.ts";

export interface FieldProblem {
  /** dotted path such as "body.email" */
  field: string;
  /** a message key, translated in the caller's language when the reply is written */
  reason: MessageKey;
  params?: Record<string, string | number>;
}

/** An error meant for the caller: status, stable code and translated message. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: MessageKey,
    readonly fields: FieldProblem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

export const notFound = () => new HttpError(404, "not_found");
export const forbidden = () => new HttpError(403, "forbidden");
export const unauthenticated = () => new HttpError(401, "unauthenticated");
export const conflict = (field: string, reason: MessageKey) => new HttpError(409, "conflict", [{ field, reason }]);
export const invalidField = (field: string, reason: MessageKey, params?: Record<string, string | number>) =>
  new HttpError(422, "validation_failed", [{ field, reason, ...(params ? { params } : {}) }]);
