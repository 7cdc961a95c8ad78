// A small Markdown parser for the academy's articles, with no dependency and no HTML output: it
// returns a tree that Markdown.tsx turns into React elements, so anything that looks like HTML in
// the content is shown as text, never interpreted. It knows only the subset our articles use:
// headings, paragraphs, ordered and unordered lists, block quotes, **bold**, *italic*, `code` and
// links to http(s) and mailto addresses (any other link keeps its words and loses its address).

export type Inline =
  | { kind: "text"; text: string }
  | { kind: "strong"; children: Inline[] }
  | { kind: "em"; children: Inline[] }
  | { kind: "code"; text: string }
  | { kind: "link"; href: string; children: Inline[] };

export type Block =
  | { kind: "heading"; level: 2 | 3; children: Inline[] }
  | { kind: "paragraph"; children: Inline[] }
  | { kind: "list"; ordered: boolean; start: number; items: Inline[][] }
  | { kind: "quote"; blocks: Block[] };

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
// quotes inside quotes inside quotes: deep enough for prose, shallow enough for hostile input
const MAX_QUOTE_DEPTH = 3;
const MAX_INLINE_DEPTH = 4;

/** The address when it is an absolute http(s) or mailto link, else null. */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (!href || /[\s\u0000-\u001f<>"]/.test(href)) return null;
  try {
    const url = new URL(href);
    return SAFE_PROTOCOLS.has(url.protocol) ? href : null;
  } catch {
    return null;
  }
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;

/** Parses an article into blocks. */
export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.replace(/\r\n?/g, "\n").split("\n"), 0);
}

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: "paragraph", children: parseInline(paragraph.join(" ")) });
    paragraph = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      flush();
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      // the page's own title is the h1: an article's top headings are h2
      blocks.push({ kind: "heading", level: heading[1]!.length <= 2 ? 2 : 3, children: parseInline(heading[2]!) });
      i++;
      continue;
    }
    if (QUOTE.test(line) && depth < MAX_QUOTE_DEPTH) {
      flush();
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) inner.push(QUOTE.exec(lines[i++]!)![1]!);
      blocks.push({ kind: "quote", blocks: parseBlocks(inner, depth + 1) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      flush();
      const ordered = numbered !== null;
      const marker = ordered ? NUMBERED : BULLET;
      const items: string[] = [];
      const start = numbered ? Number(numbered[1]) : 1;
      while (i < lines.length) {
        const current = lines[i]!;
        const match = marker.exec(current);
        if (match) items.push(ordered ? match[2]! : match[1]!);
        // an indented line continues the item above it
        else if (current.trim() && /^\s+/.test(current) && items.length) items[items.length - 1] += ` ${current.trim()}`;
        else break;
        i++;
      }
      blocks.push({ kind: "list", ordered, start, items: items.map((text) => parseInline(text)) });
      continue;
    }
    paragraph.push(line.trim());
    i++;
  }
  flush();
  return blocks;
}

/** Parses the inline marks of one block of text. */
export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let plain = "";
  const pushText = (s: string) => {
    plain += s;
  };
  const flushText = () => {
    if (plain) out.push({ kind: "text", text: plain });
    plain = "";
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\\" && i + 1 < text.length && /[\\`*_[\]()#>+\-.!]/.test(text[i + 1]!)) {
      pushText(text[i + 1]!);
      i += 2;
      continue;
    }
    if (ch === "`") {
      const end = text.indexOf("`", i + 1);
      if (end > i + 1) {
        flushText();
        out.push({ kind: "code", text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (depth < MAX_INLINE_DEPTH && text.startsWith("**", i)) {
      const end = closing(text, "**", i + 2);
      if (end > i + 2) {
        flushText();
        out.push({ kind: "strong", children: parseInline(text.slice(i + 2, end), depth + 1) });
        i = end + 2;
        continue;
      }
    }
    if (depth < MAX_INLINE_DEPTH && ch === "*" && text[i + 1] !== "*" && text[i + 1] !== undefined && !/\s/.test(text[i + 1]!)) {
      const end = closing(text, "*", i + 1);
      if (end > i + 1) {
        flushText();
        out.push({ kind: "em", children: parseInline(text.slice(i + 1, end), depth + 1) });
        i = end + 1;
        continue;
      }
    }
    if (ch === "[" && depth < MAX_INLINE_DEPTH) {
      const link = linkAt(text, i);
      if (link) {
        flushText();
        const children = parseInline(link.label, depth + 1);
        const href = safeHref(link.href);
        if (href) out.push({ kind: "link", href, children });
        else out.push(...children);
        i = link.end;
        continue;
      }
    }
    pushText(ch);
    i++;
  }
  flushText();
  return out;
}

/** Where `mark` closes an emphasis opened before `from`: not after a space, not a `**` for `*`. */
function closing(text: string, mark: string, from: number): number {
  let at = text.indexOf(mark, from);
  while (at !== -1) {
    // "***" closing "**…*…***": the inner emphasis takes the first star, the strong the last two
    if (mark === "**" && text[at + 2] === "*") at++;
    const before = text[at - 1];
    const doubled = mark === "*" && text[at + 1] === "*";
    if (before !== undefined && !/\s/.test(before) && !doubled && before !== "\\") return at;
    at = text.indexOf(mark, doubled ? at + 2 : at + 1);
  }
  return -1;
}

/** `[label](href)` starting at `start`. */
function linkAt(text: string, start: number): { label: string; href: string; end: number } | null {
  const close = text.indexOf("](", start + 1);
  if (close === -1) return null;
  const label = text.slice(start + 1, close);
  if (!label || label.includes("[")) return null;
  // an address may hold balanced parentheses, as Wikipedia's do
  let end = -1;
  let open = 0;
  for (let i = close + 2; i < text.length; i++) {
    if (text[i] === "(") open++;
    else if (text[i] === ")" && open-- === 0) {
      end = i;
      break;
    }
  }
  if (end === -1) return null;
  return { label, href: text.slice(close + 2, end), end: end + 1 };
}

/** The plain words of inline content (for titles and accessible names). */
export function inlineText(nodes: Inline[]): string {
  return nodes.map((n) => (n.kind === "text" || n.kind === "code" ? n.text : inlineText(n.children))).join("");
}
