import { fileTypeFromBuffer } from "file-type";
import { sniffUpload } from "../../../platform/storage/sniff.ts";
import type { PathPackage } from "../content/path-package.ts";

// What each media reference of a path package may hold, decided from the bytes (the name's
// extension must agree): a video is MP4 or WebM, captions are WebVTT text, a resource is a PDF or
// an image. A page of HTML named "lezione.mp4" is refused, not served as a video.

export type MediaRole = "video" | "captions" | "resource";

export interface MediaReference {
  name: string;
  role: MediaRole;
  /** the JSON path of the reference in the package, for error messages */
  field: string;
}

/** Every file a package refers to, with what it must be and where the reference is. */
export function mediaReferences(path: PathPackage): MediaReference[] {
  const refs: MediaReference[] = [];
  path.modules.forEach((module, m) =>
    module.items.forEach((item, i) => {
      const at = `modules[${m}].items[${i}]`;
      if (item.kind === "video") {
        refs.push({ name: item.media, role: "video", field: `${at}.media` });
        item.captions.forEach((c, k) => refs.push({ name: c.file, role: "captions", field: `${at}.captions[${k}].file` }));
      }
      if (item.kind === "resource") refs.push({ name: item.file, role: "resource", field: `${at}.file` });
    }),
  );
  return refs;
}

const videoTypes: Record<string, string> = { "video/mp4": "mp4", "video/webm": "webm" };
const resourceTypes = new Set(["application/pdf", "image/png", "image/jpeg", "image/webp"]);

export type MediaCheck = { ok: true; mimeType: string } | { ok: false; reason: "media_not_video" | "media_not_webvtt" | "media_not_resource" | "file_type_mismatch" };

export async function checkMedia(bytes: Buffer, name: string, role: MediaRole): Promise<MediaCheck> {
  const extension = name.toLowerCase().split(".").pop() ?? "";
  if (role === "video") {
    const detected = await fileTypeFromBuffer(bytes);
    const wanted = detected ? videoTypes[detected.mime] : undefined;
    if (!detected || !wanted) return { ok: false, reason: "media_not_video" };
    return wanted === extension ? { ok: true, mimeType: detected.mime } : { ok: false, reason: "file_type_mismatch" };
  }
  if (role === "captions") {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return { ok: false, reason: "media_not_webvtt" };
    }
    // WebVTT: optional byte order mark, then "WEBVTT" followed by a space, a tab or a line end
    if (!/^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/.test(text) || text.includes("\0")) return { ok: false, reason: "media_not_webvtt" };
    return extension === "vtt" ? { ok: true, mimeType: "text/vtt" } : { ok: false, reason: "file_type_mismatch" };
  }
  const sniffed = await sniffUpload(bytes, name);
  if (!sniffed.ok) return { ok: false, reason: sniffed.reason === "type_mismatch" ? "file_type_mismatch" : "media_not_resource" };
  return resourceTypes.has(sniffed.mimeType) ? sniffed : { ok: false, reason: "media_not_resource" };
}
