import type { Schemas } from "../../api/types.ts";

// One requirement's answer as the form edits it: strings, so "" means "not given".

export type AnswerStatus = Schemas["AssessmentAnswer"]["status"];
export const answerStatuses: AnswerStatus[] = ["implemented", "partial", "not_implemented", "not_applicable"];

export interface AnswerDraft {
  status: AnswerStatus | "";
  reason: string;
  currentMaturity: string;
  targetMaturity: string;
  notes: string;
}

export const emptyDraft: AnswerDraft = { status: "", reason: "", currentMaturity: "", targetMaturity: "", notes: "" };

export function draftOf(answer: Schemas["AssessmentAnswer"] | undefined): AnswerDraft {
  if (!answer) return emptyDraft;
  return {
    status: answer.status,
    reason: answer.reason ?? "",
    currentMaturity: answer.currentMaturity?.toString() ?? "",
    targetMaturity: answer.targetMaturity?.toString() ?? "",
    notes: answer.notes ?? "",
  };
}

export const sameDraft = (a: AnswerDraft, b: AnswerDraft) =>
  a.status === b.status && a.reason === b.reason && a.currentMaturity === b.currentMaturity && a.targetMaturity === b.targetMaturity && a.notes === b.notes;

const numberOrNull = (value: string) => (value === "" ? null : Number(value));
const textOrNull = (value: string) => (value.trim() === "" ? null : value);

/** The bulk PUT's row; the caller checks a status was chosen. */
export function toAnswerInput(requirementId: string, draft: AnswerDraft & { status: AnswerStatus }) {
  return {
    requirementId,
    status: draft.status,
    // the server requires a reason for N/A and keeps none otherwise
    reason: draft.status === "not_applicable" ? textOrNull(draft.reason) : null,
    currentMaturity: numberOrNull(draft.currentMaturity),
    targetMaturity: numberOrNull(draft.targetMaturity),
    notes: textOrNull(draft.notes),
  };
}
