import { Readable } from "node:stream";
import type { AuditRow } from "../../platform/audit/audit.ts";

// Writing the audit log out as CSV or JSON, a row at a time.

const csvColumns = ["seq", "at", "actorLabel", "actorUserId", "action", "entityType", "entityId", "ip", "userAgent", "before", "after", "hash"] as const;

/**
 * One CSV cell: always quoted, quotes doubled. A cell a spreadsheet would read as a formula
 * (starting with = + - @, or a tab or carriage return) gets a leading apostrophe, so opening the
 * export cannot run anything an attacker put in a name or user agent.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

function csvLine(row: AuditRow): string {
  const values: Record<(typeof csvColumns)[number], unknown> = { ...row, at: row.at.toISOString() };
  return csvColumns.map((column) => csvCell(values[column])).join(",") + "\r\n";
}

function jsonEntry(row: AuditRow) {
  const { prevHash: _prevHash, ...entry } = row;
  return { ...entry, at: row.at.toISOString() };
}

export function auditExportStream(format: "csv" | "json", rows: AsyncIterable<AuditRow>): Readable {
  return Readable.from(
    (async function* lines() {
      if (format === "csv") {
        // the byte order mark makes spreadsheet programs read accented letters as UTF-8
        yield "\uFEFF" + csvColumns.map(csvCell).join(",") + "\r\n";
        for await (const row of rows) yield csvLine(row);
        return;
      }
      yield "[";
      let first = true;
      for await (const row of rows) {
        yield (first ? "\n" : ",\n") + JSON.stringify(jsonEntry(row));
        first = false;
      }
      yield "\n]\n";
    })(),
  );
}
