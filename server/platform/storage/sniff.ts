import { fileTypeFromBuffer } from "file-type";

// What may be uploaded, by type found in the content. The extension must agree with it.
export const allowedTypes: Record<string, string[]> = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/webp": ["webp"],
  "video/mp4": ["mp4"],
  "text/vtt": ["vtt"],
  "application/zip": ["zip"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "application/vnd.oasis.opendocument.text": ["odt"],
  "application/vnd.oasis.opendocument.spreadsheet": ["ods"],
  "text/plain": ["txt", "log"],
  "text/csv": ["csv"],
  "application/json": ["json"],
};

export type SniffResult = { ok: true; mimeType: string } | { ok: false; reason: "type_not_allowed" | "type_mismatch" };

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8_192);
  if (sample.includes(0)) return false;
  try {
    // streaming mode tolerates a multi-byte character cut at the end of the sample, and only that
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: bytes.length > sample.length });
    return true;
  } catch {
    return false;
  }
}

/** Decides the type from the bytes; the name only has to agree with what the bytes say. */
export async function sniffUpload(bytes: Uint8Array, fileName: string): Promise<SniffResult> {
  const extension = fileName.toLowerCase().split(".").pop() ?? "";
  const detected = await fileTypeFromBuffer(bytes);
  let mimeType: string | undefined = detected?.mime;
  if (!detected && looksLikeText(bytes)) {
    const text = new TextDecoder().decode(bytes.subarray(0, 64));
    mimeType = text.startsWith("WEBVTT")
      ? "text/vtt"
      : extension === "csv"
        ? "text/csv"
        : extension === "json"
          ? "application/json"
          : "text/plain";
  }
  if (!mimeType || !allowedTypes[mimeType]) return { ok: false, reason: "type_not_allowed" };
  if (!allowedTypes[mimeType]!.includes(extension)) return { ok: false, reason: "type_mismatch" };
  return { ok: true, mimeType };
}
