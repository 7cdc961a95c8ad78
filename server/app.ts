import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyInstance } from "fastify";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "./platform/context.ts";
import { authenticate } from "./platform/auth/authenticate.ts";
import { installErrorHandler } from "./platform/http/error-handler.ts";
import { modules } from "./modules/index.ts";

export const webDist = fileURLToPath(new URL("../web/dist", import.meta.url));

// Order: third-party plugins, then cross-cutting platform plugins, then each module's routes.
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: ctx.config.BODY_LIMIT_BYTES,
    trustProxy: ctx.config.TRUST_PROXY,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const tls = ctx.config.publicUrl.startsWith("https://");
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Bootstrap Italia's components set inline styles; scripts stay strict
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: tls ? [] : null,
      },
    },
    hsts: tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Cittadella API",
        version: "0.1.0",
        description: "Piattaforma di cyber-sicurezza per la PA. Errors: { error: { code, message, fields[] } } in the caller's language.",
        license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "cittadella_session" },
          apiToken: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  await app.register(authenticate, { db: ctx.db, sessionPolicy: ctx.sessionPolicy, resolveActor: ctx.resolveActor });
  installErrorHandler(app);

  app.get(
    "/api/health",
    {
      schema: {
        tags: ["platform"],
        summary: "Liveness and database status",
        security: [],
        response: {
          200: z.object({ status: z.literal("ok"), database: z.object({ kind: z.enum(["pglite", "postgres"]), ok: z.literal(true) }) }),
          503: z.object({ status: z.literal("degraded"), database: z.object({ kind: z.enum(["pglite", "postgres"]), ok: z.literal(false) }) }),
        },
      },
    },
    async (_request, reply) => {
      const ok = await ctx.database.ping();
      if (!ok) return reply.status(503).send({ status: "degraded" as const, database: { kind: ctx.database.kind, ok: false as const } });
      return { status: "ok" as const, database: { kind: ctx.database.kind, ok: true as const } };
    },
  );

  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  for (const module of modules) {
    await app.register(module.routes, { ctx });
  }

  // The web app: static files, and index.html for client-side routes.
  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, maxAge: "1h", index: false });
    app.get("/*", { schema: { hide: true } }, async (request, reply) => {
      if (request.url.startsWith("/api/")) return reply.callNotFound();
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    });
  }
  return app;
}
