import cliProgress from "cli-progress";
import type { Writable } from "node:stream";

/**
 * A progress bar for long work. On a terminal it redraws in place; elsewhere (logs, tests) it
 * stays silent, so output that scripts read is not cluttered.
 */
export function progressBar(stream: Writable, label: string) {
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
