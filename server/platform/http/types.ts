import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../context.ts";

/** A module's routes: a Fastify plugin with zod-typed schemas and the app context. */
export type RoutesPlugin = FastifyPluginAsync<{ ctx: AppContext }, import("fastify").RawServerDefault, ZodTypeProvider>;
