import { inflateSync } from "node:zlib";

// The text a PDF made by pdfkit shows, for tests: every content stream is inflated when it is
// compressed, and the strings of its TJ operators (hex, WinAnsi, which matches Latin-1 for the
// letters of Italian) are joined line by line. Not a general PDF reader, just an honest look
// inside the bytes the route sends.
export function pdfText(pdf: Buffer): string {
  const lines: string[] = [];
  const marker = Buffer.from("stream");
  for (let at = pdf.indexOf(marker); at !== -1; at = pdf.indexOf(marker, at + 1)) {
    if (pdf.subarray(at - 3, at).toString("latin1") === "end") continue;
    let start = at + marker.length;
    if (pdf[start] === 0x0d) start++;
    if (pdf[start] === 0x0a) start++;
    const end = pdf.indexOf("endstream", start);
    if (end === -1) break;
    const raw = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(raw).toString("latin1");
    } catch {
      content = raw.toString("latin1");
    }
    for (const match of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...match[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join("");
      lines.push(Buffer.from(hex, "hex").toString("latin1"));
    }
    at = end;
  }
  return lines.join("\n");
}
