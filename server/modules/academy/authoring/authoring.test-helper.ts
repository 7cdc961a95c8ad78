import JSZip from "jszip";
import type { TestApp } from "../../../../test/helpers/test-app.ts";

// Packages and zips built in the tests themselves: small but real files of each kind.

export const samples = {
  mp4: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom"), Buffer.from([0, 0, 2, 0]), Buffer.from("isomiso2"), Buffer.alloc(200, 7)]),
  vtt: Buffer.from("WEBVTT\n\n00:00.000 --> 00:02.000\nBenvenuti\n"),
  pdf: Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"),
  html: Buffer.from("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"),
};

/** A valid package with an article, a video (media/intro.mp4, captions media/intro.it.vtt) and a PDF resource. */
export function videoPackage(id: string, version = "1.0.0") {
  return {
    format: "cittadella-academy-path/1",
    id,
    version,
    language: "it",
    title: "Percorso con video",
    summary: "Un percorso di prova con un video",
    audiences: ["employees"],
    level: "base",
    author: "Redazione di prova",
    licence: "CC BY-SA 4.0",
    modules: [
      {
        id: "m1",
        title: "Modulo uno",
        summary: "Il primo modulo",
        completion: "all_items",
        items: [
          { id: "a1", kind: "article", title: "Articolo", markdown: "Testo **importante**.", estimatedMinutes: 3 },
          {
            id: "v1",
            kind: "video",
            title: "Video",
            media: "media/intro.mp4",
            captions: [{ language: "it", file: "media/intro.it.vtt" }],
            transcript: "Benvenuti nel corso.",
            estimatedMinutes: 2,
          },
          { id: "r1", kind: "resource", title: "Scheda", description: "La scheda da stampare", file: "media/scheda.pdf" },
        ],
      },
    ],
  };
}

export async function zipOf(files: Record<string, Buffer | string>, options: { unixSymlink?: string } = {}) {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data, { createFolders: false });
  // a symbolic link as zip tools write it: the link's target as content, S_IFLNK in the mode
  if (options.unixSymlink) zip.file(options.unixSymlink, "/etc/passwd", { unixPermissions: 0o120777, createFolders: false });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", platform: "UNIX" });
}

export function packageZip(pkg: object, media: Record<string, Buffer> = { "media/intro.mp4": samples.mp4, "media/intro.it.vtt": samples.vtt, "media/scheda.pdf": samples.pdf }) {
  return zipOf({ "path.json": JSON.stringify(pkg), ...media });
}

export function multipart(bytes: Buffer, fileName = "pacchetto.zip") {
  const boundary = "----cittadellaacademy";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/zip\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(t: TestApp, url: string, headers: Record<string, string>, bytes: Buffer) {
  const body = multipart(bytes);
  return t.app.inject({ method: "POST", url, headers: { ...headers, "content-type": body.contentType }, payload: body.payload });
}
