import createClient, { type Middleware } from "openapi-fetch";
import { currentLocale } from "../i18n/locale.tsx";
import type { paths } from "./schema";

export interface FieldProblem {
  field: string;
  reason: string;
}

/** A failed API call: the server's error code, translated message and field problems. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldProblem[];
  constructor(status: number, code: string, message: string, fields: FieldProblem[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

// The session's CSRF token, set by SessionProvider (and by sign-in) and sent on unsafe methods.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Fired when a call answers 401 (the session expired or was revoked elsewhere). */
export const SIGNED_OUT_EVENT = "cittadella:signed-out";

const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set("Accept-Language", currentLocale());
    if (!SAFE_METHODS.has(request.method) && csrfToken) request.headers.set("x-csrf-token", csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && csrfToken && !path.startsWith("/api/auth/")) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    return response;
  },
};

/** The typed API client (types generated from the server's OpenAPI document). */
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(headers);

type Result<D> = { data?: D; error?: unknown; response: Response };

function errorBody(error: unknown): { code?: string; message?: string; fields?: FieldProblem[] } {
  if (error && typeof error === "object" && "error" in error) {
    const inner = (error as { error: unknown }).error;
    if (inner && typeof inner === "object") return inner as { code?: string; message?: string; fields?: FieldProblem[] };
  }
  return {};
}

/** The data of a call, or an ApiError. Network failures become ApiError with code "network". */
export async function unwrap<D>(result: Result<D> | Promise<Result<D>>): Promise<D> {
  let settled: Result<D>;
  try {
    settled = await result;
  } catch (cause) {
    throw new ApiError(0, "network", cause instanceof Error ? cause.message : "network error");
  }
  if (settled.response.ok) return settled.data as D;
  const body = errorBody(settled.error);
  throw new ApiError(
    settled.response.status,
    body.code ?? `http_${settled.response.status}`,
    body.message ?? settled.response.statusText,
    Array.isArray(body.fields) ? body.fields : [],
  );
}
