import { z } from "zod";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { t } from "../../platform/i18n/messages.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { callerOf } from "./caller.ts";
import { itemShelfPolicy } from "./intel.policy.ts";
import { lookupObservables } from "./lookup.service.ts";
import { indicatorTypes } from "./normalise.ts";
import { tlpLevels } from "./tlp.ts";

export const maxObservables = 10_000;

const LookupBodySchema = z.strictObject({
  observables: z
    .array(z.strictObject({ type: z.enum(indicatorTypes).optional(), value: z.string().min(1).max(2048) }))
    .min(1)
    .max(maxObservables),
});

const LookupReplySchema = z.object({
  matches: z.array(
    z.object({
      observableIndexes: z.array(z.number().int()),
      indicatorId: z.uuid(),
      stixId: z.string(),
      title: z.string(),
      type: z.enum(indicatorTypes),
      value: z.string(),
      tlp: z.enum(tlpLevels),
      confidence: z.number().int().nullable(),
      lastSeen: z.iso.datetime().nullable(),
      validUntil: z.iso.datetime().nullable(),
    }),
  ),
  /** observables that were not looked up, with why; the others still were */
  unrecognised: z.array(z.object({ index: z.number().int(), field: z.string(), reason: z.string() })),
});

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 413: errorReplySchema };

/** POST a batch of observables, get back the active indicators among them that the caller may see. */
export const lookupRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.post(
    "/api/intel/lookup",
    {
      // 10,000 long URLs do not fit the default body limit
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags: ["intel"],
        summary: "Look up to 10,000 observables (type inferred when absent, values normalised): the matching active indicators the caller may see under TLP",
        body: LookupBodySchema,
        response: { 200: LookupReplySchema, ...errors },
      },
    },
    async (request) => {
      const caller = await callerOf(ctx, request);
      itemShelfPolicy.authorize(caller.actor, "list", { orgId: caller.viewer.orgId });
      const { matches, unrecognised } = await lookupObservables(ctx.db, caller.viewer, request.body.observables);
      return {
        matches: matches.map((m) => ({
          ...m,
          type: m.type as (typeof indicatorTypes)[number],
          tlp: m.tlp as (typeof tlpLevels)[number],
          lastSeen: m.lastSeen?.toISOString() ?? null,
          validUntil: m.validUntil?.toISOString() ?? null,
        })),
        unrecognised: unrecognised.map((u) => ({ index: u.index, field: `body.observables.${u.index}.value`, reason: t(request.locale, u.reason, u.params) })),
      };
    },
  );
};
