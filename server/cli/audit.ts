import { openConfiguredDatabase } from "../bootstrap.ts";
import { verifyAuditChain, type AuditProblem } from "../platform/audit/verify.ts";
import { processIo, type Command } from "./commands.ts";
import { progressBar } from "./progress.ts";

const problemText: Record<AuditProblem["problem"], string> = {
  edited: "voce modificata / entry edited",
  missing: "voce cancellata / entry deleted",
  broken_link: "collegamento alla voce precedente rotto / link to the previous entry broken",
  tail_missing: "ultime voci cancellate / newest entries deleted",
};

/** `audit verify`: walks the hash chain; exit 0 when intact, 3 naming the first bad entry otherwise. */
export const auditCommand: Command = async ({ config, argv, io = processIo() }) => {
  if (argv[0] !== "verify" || argv.length > 1) {
    io.stderr.write("Uso / usage: cittadella audit verify\n");
    return 2;
  }
  const database = await openConfiguredDatabase(config, 2);
  const bar = progressBar(io.stderr, "Verifica / verify");
  try {
    const result = await verifyAuditChain(database.db, (checked, total) => bar.update(checked, total));
    bar.stop();
    if (result.ok) {
      io.stdout.write(`Registro di controllo integro / audit log intact: ${result.checked} voci / entries.\n`);
      return 0;
    }
    const first = result.problems.reduce((a, b) => (b.seq < a.seq ? b : a));
    io.stderr.write(`Registro di controllo ALTERATO / audit log TAMPERED: prima voce non valida / first bad entry: seq ${first.seq} (${problemText[first.problem]})\n`);
    for (const p of result.problems) io.stderr.write(`  seq ${p.seq}: ${problemText[p.problem]}\n`);
    return 3;
  } finally {
    bar.stop();
    await database.close();
  }
};
