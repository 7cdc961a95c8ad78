import { describe, expect, it } from "vitest";
import { sniffUpload } from "./sniff.ts";

// Small but real headers of each format: the type must come from these bytes, not the name.
const samples = {
  pdf: Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"),
  png: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\0"), Buffer.alloc(64, 0x01)]),
  webp: Buffer.concat([Buffer.from("RIFF"), Buffer.from([0x24, 0, 0, 0]), Buffer.from("WEBPVP8 "), Buffer.alloc(32, 0x01)]),
  mp4: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom"), Buffer.from([0, 0, 2, 0]), Buffer.from("isomiso2"), Buffer.alloc(32)]),
  text: Buffer.from("Piano di continuità operativa: perché è così importante.\n"),
  csv: Buffer.from("comune;referente\nDemo;Maria Rossi\n"),
  json: Buffer.from('{"comune":"Demo"}'),
  vtt: Buffer.from("WEBVTT\n\n00:00.000 --> 00:02.000\nBenvenuti\n"),
  html: Buffer.from("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"),
  svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
  // a Windows executable: "MZ", the PE header offset, "PE\0\0"
  exe: (() => {
    const b = Buffer.alloc(512);
    b.write("MZ");
    b.writeUInt32LE(0x80, 0x3c);
    b.write("PE\0\0", 0x80, "latin1");
    return b;
  })(),
  elf: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]),
};

describe("content sniffing", () => {
  it.each([
    ["pdf", "relazione.pdf", "application/pdf"],
    ["pdf", "RELAZIONE.PDF", "application/pdf"],
    ["png", "logo.png", "image/png"],
    ["jpeg", "foto.jpg", "image/jpeg"],
    ["jpeg", "foto.jpeg", "image/jpeg"],
    ["webp", "foto.webp", "image/webp"],
    ["mp4", "corso.mp4", "video/mp4"],
    ["text", "note.txt", "text/plain"],
    ["csv", "referenti.csv", "text/csv"],
    ["json", "dati.json", "application/json"],
    ["vtt", "sottotitoli.vtt", "text/vtt"],
  ] as const)("recognises %s content named %s", async (kind, name, mimeType) => {
    expect(await sniffUpload(samples[kind], name)).toEqual({ ok: true, mimeType });
  });

  it.each([
    ["html", "fattura.pdf", "type_mismatch"],
    ["html", "pagina.html", "type_mismatch"],
    ["svg", "logo.png", "type_mismatch"],
    ["exe", "fattura.pdf", "type_not_allowed"],
    ["exe", "setup.exe", "type_not_allowed"],
    ["elf", "fattura.pdf", "type_not_allowed"],
    ["png", "foto.jpg", "type_mismatch"],
    ["pdf", "relazione.txt", "type_mismatch"],
    ["pdf", "relazione", "type_mismatch"],
  ] as const)("refuses %s content named %s", async (kind, name, reason) => {
    expect(await sniffUpload(samples[kind], name)).toEqual({ ok: false, reason });
  });

  it("treats markup named .txt as plain text, never as a web page", async () => {
    expect(await sniffUpload(samples.html, "pagina.txt")).toEqual({ ok: true, mimeType: "text/plain" });
  });

  it("refuses binary data that is neither a known format nor text", async () => {
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37 + 11) % 256));
    expect(await sniffUpload(binary, "dati.txt")).toEqual({ ok: false, reason: "type_not_allowed" });
  });

  it("accepts long UTF-8 text whose sample ends inside a character, but not long non-UTF-8 text", async () => {
    const cut = Buffer.concat([Buffer.alloc(8_191, 0x61), Buffer.from("è più lungo")]);
    expect(await sniffUpload(cut, "lungo.txt")).toEqual({ ok: true, mimeType: "text/plain" });
    const latin1 = Buffer.concat([Buffer.from("Perch\xe9 ", "latin1"), Buffer.alloc(9_000, 0x61)]);
    expect(await sniffUpload(latin1, "lungo.txt")).toEqual({ ok: false, reason: "type_not_allowed" });
  });
});
