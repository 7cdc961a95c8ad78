import { useEffect, useRef, useState, type ReactNode } from "react";
import { FormErrors, useFormErrors } from "../../ui/index.ts";
import { useLocale } from "../../i18n/locale.tsx";
import { useT } from "../../i18n/use-t.ts";
import { formatScore } from "./model.ts";
import type { AcademyItem, PhishingResult } from "./academy-api.ts";
import { messages } from "./messages.ts";

export type PhishingExercise = NonNullable<AcademyItem["exercise"]>;
type Part = { id: string; text: string };

export interface PhishingPlayerProps {
  exercise: PhishingExercise;
  /** marks the parts and returns the feedback on each */
  onCheck: (marked: string[]) => Promise<PhishingResult>;
  lang?: string;
}

/**
 * "Spot the phishing": the message drawn as an email, SMS, chat or web page made of parts the
 * learner marks with toggle buttons (aria-pressed), then the verdict and feedback on every part
 * and the debrief. Nothing of the message is a real link: it is text in buttons.
 */
export function PhishingPlayer({ exercise, onCheck, lang }: PhishingPlayerProps) {
  const t = useT(messages);
  const { locale } = useLocale();
  const [marked, setMarked] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<PhishingResult | null>(null);
  const [busy, setBusy] = useState(false);
  const { error, run } = useFormErrors();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (result) heading.current?.focus();
  }, [result]);

  const header = exercise.header ?? [];
  const body = exercise.body ?? [];
  const channel = exercise.channel ?? "email";
  const verdictOf = (id: string) => result?.parts.find((p) => p.partId === id);
  const toggle = (id: string) =>
    setMarked((m) => {
      const next = new Set(m);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const button = (part: Part, block: boolean) => {
    const on = marked.has(part.id);
    const verdict = verdictOf(part.id);
    return (
      <button
        type="button"
        key={part.id}
        data-part={part.id}
        className={`phish-part ${block ? "phish-part-block" : ""} ${on ? "phish-part-marked" : ""} ${verdict ? (verdict.right ? "phish-part-right" : "phish-part-wrong") : ""}`}
        aria-pressed={on}
        disabled={result !== null}
        onClick={() => toggle(part.id)}
      >
        <span lang={lang}>{part.text}</span>
        {on && <span className="phish-flag"> {t("phishing.markedFlag")}</span>}
      </button>
    );
  };
  const check = async () => {
    setBusy(true);
    const checked = await run(() => onCheck([...marked]));
    setBusy(false);
    if (checked) setResult(checked);
  };
  const all: { label?: string; part: Part }[] = [...header.map((h) => ({ label: h.label, part: h.part })), ...body.map((part) => ({ part }))];

  return (
    <div className="academy-phishing">
      <p id="phishing-help">{t("phishing.help")}</p>
      <Frame channel={channel} label={t(`phishing.channel.${channel}`)}>
        <div className="phish-header">
          {header.map((h) => (
            <div key={h.part.id} className="phish-header-row">
              <span className="phish-label" lang={lang}>
                {h.label}:
              </span>{" "}
              {button(h.part, false)}
            </div>
          ))}
        </div>
        <div className="phish-body">{body.map((p) => button(p, true))}</div>
      </Frame>
      <p className="small mt-2" aria-live="polite">
        {t("phishing.markedCount", { count: marked.size })}
      </p>
      <FormErrors error={error} />
      {!result ? (
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void check()}>
          {busy ? t("phishing.checking") : t("phishing.check")}
        </button>
      ) : null}
      <div aria-live="polite">
        {result && (
          <section className="academy-result p-3 mt-4 rounded" aria-labelledby="phishing-result-heading">
            <h2 id="phishing-result-heading" ref={heading} tabIndex={-1} className="h4">
              {t("phishing.resultTitle")}
            </h2>
            <p>{t("phishing.found", { found: result.found, total: result.suspiciousParts, score: formatScore(result.scorePercent, locale) })}</p>
            <ul className="list-unstyled academy-part-feedback">
              {all.map(({ label, part }) => {
                const v = verdictOf(part.id);
                if (!v) return null;
                const verdict = v.suspicious ? (v.marked ? "phishing.verdict.found" : "phishing.verdict.missed") : v.marked ? "phishing.verdict.falseAlarm" : "phishing.verdict.innocent";
                return (
                  <li key={part.id} className={`p-2 mb-2 rounded academy-feedback academy-feedback-${v.right ? "success" : "danger"}`} data-part-feedback={part.id}>
                    <p className="fw-semibold mb-1">
                      <span aria-hidden="true">{v.right ? "✓ " : "✗ "}</span>
                      {t(verdict)}
                    </p>
                    <p className="mb-1 small" lang={lang}>
                      {label ? `${label}: ` : ""}«{part.text}»
                    </p>
                    <p className="mb-0" lang={lang}>
                      {v.feedback}
                    </p>
                  </li>
                );
              })}
            </ul>
            <h3 className="h5">{t("debrief")}</h3>
            <p lang={lang}>{result.debrief}</p>
            <button
              type="button"
              className="btn btn-outline-primary"
              onClick={() => {
                setResult(null);
                setMarked(new Set());
              }}
            >
              {t("phishing.retry")}
            </button>
          </section>
        )}
      </div>
    </div>
  );
}

/** The mock-up around the message: a mail client, a phone, a chat or a browser window. */
function Frame({ channel, label, children }: { channel: string; label: string; children: ReactNode }) {
  return (
    <figure className={`phish-frame phish-${channel}`} aria-describedby="phishing-help">
      <figcaption className="phish-frame-bar">
        <span aria-hidden="true" className="phish-dots">
          ● ● ●
        </span>{" "}
        {label}
      </figcaption>
      <div className="phish-frame-content">{children}</div>
    </figure>
  );
}
