import { describe, expect, it } from "vitest";
import { inlineText, parseInline, parseMarkdown, safeHref } from "../../web/src/features/academy/markdown.ts";

// The academy's article parser: the subset of Markdown the articles use, and nothing that could
// become markup or a script. Pure functions, no DOM: the renderer only maps this tree to elements.

describe("academy markdown: blocks", () => {
  it("parses headings, paragraphs joined across lines, lists and quotes", () => {
    const blocks = parseMarkdown("## Che cos'è\n\nUna riga\ne la seguente.\n\n### Dettaglio\n\n- uno\n- due\n  continua\n\n3. tre\n4. quattro\n\n> Regola d'oro: **fermatevi**.");
    expect(blocks).toEqual([
      { kind: "heading", level: 2, children: [{ kind: "text", text: "Che cos'è" }] },
      { kind: "paragraph", children: [{ kind: "text", text: "Una riga e la seguente." }] },
      { kind: "heading", level: 3, children: [{ kind: "text", text: "Dettaglio" }] },
      { kind: "list", ordered: false, start: 1, items: [[{ kind: "text", text: "uno" }], [{ kind: "text", text: "due continua" }]] },
      { kind: "list", ordered: true, start: 3, items: [[{ kind: "text", text: "tre" }], [{ kind: "text", text: "quattro" }]] },
      {
        kind: "quote",
        blocks: [{ kind: "paragraph", children: [{ kind: "text", text: "Regola d'oro: " }, { kind: "strong", children: [{ kind: "text", text: "fermatevi" }] }, { kind: "text", text: "." }] }],
      },
    ]);
  });

  it("makes a top-level heading an h2 (the page title is the h1) and deeper ones h3", () => {
    expect(parseMarkdown("# Uno\n#### Quattro").map((b) => (b.kind === "heading" ? b.level : 0))).toEqual([2, 3]);
  });

  it("keeps a list item that starts with an emphasis", () => {
    const [list] = parseMarkdown("- *smishing* via SMS");
    expect(list).toEqual({ kind: "list", ordered: false, start: 1, items: [[{ kind: "em", children: [{ kind: "text", text: "smishing" }] }, { kind: "text", text: " via SMS" }]] });
  });

  it("shows raw HTML as text", () => {
    const blocks = parseMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">');
    expect(blocks).toEqual([
      { kind: "paragraph", children: [{ kind: "text", text: "<script>alert(1)</script>" }] },
      { kind: "paragraph", children: [{ kind: "text", text: '<img src=x onerror="alert(2)">' }] },
    ]);
  });

  it("limits how deep quotes nest", () => {
    const blocks = parseMarkdown("> > > > > profondo");
    let depth = 0;
    let current = blocks[0];
    while (current?.kind === "quote") {
      depth++;
      current = current.blocks[0];
    }
    expect(depth).toBe(3);
    expect(current).toEqual({ kind: "paragraph", children: [{ kind: "text", text: "> > profondo" }] });
  });
});

describe("academy markdown: inline marks and links", () => {
  it("parses bold, italic, code and nested marks", () => {
    expect(parseInline("**Cambiatela *subito*** e usate `assistenza@banca.it`")).toEqual([
      { kind: "strong", children: [{ kind: "text", text: "Cambiatela " }, { kind: "em", children: [{ kind: "text", text: "subito" }] }] },
      { kind: "text", text: " e usate " },
      { kind: "code", text: "assistenza@banca.it" },
    ]);
  });

  it("does not treat a lone or spaced asterisk as emphasis, and honours escapes", () => {
    expect(parseInline("3 * 4 = 12 e \\*non corsivo\\*")).toEqual([{ kind: "text", text: "3 * 4 = 12 e *non corsivo*" }]);
    expect(parseInline("**aperto e mai chiuso")).toEqual([{ kind: "text", text: "**aperto e mai chiuso" }]);
  });

  it("keeps code as written, marks included", () => {
    expect(parseInline("`**non grassetto** <b>`")).toEqual([{ kind: "code", text: "**non grassetto** <b>" }]);
  });

  it("links only to http(s) and mailto addresses", () => {
    expect(parseInline("[Polizia Postale](https://www.commissariatodips.it) o [scriveteci](mailto:cert@comune.it)")).toEqual([
      { kind: "link", href: "https://www.commissariatodips.it", children: [{ kind: "text", text: "Polizia Postale" }] },
      { kind: "text", text: " o " },
      { kind: "link", href: "mailto:cert@comune.it", children: [{ kind: "text", text: "scriveteci" }] },
    ]);
  });

  it("drops the address of any other link and keeps its words", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "/relativo", "//altro.example", "https://a b.it"]) {
      expect(parseInline(`[clicca](${href})`), href).toEqual([{ kind: "text", text: "clicca" }]);
    }
    expect(safeHref(" https://example.org/a?b=1 ")).toBe("https://example.org/a?b=1");
    expect(safeHref("https://x.it\u0000")).toBeNull();
  });

  it("gives the plain words of inline content", () => {
    expect(inlineText(parseInline("Il **dominio** è `x.it` e [qui](https://x.it)"))).toBe("Il dominio è x.it e qui");
  });

  it("parses every starter article without losing words", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const folder = new URL("../../catalogs/academy/", import.meta.url);
    const articles = readdirSync(folder)
      .filter((f) => f.endsWith(".json"))
      .flatMap((f) => (JSON.parse(readFileSync(new URL(f, folder), "utf8")) as { modules: { items: { kind: string; markdown?: string }[] }[] }).modules)
      .flatMap((m) => m.items.filter((i) => i.kind === "article").map((i) => i.markdown!));
    expect(articles.length).toBeGreaterThanOrEqual(6);
    for (const article of articles) {
      const blocks = parseMarkdown(article);
      expect(blocks.some((b) => b.kind === "heading")).toBe(true);
      // no Markdown mark is left over as text in a heading or a list
      const words = JSON.stringify(blocks);
      expect(words).not.toMatch(/"text":"[^"]*\*\*/);
      expect(words).not.toMatch(/"text":"#/);
    }
  });
});
