import { z } from "zod";

/** The reply of an action that has nothing to return but its success (a delete, a sign-out). */
export const OkSchema = z.object({ ok: z.literal(true) }).meta({ id: "Ok" });
