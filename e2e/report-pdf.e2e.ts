import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// The PDF report as a person gets it: downloaded from the assessment page, then its pages rendered
// by a real PDF renderer (poppler's pdftoppm, Debian package poppler-utils) and looked at pixel by
// pixel: every page has content, the chart's bars are drawn, and a draft carries its watermark.

let server: RunningServer;
let browser: OpenBrowser;
const work = mkdtempSync(join(tmpdir(), "cittadella-report-"));

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  await signIn(browser.page, "sicurezza@comune.demo");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

interface Pixels {
  width: number;
  height: number;
  data: Buffer;
}

/** A binary PPM (P6) as pdftoppm writes it: header, then RGB bytes. */
function readPpm(file: string): Pixels {
  const bytes = readFileSync(file);
  const header = bytes.subarray(0, 64).toString("latin1").match(/^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error(`${file} is not a binary PPM`);
  return { width: Number(header[1]), height: Number(header[2]), data: bytes.subarray(header[0].length) };
}

function share(page: Pixels, test: (r: number, g: number, b: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < page.data.length; i += 3) if (test(page.data[i]!, page.data[i + 1]!, page.data[i + 2]!)) hits++;
  return hits / (page.width * page.height);
}

const inked = (r: number, g: number, b: number) => r + g + b < 600;
const blue = (r: number, g: number, b: number) => b > r + 80 && b > g + 30;
// the watermark is a pale red (about 246,227,227 once rendered over white)
const red = (r: number, g: number, b: number) => r > g + 12 && r > b + 12;

describe("the assessment's PDF report", () => {
  it("renders every page with content, the function chart's bars and the draft watermark", async () => {
    const { page } = browser;
    const year = new Date().getUTCFullYear();
    await page.locator("#navigation").getByRole("link", { name: "Valutazioni" }).click();
    await page.getByRole("link", { name: `Misure di base NIS2 ${year}`, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `Misure di base NIS2 ${year}` }).waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Scarica il rapporto PDF", exact: true }).click()]);
    const pdf = join(work, "rapporto.pdf");
    await download.saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");

    execFileSync("pdftoppm", ["-r", "40", pdf, join(work, "pagina")]);
    const pages = readdirSync(work)
      .filter((f) => f.startsWith("pagina") && f.endsWith(".ppm"))
      .sort()
      .map((f) => readPpm(join(work, f)));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [i, rendered] of pages.entries()) {
      expect(share(rendered, inked), `ink on page ${i + 1}`).toBeGreaterThan(0.005);
      // the demo draft is not approved: every page says BOZZA across it
      expect(share(rendered, red), `watermark on page ${i + 1}`).toBeGreaterThan(0.005);
    }
    // current and target maturity bars per function sit on the second page, after the summary
    expect(share(pages[1]!, blue), "chart bars on page 2").toBeGreaterThan(0.01);
  });
});
