import PDFDocument from "pdfkit";
import type { Locale } from "../../platform/i18n/locale.ts";
import { fillTemplate } from "../../platform/i18n/template.ts";
import type { CertificateRow } from "./certificates.service.ts";

// The certificate as one landscape A4 page: who, what path, when, how many hours, and the code
// with the address where anyone can check it. Helvetica (a PDF standard font) covers Italian
// accents, so no font file is embedded, as in the assessment report.

const text = {
  title: { it: "Attestato di completamento", en: "Certificate of completion" },
  certifies: { it: "Si attesta che", en: "This certifies that" },
  completed: { it: "ha completato il percorso formativo", en: "has completed the learning path" },
  on: { it: "il {date}", en: "on {date}" },
  hours: { it: "Impegno stimato: {hours} ore", en: "Estimated effort: {hours} hours" },
  minutes: { it: "Impegno stimato: {minutes} minuti", en: "Estimated effort: {minutes} minutes" },
  code: { it: "Codice di verifica", en: "Verification code" },
  verifyAt: { it: "Verifica l'autenticità su {url}", en: "Check it is genuine at {url}" },
  issuer: { it: "Cittadella - Accademia della sicurezza digitale", en: "Cittadella - Digital security academy" },
} as const;

const say = (locale: Locale, key: keyof typeof text, params: Record<string, string> = {}) => fillTemplate(text[key][locale], params, "");

const colours = { ink: "#1a1a1a", muted: "#5c6f82", accent: "#0066cc" };

export const verificationUrl = (publicUrl: string, code: string) => `${publicUrl.replace(/\/$/, "")}/academy/certificates/${encodeURIComponent(code)}`;

export function renderCertificate(row: CertificateRow, publicUrl: string, locale: Locale, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margins: { top: 60, bottom: 50, left: 70, right: 70 },
    compress: options.compress ?? true,
    lang: locale === "it" ? "it-IT" : "en-GB",
    info: { Title: `${say(locale, "title")} - ${row.pathTitle}`, Author: "Cittadella", Subject: row.learnerName },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const { width, height, margins } = doc.page;
  const inner = width - margins.left - margins.right;
  doc.rect(25, 25, width - 50, height - 50).lineWidth(3).strokeColor(colours.accent).stroke();
  const centred = (value: string, font: string, size: number, colour = colours.ink) =>
    doc.font(font).fontSize(size).fillColor(colour).text(value, margins.left, doc.y, { width: inner, align: "center" });

  doc.y = 80;
  centred(say(locale, "issuer"), "Helvetica", 12, colours.muted);
  doc.moveDown(1.2);
  centred(say(locale, "title"), "Helvetica-Bold", 30, colours.accent);
  doc.moveDown(1.2);
  centred(say(locale, "certifies"), "Helvetica", 14);
  doc.moveDown(0.5);
  centred(row.learnerName, "Helvetica-Bold", 26);
  doc.moveDown(0.5);
  centred(say(locale, "completed"), "Helvetica", 14);
  doc.moveDown(0.5);
  centred(row.pathTitle, "Helvetica-Bold", 20, colours.accent);
  doc.moveDown(0.5);
  const date = new Intl.DateTimeFormat(locale === "it" ? "it-IT" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Rome" }).format(row.issuedAt);
  centred(say(locale, "on", { date }), "Helvetica", 14);
  if (row.minutes > 0) {
    doc.moveDown(0.3);
    const hours = (Math.round((row.minutes / 60) * 10) / 10).toLocaleString(locale === "it" ? "it-IT" : "en-GB");
    const effort = row.minutes < 60 ? say(locale, "minutes", { minutes: String(row.minutes) }) : say(locale, "hours", { hours });
    centred(effort, "Helvetica", 11, colours.muted);
  }
  doc.y = height - 130;
  centred(`${say(locale, "code")}: ${row.code}`, "Helvetica-Bold", 14);
  doc.moveDown(0.3);
  centred(say(locale, "verifyAt", { url: verificationUrl(publicUrl, row.code) }), "Helvetica", 10, colours.muted);
  doc.end();
  return done;
}
