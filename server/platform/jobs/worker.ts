import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { FastifyBaseLogger as Logger } from "fastify";
import { queryRows, type Db } from "../../db/client.ts";
import { jobs, outboxEvents, schedules } from "./jobs.tables.ts";
import { backoffSeconds, enqueue } from "./queue.ts";

export type JobHandler = (payload: Record<string, unknown>, job: { id: number; attempts: number }) => Promise<void>;

export interface JobRegistry {
  handlers: Map<string, JobHandler>;
  /** event name -> job names to enqueue when it is published */
  subscribers: Map<string, string[]>;
  schedules: { name: string; jobName: string; everySeconds: number }[];
}

export function createRegistry(): JobRegistry & {
  handle(name: string, handler: JobHandler): void;
  subscribe(eventName: string, jobName: string): void;
  every(name: string, jobName: string, everySeconds: number): void;
} {
  const registry: JobRegistry = { handlers: new Map(), subscribers: new Map(), schedules: [] };
  return {
    ...registry,
    handle: (name, handler) => void registry.handlers.set(name, handler),
    subscribe: (eventName, jobName) =>
      void registry.subscribers.set(eventName, [...(registry.subscribers.get(eventName) ?? []), jobName]),
    every: (name, jobName, everySeconds) => void registry.schedules.push({ name, jobName, everySeconds }),
  };
}

// A job still "running" this long after it was taken belongs to a node that died.
const STALE_AFTER_SECONDS = 300;

/**
 * Takes due jobs with FOR UPDATE SKIP LOCKED, so on PostgreSQL several worker processes each
 * take a job once; on PGlite there is one process anyway. Also relays the outbox and fires
 * schedules. `tick()` does one round and is what tests call.
 */
export class Worker {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly registry: JobRegistry,
    private readonly log: Logger,
    private readonly options: { pollMs?: number; batch?: number } = {},
  ) {}

  async ensureSchedules() {
    for (const s of this.registry.schedules) {
      await this.db
        .insert(schedules)
        .values({ ...s, nextRunAt: new Date() })
        .onConflictDoUpdate({ target: schedules.name, set: { jobName: s.jobName, everySeconds: s.everySeconds } });
    }
  }

  start() {
    const poll = this.options.pollMs ?? 500;
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.tick().catch((err: unknown) => this.log.error({ err }, "job worker round failed"));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(loop, poll);
    };
    // a failure here must not crash the process: schedules already stored still fire
    void this.ensureSchedules()
      .catch((err: unknown) => this.log.error({ err }, "could not register job schedules"))
      .then(loop);
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One round: fire due schedules, relay events, run due jobs. Returns how many jobs ran. */
  async tick(): Promise<number> {
    await this.fireSchedules();
    await this.relayOutbox();
    await this.requeueStale();
    return this.runDueJobs();
  }

  private async fireSchedules() {
    if (this.registry.schedules.length === 0) return;
    await this.db.transaction(async (tx) => {
      const due = await queryRows<{ name: string; job_name: string; every_seconds: number }>(tx, sql`
        select name, job_name, every_seconds from schedules
        where next_run_at <= now() for update skip locked`);
      for (const s of due) {
        await enqueue(tx, s.job_name, { schedule: s.name });
        await tx
          .update(schedules)
          .set({ nextRunAt: sql`now() + make_interval(secs => ${s.every_seconds})` })
          .where(eq(schedules.name, s.name));
      }
    });
  }

  private async relayOutbox() {
    await this.db.transaction(async (tx) => {
      const events = await queryRows<{ id: number; name: string; payload: Record<string, unknown> }>(tx, sql`
        select id, name, payload from outbox_events where dispatched_at is null
        order by id limit 200 for update skip locked`);
      if (events.length === 0) return;
      for (const event of events) {
        for (const jobName of this.registry.subscribers.get(event.name) ?? []) {
          await enqueue(tx, jobName, { ...event.payload, eventId: Number(event.id), event: event.name });
        }
      }
      await tx
        .update(outboxEvents)
        .set({ dispatchedAt: new Date() })
        .where(inArray(outboxEvents.id, events.map((e) => Number(e.id))));
    });
  }

  private async requeueStale() {
    const stale = and(eq(jobs.status, "running"), sql`${jobs.lockedAt} < now() - make_interval(secs => ${STALE_AFTER_SECONDS})`);
    // A job that was on its last attempt has had all its chances; requeueing it would loop
    // forever if the job itself is what kills the node.
    await this.db
      .update(jobs)
      .set({
        status: "failed",
        lastError: sql`${"timed out: still running after " + STALE_AFTER_SECONDS + " s on "} || coalesce(${jobs.lockedBy}, '?')`,
        lockedBy: null,
        lockedAt: null,
      })
      .where(and(stale, gte(jobs.attempts, jobs.maxAttempts)));
    await this.db.update(jobs).set({ status: "queued", lockedBy: null, lockedAt: null }).where(stale);
  }

  private async runDueJobs(): Promise<number> {
    const batch = this.options.batch ?? 10;
    const claimed = await queryRows<{ id: number; name: string; payload: Record<string, unknown>; attempts: number; max_attempts: number; due: number }>(this.db, sql`
      update jobs set status = 'running', locked_by = ${this.id}, locked_at = now(), attempts = attempts + 1
      where id in (
        select id from jobs where status = 'queued' and run_at <= now()
        order by run_at, id limit ${batch} for update skip locked)
      returning id, name, payload, attempts, max_attempts, extract(epoch from run_at)::float8 as due`);
    // RETURNING has no order: run the batch in the order the jobs fell due
    claimed.sort((a, b) => Number(a.due) - Number(b.due) || Number(a.id) - Number(b.id));
    let ran = 0;
    for (const job of claimed) {
      const id = Number(job.id);
      // The batch was claimed at once but runs one job after another: restart each job's clock
      // as it begins, and skip it if slow jobs before it let another worker requeue and take it.
      const [mine] = await this.db
        .update(jobs)
        .set({ lockedAt: sql`now()` })
        .where(and(eq(jobs.id, id), eq(jobs.status, "running"), eq(jobs.lockedBy, this.id)))
        .returning({ id: jobs.id });
      if (!mine) continue;
      ran++;
      const handler = this.registry.handlers.get(job.name);
      try {
        if (!handler) throw new Error(`no handler for job "${job.name}"`);
        await handler(job.payload, { id, attempts: job.attempts });
        await this.db
          .update(jobs)
          .set({ status: "done", completedAt: new Date(), lastError: null })
          .where(eq(jobs.id, id));
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const final = job.attempts >= job.max_attempts;
        this.log.warn({ job: job.name, id, attempt: job.attempts, final, error: message }, "job failed");
        await this.db
          .update(jobs)
          .set({
            status: final ? "failed" : "queued",
            lastError: message.slice(0, 2_000),
            lockedBy: null,
            lockedAt: null,
            runAt: final ? undefined : new Date(Date.now() + backoffSeconds(job.attempts) * 1_000),
          })
          .where(eq(jobs.id, id));
      }
    }
    return ran;
  }
}
