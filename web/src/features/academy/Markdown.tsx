import { useMemo, type ReactNode } from "react";
import { parseMarkdown, type Block, type Inline } from "./markdown.ts";

// Renders the tree of markdown.ts as React elements: every text goes through React's escaping, so
// raw HTML in an article is shown as text. No dangerouslySetInnerHTML anywhere.

function inline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case "text":
        return node.text;
      case "code":
        return <code key={i}>{node.text}</code>;
      case "strong":
        return <strong key={i}>{inline(node.children)}</strong>;
      case "em":
        return <em key={i}>{inline(node.children)}</em>;
      case "link":
        return (
          <a key={i} href={node.href} rel="noopener noreferrer nofollow">
            {inline(node.children)}
          </a>
        );
    }
  });
}

function block(node: Block, key: number): ReactNode {
  switch (node.kind) {
    case "heading":
      return node.level === 2 ? <h2 key={key} className="h4 mt-4">{inline(node.children)}</h2> : <h3 key={key} className="h5 mt-3">{inline(node.children)}</h3>;
    case "paragraph":
      return <p key={key}>{inline(node.children)}</p>;
    case "list": {
      const items = node.items.map((item, i) => <li key={i}>{inline(item)}</li>);
      return node.ordered ? (
        <ol key={key} start={node.start === 1 ? undefined : node.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case "quote":
      return (
        <blockquote key={key} className="blockquote academy-quote">
          {node.blocks.map(block)}
        </blockquote>
      );
  }
}

/** An article's Markdown as elements. */
export function Markdown({ source, lang }: { source: string; lang?: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <div className="academy-article" lang={lang}>
      {blocks.map(block)}
    </div>
  );
}
