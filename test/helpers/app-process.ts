import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** Date.now() just before the process was started */
  spawnedAt: number;
  /** what the process wrote, for the failure message */
  output(): string;
  stop(): Promise<void>;
}

/** `cittadella serve` as its own operating-system process, as an operator would run it. */
export async function startAppProcess(env: Record<string, string>, role: "all" | "web" | "worker" = "all", nodeArgs: string[] = []): Promise<AppProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  // node with tsx's loader (what bin/cittadella.js does), so child.pid is the server itself
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/cli.ts", "serve", "--role", role], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", HOST: "127.0.0.1", PORT: String(port), PUBLIC_URL: url, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await once(child, "exit");
    clearTimeout(timer);
  };
  return { url, child, spawnedAt, output: () => output, stop };
}

/** Waits for the first 200 from /api/health; returns the milliseconds it took. */
export async function waitHealthy(app: { url: string; child: ChildProcess; output(): string }, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (app.child.exitCode !== null) throw new Error(`server exited with ${app.child.exitCode}:\n${app.output()}`);
    try {
      const res = await fetch(`${app.url}/api/health`);
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no 200 from ${app.url}/api/health within ${timeoutMs} ms:\n${app.output()}`);
}
