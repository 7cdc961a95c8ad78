import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orgWithUser } from "../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { LocalFileStore } from "./file-store.ts";

let dir: string;
let store: LocalFileStore;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cittadella-store-"));
  store = new LocalFileStore(join(dir, "files"));
  // a file just outside the root, which no key may reach
  writeFileSync(join(dir, "secret.txt"), "segreto");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("local file store", () => {
  it("stores, reads back and removes bytes under a key", async () => {
    await store.put("org-1/abc", Buffer.from("contenuto"));
    expect((await store.get("org-1/abc")).toString()).toBe("contenuto");
    await store.remove("org-1/abc");
    await expect(store.get("org-1/abc")).rejects.toMatchObject({ code: "ENOENT" });
    await store.remove("org-1/abc"); // removing twice is fine
  });

  it("never overwrites a stored file", async () => {
    await store.put("org-1/once", Buffer.from("primo"));
    await expect(store.put("org-1/once", Buffer.from("secondo"))).rejects.toMatchObject({ code: "EEXIST" });
    expect((await store.get("org-1/once")).toString()).toBe("primo");
  });

  it.each(["../secret.txt", "org-1/../../secret.txt", "../files-evil/x", "..", ".", "", "org-1/../.."])(
    "refuses the key %j, which leaves the root",
    async (key) => {
      await expect(store.put(key, Buffer.from("x"))).rejects.toThrow("invalid storage key");
      await expect(store.get(key)).rejects.toThrow("invalid storage key");
      await expect(store.remove(key)).rejects.toThrow("invalid storage key");
    },
  );

  it("keeps an absolute-looking key inside the root", async () => {
    await store.put("/etc/cittadella-test", Buffer.from("dentro"));
    expect(existsSync(join(dir, "files", "etc", "cittadella-test"))).toBe(true);
    expect(existsSync("/etc/cittadella-test")).toBe(false);
  });

  it("left the file outside the root alone", async () => {
    expect(readdirSync(dir).sort()).toEqual(["files", "secret.txt"]);
    expect(existsSync(join(dir, "files-evil"))).toBe(false);
  });
});

describe("upload size limit", () => {
  const LIMIT = 2_048;
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ UPLOAD_LIMIT_BYTES: String(LIMIT) });
  });
  afterAll(() => t.close());

  const upload = (orgId: string, headers: Record<string, string>, bytes: Buffer) => {
    const boundary = "----cittadellalimit";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="note.txt"\r\nContent-Type: text/plain\r\n\r\n`;
    const payload = Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return t.app.inject({ method: "POST", url: `/api/orgs/${orgId}/files`, headers: { ...headers, "content-type": `multipart/form-data; boundary=${boundary}` }, payload });
  };

  it("accepts a file of exactly the limit and refuses one byte more, storing nothing", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db);
    const atLimit = await upload(org.id, session.headers, Buffer.alloc(LIMIT, 0x61));
    expect(atLimit.statusCode).toBe(201);
    expect(atLimit.json().sizeBytes).toBe(LIMIT);
    const over = await upload(org.id, session.headers, Buffer.alloc(LIMIT + 1, 0x61));
    expect(over.statusCode).toBe(413);
    expect(readdirSync(join(t.ctx.config.DATA_DIR, "files", org.id))).toHaveLength(1);
  });
});
