// The SCORM 1.2 runtime API a package finds as window.parent.API: LMSInitialize, LMSGetValue,
// LMSSetValue, LMSCommit, LMSFinish and the error calls. Values live in memory for the session;
// on LMSCommit and LMSFinish what matters to us (lesson status, raw score, session time) goes to
// `report`, which sends it to the server. Strings in, strings out, as SCORM 1.2 wants.

export type LessonStatus = "passed" | "completed" | "failed" | "incomplete" | "browsed" | "not attempted";
export interface RuntimeReport {
  lessonStatus: LessonStatus;
  scoreRaw?: number;
  sessionSeconds?: number;
}

const statuses: readonly string[] = ["passed", "completed", "failed", "incomplete", "browsed", "not attempted"];
const writable = new Set(["cmi.core.lesson_status", "cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max", "cmi.core.session_time", "cmi.core.exit", "cmi.core.lesson_location", "cmi.suspend_data"]);

/** "HHHH:MM:SS.SS" to seconds; undefined when malformed. */
export function sessionSeconds(value: string): number | undefined {
  const m = /^(\d{2,4}):(\d{2}):(\d{2})(\.\d{1,2})?$/.exec(value);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined;
}

export function createScormApi(report: (r: RuntimeReport) => void, learnerName = "") {
  const values = new Map<string, string>([
    ["cmi.core.lesson_status", "not attempted"],
    ["cmi.core.student_name", learnerName],
    ["cmi.core.score.raw", ""],
    ["cmi.core.credit", "credit"],
    ["cmi.core.entry", "ab-initio"],
  ]);
  let state: "new" | "running" | "finished" = "new";
  let lastError = "0";
  const fail = (code: string, result: string) => {
    lastError = code;
    return result;
  };
  const send = () => {
    const status = values.get("cmi.core.lesson_status")!;
    const raw = values.get("cmi.core.score.raw");
    const seconds = sessionSeconds(values.get("cmi.core.session_time") ?? "");
    report({
      lessonStatus: status as LessonStatus,
      ...(raw ? { scoreRaw: Math.max(0, Math.min(100, Number(raw))) } : {}),
      ...(seconds !== undefined ? { sessionSeconds: seconds } : {}),
    });
  };
  return {
    LMSInitialize(_: string) {
      if (state !== "new") return fail("101", "false");
      state = "running";
      return fail("0", "true");
    },
    LMSFinish(_: string) {
      if (state !== "running") return fail("301", "false");
      send();
      state = "finished";
      return fail("0", "true");
    },
    LMSGetValue(name: string) {
      if (state !== "running") return fail("301", "");
      if (!values.has(name) && !writable.has(name)) return fail("401", "");
      return fail("0", values.get(name) ?? "");
    },
    LMSSetValue(name: string, value: string) {
      if (state !== "running") return fail("301", "false");
      if (!writable.has(name)) return fail(name.startsWith("cmi.") ? "403" : "401", "false");
      const text = String(value);
      if (name === "cmi.core.lesson_status" && !statuses.includes(text)) return fail("405", "false");
      if (name.startsWith("cmi.core.score.") && text !== "" && !(Number(text) >= 0 && Number(text) <= 100)) return fail("405", "false");
      values.set(name, text);
      return fail("0", "true");
    },
    LMSCommit(_: string) {
      if (state !== "running") return fail("301", "false");
      send();
      return fail("0", "true");
    },
    LMSGetLastError: () => lastError,
    LMSGetErrorString: (code: string) => ({ "0": "No error", "101": "General exception", "301": "Not initialized", "401": "Not implemented", "403": "Element is read only", "405": "Incorrect data type" })[code] ?? "",
    LMSGetDiagnostic: (code: string) => code,
  };
}
