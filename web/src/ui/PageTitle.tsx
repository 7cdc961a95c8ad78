import { useEffect, useRef, type ReactNode } from "react";

// On the first page of a visit the browser already starts at the top (skip link first).
let firstPage = true;

/**
 * The page's h1, also the document title. After client-side navigation it takes focus, so a
 * screen reader announces the new page.
 */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const text = title ?? (typeof children === "string" ? children : "");
  useEffect(() => {
    document.title = text ? `${text} · Cittadella` : "Cittadella";
  }, [text]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1} className="h2 mb-4 page-title">
      {children}
    </h1>
  );
}
