import type { FastifyRequest } from "fastify";
import type { Db } from "../../db/client.ts";
import { requireActor } from "../../platform/auth/authenticate.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import type { AppContext } from "../../platform/context.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import { presentItem } from "./intel.presenter.ts";
import type { ItemRecord } from "./item-records.ts";
import { accessOf, visibleIds, type Caller } from "./items.service.ts";
import { viewerOf } from "./viewer.ts";
import type { Viewer } from "./tlp.ts";

/** The signed-in caller with its TLP view and the edit key it sent, if any. */
export async function callerOf(ctx: AppContext, request: FastifyRequest): Promise<Caller> {
  const actor = requireActor(request);
  const viewer = await viewerOf(ctx.db, ctx.config.secretKey, actor);
  const key = request.headers["x-intel-edit-key"];
  return { actor, viewer, editKey: typeof key === "string" ? key : undefined, audit: auditContextOf(request) };
}

/** Items as the caller may see them, linked indicators filtered by TLP in one query. */
export async function presentItems(db: Db, actor: Actor | null, viewer: Viewer, records: ItemRecord[], editKey?: string) {
  const linked = records.flatMap((r) => r.advisory?.indicatorIds ?? []);
  const visible = await visibleIds(db, viewer, [...new Set(linked)]);
  return records.map((record) => presentItem(actor, viewer, record, { holdsEditKey: accessOf({ viewer, editKey }, record).holdsEditKey, visibleIndicatorIds: visible }));
}
