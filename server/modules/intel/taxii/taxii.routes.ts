import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../../platform/context.ts";
import { HttpError } from "../../../platform/http/errors.ts";
import { t } from "../../../platform/i18n/messages.ts";
import type { RoutesPlugin } from "../../../platform/http/types.ts";
import type { Caller } from "../items.service.ts";
import { findCollection, listCollections, requireRead, requireWrite } from "./collections.ts";
import { addEnvelope, deleteObject, findStatus, presentStatus } from "./envelope.service.ts";
import { acceptsTaxii, isTaxiiContent, sendTaxii, STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE, TaxiiError, taxiiErrorHandler } from "./media.ts";
import { collectionObjects, parseFilters, type CollectionObject } from "./objects.query.ts";
import { taxiiCaller } from "./taxii-auth.ts";

// A TAXII 2.1 server (OASIS TAXII 2.1, sections 4 and 5) over the shared items: discovery at
// /taxii2/, one API root at /taxii2/api/, collections = the caller's communities plus the public
// TLP:CLEAR one. Outside /api, so it authenticates itself (taxii-auth.ts), answers TAXII media
// types and error messages, and is left out of the OpenAPI document. See docs/INTEL.md "TAXII".

type Params = { collectionId?: string; objectId?: string; statusId?: string };
type Handler = (ctx: { caller: Caller; request: FastifyRequest<{ Params: Params }>; reply: FastifyReply; query: Record<string, unknown> }) => Promise<unknown>;

const hide = { schema: { hide: true } };

function dateHeaders(reply: FastifyReply, objects: CollectionObject[]) {
  if (!objects.length) return;
  const times = objects.map((o) => o.dateAdded.getTime());
  reply.header("x-taxii-date-added-first", new Date(Math.min(...times)).toISOString());
  reply.header("x-taxii-date-added-last", new Date(Math.max(...times)).toISOString());
}

const versionOf = (o: CollectionObject) => String(o.object.modified ?? o.object.created ?? o.dateAdded.toISOString());

export const taxiiRoutes: RoutesPlugin = async (app, { ctx }) => {
  await app.register(taxiiApi, { ctx, prefix: "/taxii2" });
};

const taxiiApi: RoutesPlugin = async (app, { ctx }) => {
  const maxContentLength = ctx.config.BODY_LIMIT_BYTES;
  app.setErrorHandler(taxiiErrorHandler);
  // envelopes are JSON in TAXII's media type; any other Content-Type is refused before parsing
  app.addContentTypeParser(/^application\/taxii\+json/, { parseAs: "string", bodyLimit: maxContentLength }, app.getDefaultJsonParser("error", "error"));
  app.addHook("onRequest", async (request) => {
    const say = (key: "taxii_not_acceptable" | "unsupported_media_type" | "body_too_large") => t(request.locale, key);
    if (!acceptsTaxii(request.headers.accept)) throw new TaxiiError(406, say("taxii_not_acceptable"), `Accept: ${TAXII_MEDIA_TYPE}`);
    if (request.method === "POST" && !isTaxiiContent(request.headers["content-type"])) {
      throw new TaxiiError(415, say("unsupported_media_type"), `Content-Type: ${TAXII_MEDIA_TYPE}`);
    }
    const length = Number(request.headers["content-length"] ?? 0);
    if (length > maxContentLength) throw new TaxiiError(413, say("body_too_large"), `max_content_length: ${maxContentLength}`);
  });

  const route = (method: "GET" | "POST" | "DELETE", path: string, handler: Handler) => {
    app.route({
      method,
      url: path,
      ...hide,
      handler: async (request, reply) => {
        const caller = await taxiiCaller(ctx, request);
        const result = await handler({ caller, request: request as FastifyRequest<{ Params: Params }>, reply, query: request.query as Record<string, unknown> });
        if (reply.sent) return reply;
        return sendTaxii(reply, reply.statusCode, result);
      },
    });
  };

  route("GET", "/", async ({ request }) => ({
    title: "Cittadella TAXII",
    description: "Condivisione di informazioni sulle minacce (TLP 2.0) / Threat-intelligence sharing under TLP 2.0",
    default: `${baseUrl(ctx, request)}/taxii2/api/`,
    api_roots: [`${baseUrl(ctx, request)}/taxii2/api/`],
  }));

  route("GET", "/api/", async () => ({
    title: "Cittadella",
    description: "Comunità di condivisione e informazioni TLP:CLEAR / Sharing communities and TLP:CLEAR intelligence",
    versions: [TAXII_MEDIA_TYPE],
    max_content_length: maxContentLength,
  }));

  route("GET", "/api/status/:statusId/", async ({ caller, request }) => {
    const id = request.params.statusId ?? "";
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new HttpError(404, "not_found");
    return presentStatus(await findStatus(ctx.db, caller, id));
  });

  route("GET", "/api/collections/", async ({ caller }) => ({ collections: await listCollections(ctx.db, caller) }));

  route("GET", "/api/collections/:collectionId/", async ({ caller, request }) => (await findCollection(ctx.db, caller, request.params.collectionId ?? "")).collection);

  route("GET", "/api/collections/:collectionId/objects/", async ({ caller, request, reply, query }) => {
    const { collection, scope } = await findCollection(ctx.db, caller, request.params.collectionId ?? "");
    requireRead(collection);
    const page = await collectionObjects(ctx.db, scope, caller.viewer, parseFilters(query));
    dateHeaders(reply, page.objects);
    return { more: page.more, ...(page.next ? { next: page.next } : {}), ...(page.objects.length ? { objects: page.objects.map((o) => o.object) } : {}) };
  });

  route("POST", "/api/collections/:collectionId/objects/", async ({ caller, request, reply }) => {
    const { collection, scope } = await findCollection(ctx.db, caller, request.params.collectionId ?? "");
    requireWrite(collection);
    if (scope.kind !== "community") throw new HttpError(403, "forbidden");
    const status = await addEnvelope(ctx.db, caller, scope, request.body);
    reply.status(202);
    return presentStatus(status);
  });

  route("GET", "/api/collections/:collectionId/manifest/", async ({ caller, request, reply, query }) => {
    const { collection, scope } = await findCollection(ctx.db, caller, request.params.collectionId ?? "");
    requireRead(collection);
    const page = await collectionObjects(ctx.db, scope, caller.viewer, parseFilters(query));
    dateHeaders(reply, page.objects);
    const objects = page.objects.map((o) => ({ id: o.object.id, date_added: o.dateAdded.toISOString(), version: versionOf(o), media_type: STIX_MEDIA_TYPE }));
    return { more: page.more, ...(page.next ? { next: page.next } : {}), ...(objects.length ? { objects } : {}) };
  });

  route("GET", "/api/collections/:collectionId/objects/:objectId/", async ({ caller, request, reply, query }) => {
    const { collection, scope } = await findCollection(ctx.db, caller, request.params.collectionId ?? "");
    requireRead(collection);
    const page = await collectionObjects(ctx.db, scope, caller.viewer, { ...parseFilters(query), ids: [request.params.objectId ?? ""], types: [] });
    if (!page.objects.length && !query.next) throw new HttpError(404, "not_found");
    dateHeaders(reply, page.objects);
    return { more: page.more, ...(page.next ? { next: page.next } : {}), objects: page.objects.map((o) => o.object) };
  });

  route("DELETE", "/api/collections/:collectionId/objects/:objectId/", async ({ caller, request, query }) => {
    const { collection, scope } = await findCollection(ctx.db, caller, request.params.collectionId ?? "");
    requireWrite(collection);
    await deleteObject(ctx.db, caller, scope, request.params.objectId ?? "", parseFilters(query).versions);
    return {};
  });

  route("GET", "/api/collections/:collectionId/objects/:objectId/versions/", async ({ caller, request, reply, query }) => {
    const { collection, scope } = await findCollection(ctx.db, caller, request.params.collectionId ?? "");
    requireRead(collection);
    const filters = parseFilters(query);
    const page = await collectionObjects(ctx.db, scope, caller.viewer, { ...filters, ids: [request.params.objectId ?? ""], types: [], versions: [] });
    if (!page.objects.length) throw new HttpError(404, "not_found");
    dateHeaders(reply, page.objects);
    return { more: false, versions: [...new Set(page.objects.map(versionOf))] };
  });

  // anything else under /taxii2 is a TAXII 404, not the web app
  app.all("/*", hide, async (request) => {
    await taxiiCaller(ctx, request);
    throw new HttpError(404, "not_found");
  });
};

function baseUrl(ctx: AppContext, request: FastifyRequest) {
  return ctx.config.publicUrl ? ctx.config.publicUrl.replace(/\/$/, "") : `${request.protocol}://${request.host}`;
}
