import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser, signIn, type SignedIn } from "../../../../test/helpers/factories.ts";
import { packageZip, samples, upload, videoPackage } from "./authoring.test-helper.ts";

// Media of a path version over HTTP: byte ranges for the video player, captions as text/vtt, and
// only for those who may see the version.

let t: TestApp;
let admin: SignedIn;
let employee: SignedIn;
let outsider: SignedIn;
let pathId: string;
let draftId: string;

beforeAll(async () => {
  t = await createTestApp();
  const a = await orgWithUser(t.app, t.ctx.db, "admin");
  admin = a.session;
  employee = await signIn(t.app, (await makeUser(t.ctx.db, a.org.id, "employee")).email);
  outsider = (await orgWithUser(t.app, t.ctx.db, "admin")).session;
  const imported = await upload(t, "/api/academy/authoring/import?owner=organisation", admin.headers, await packageZip(videoPackage("media-pubblicati")));
  pathId = imported.json().id;
  await t.app.inject({ method: "POST", url: `/api/academy/authoring/paths/${pathId}/publish`, headers: admin.headers });
  draftId = (await upload(t, "/api/academy/authoring/import?owner=organisation", admin.headers, await packageZip(videoPackage("media-bozza")))).json().id;
});
afterAll(() => t.close());

const get = (url: string, session: SignedIn | null, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url, headers: { ...(session?.headers ?? {}), ...headers } });

describe("video with byte ranges", () => {
  const size = samples.mp4.length;
  const video = () => `/api/academy/media/${pathId}/media/intro.mp4`;

  it("serves the whole file, saying ranges are accepted", async () => {
    const res = await get(video(), employee);
    expect(res.statusCode).toBe(200);
    expect(res.headers["accept-ranges"]).toBe("bytes");
    expect(res.headers["content-type"]).toBe("video/mp4");
    expect(res.rawPayload).toEqual(samples.mp4);
  });

  it("answers a range with 206 and Content-Range, the bytes asked for and no more", async () => {
    const res = await get(video(), employee, { range: "bytes=4-11" });
    expect(res.statusCode).toBe(206);
    expect(res.headers["content-range"]).toBe(`bytes 4-11/${size}`);
    expect(res.headers["content-length"]).toBe("8");
    expect(res.rawPayload.toString("latin1")).toBe("ftypisom");
    const tail = await get(video(), employee, { range: "bytes=-10" });
    expect(tail.statusCode).toBe(206);
    expect(tail.headers["content-range"]).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect(tail.rawPayload).toEqual(samples.mp4.subarray(size - 10));
  });

  it("answers 416 with the size for a range past the end", async () => {
    const res = await get(video(), employee, { range: `bytes=${size}-` });
    expect(res.statusCode).toBe(416);
    expect(res.headers["content-range"]).toBe(`bytes */${size}`);
  });

  it("serves captions as text/vtt", async () => {
    const res = await get(`/api/academy/media/${pathId}/media/intro.it.vtt`, employee);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/vtt; charset=utf-8");
    expect(res.body.startsWith("WEBVTT")).toBe(true);
  });
});

describe("who gets the media", () => {
  it("keeps an organisation's media from other organisations and from visitors", async () => {
    expect((await get(`/api/academy/media/${pathId}/media/intro.mp4`, outsider)).statusCode).toBe(404);
    expect((await get(`/api/academy/media/${pathId}/media/intro.mp4`, null)).statusCode).toBe(404);
  });

  it("serves a draft's media to its authors (the preview) and to no learner", async () => {
    expect((await get(`/api/academy/media/${draftId}/media/intro.mp4`, admin)).statusCode).toBe(200);
    expect((await get(`/api/academy/media/${draftId}/media/intro.mp4`, employee)).statusCode).toBe(404);
  });

  it("answers 404 for a name the version does not have or that climbs out", async () => {
    expect((await get(`/api/academy/media/${pathId}/media/altro.mp4`, employee)).statusCode).toBe(404);
    expect((await get(`/api/academy/media/${pathId}/media/..%2F..%2Fpath.json`, employee)).statusCode).toBe(404);
  });
});
