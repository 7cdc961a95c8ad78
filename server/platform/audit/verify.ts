import { asc, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { auditHead, auditLog } from "./audit.tables.ts";
import { entryHash, GENESIS_HASH } from "./audit.ts";

export interface AuditProblem {
  seq: number;
  problem: "edited" | "missing" | "broken_link" | "tail_missing";
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  problems: AuditProblem[];
}

/** Walks the whole chain in order; reports edited rows, gaps and a removed tail. */
export async function verifyAuditChain(
  db: DbOrTx,
  onProgress?: (checked: number, total: number) => void,
  batchSize = 2_000,
): Promise<VerifyResult> {
  const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)::int` }).from(auditLog);
  const problems: AuditProblem[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expectedSeq - 1))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) problems.push({ seq: expectedSeq, problem: "missing" });
      if (row.prevHash !== prevHash && row.seq === expectedSeq) problems.push({ seq: row.seq, problem: "broken_link" });
      const { hash, prevHash: storedPrev, ...rest } = row;
      if (entryHash(storedPrev, rest) !== hash) problems.push({ seq: row.seq, problem: "edited" });
      prevHash = hash;
      expectedSeq = row.seq + 1;
      checked++;
    }
    onProgress?.(checked, total);
  }
  // The head names the newest entry. Entries without a head mean it was deleted, which would
  // otherwise hide a deleted tail.
  const [head] = await db.select().from(auditHead);
  if (head ? head.seq !== expectedSeq - 1 || head.hash !== prevHash : checked > 0) {
    problems.push({ seq: head?.seq ?? expectedSeq - 1, problem: "tail_missing" });
  }
  return { ok: problems.length === 0, checked, problems };
}
