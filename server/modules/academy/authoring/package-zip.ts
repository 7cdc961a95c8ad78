import JSZip from "jszip";
import { HttpError, invalidField } from "../../../platform/http/errors.ts";

// Reading an uploaded zip (a path package or a SCORM package) without trusting it: every entry's
// name must stay inside the package, no symbolic links, and the number and unpacked size of the
// entries are bounded while unpacking (a zip's declared sizes can lie), so a small "zip bomb"
// cannot fill memory or disk. Nothing is stored here: the caller stores only after all passed.

export interface ZipLimits {
  maxEntries: number;
  /** unpacked bytes of one entry */
  maxEntryBytes: number;
  /** unpacked bytes of all entries together */
  maxTotalBytes: number;
}

export const zipLimitsFor = (uploadLimitBytes: number): ZipLimits => ({
  maxEntries: 2_000,
  maxEntryBytes: uploadLimitBytes,
  maxTotalBytes: uploadLimitBytes * 4,
});

/** A relative name with forward slashes that cannot leave the package folder; null otherwise. */
export function safeEntryName(name: string): string | null {
  if (!name || name.length > 300 || name.includes("\\") || name.includes("\0")) return null;
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) return null;
  const parts = name.replace(/\/$/, "").split("/");
  if (parts.some((p) => p === "" || p === "." || p === "..")) return null;
  return parts.join("/");
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

const refuse = (reason: "zip_invalid" | "zip_entry_unsafe" | "zip_entry_symlink" | "zip_too_many_entries" | "zip_too_large", params?: Record<string, string | number>) =>
  invalidField("body.file", reason, params);

/** The files of the zip by their name inside it (folders left out). */
export async function readZip(bytes: Buffer, limits: ZipLimits): Promise<Map<string, Buffer>> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch {
    throw refuse("zip_invalid");
  }
  const entries = Object.values(zip.files);
  if (entries.length > limits.maxEntries) throw refuse("zip_too_many_entries", { maximum: limits.maxEntries });
  for (const entry of entries) {
    // jszip cleans "../" out of names and keeps the name as written here: judge what was written
    const written = (entry as { unsafeOriginalName?: string }).unsafeOriginalName ?? entry.name;
    if (!safeEntryName(written)) throw refuse("zip_entry_unsafe", { name: written.slice(0, 120) });
    const mode = typeof entry.unixPermissions === "number" ? entry.unixPermissions : 0;
    if ((mode & S_IFMT) === S_IFLNK) throw refuse("zip_entry_symlink", { name: written.slice(0, 120) });
  }
  const files = new Map<string, Buffer>();
  let total = 0;
  for (const entry of entries) {
    if (entry.dir) continue;
    const data = await unpackBounded(entry, Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total), limits);
    total += data.length;
    files.set(safeEntryName(entry.name)!, data);
  }
  return files;
}

interface ZipStream {
  on(event: "data", listener: (chunk: Uint8Array) => void): ZipStream;
  on(event: "error", listener: (error: Error) => void): ZipStream;
  on(event: "end", listener: () => void): ZipStream;
  pause(): ZipStream;
  resume(): ZipStream;
}

function unpackBounded(entry: JSZip.JSZipObject, budget: number, limits: ZipLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () => new HttpError(422, "validation_failed", [{ field: "body.file", reason: "zip_too_large", params: { maximum: limits.maxEntryBytes, total: limits.maxTotalBytes } }]);
    // internalStream (in jszip, missing from its typings) unpacks chunk by chunk, so we can stop early
    const stream = (entry as unknown as { internalStream(type: "uint8array"): ZipStream }).internalStream("uint8array");
    stream
      .on("data", (chunk: Uint8Array) => {
        size += chunk.length;
        if (size > budget) {
          stream.pause();
          reject(tooLarge());
          return;
        }
        chunks.push(Buffer.from(chunk));
      })
      .on("error", () => reject(refuse("zip_invalid")))
      .on("end", () => resolve(Buffer.concat(chunks)))
      .resume();
  });
}
