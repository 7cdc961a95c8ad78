import ExcelJS from "exceljs";
import type { Locale } from "../../platform/i18n/locale.ts";
import type { TrainingReport } from "./training-report.ts";

// The training report as files for the personnel office and the auditor: CSV of hours per
// employee (what HR systems import), XLSX with every table of the report on its own sheet.

const words = {
  it: {
    name: "Nome", email: "Email", role: "Ruolo", office: "Ufficio", noOffice: "(nessun ufficio)", managementBody: "Organo di gestione", yes: "sì", no: "no",
    hours: "Ore di formazione", objective: "Obiettivo annuo (ore)", itemsCompleted: "Attività completate", pathsCompleted: "Percorsi completati",
    assigned: "Assegnati", completed: "Completati", overdue: "Scaduti", averageScore: "Punteggio medio (%)", employees: "Dipendenti",
    path: "Percorso", dueOn: "Scadenza", sheetEmployees: "Ore per dipendente", sheetAssignments: "Assegnazioni", sheetOffices: "Uffici", sheetBoard: "Organo di gestione",
  },
  en: {
    name: "Name", email: "Email", role: "Role", office: "Office", noOffice: "(no office)", managementBody: "Management body", yes: "yes", no: "no",
    hours: "Training hours", objective: "Yearly objective (hours)", itemsCompleted: "Activities completed", pathsCompleted: "Paths completed",
    assigned: "Assigned", completed: "Completed", overdue: "Overdue", averageScore: "Average score (%)", employees: "Employees",
    path: "Path", dueOn: "Due on", sheetEmployees: "Hours per employee", sheetAssignments: "Assignments", sheetOffices: "Offices", sheetBoard: "Management body",
  },
} as const;

type Cell = string | number | null;

function employeeRows(report: TrainingReport, locale: Locale, people: TrainingReport["employees"]): Cell[][] {
  const w = words[locale];
  return [
    [w.name, w.email, w.role, w.office, w.managementBody, w.hours, w.objective, w.itemsCompleted, w.pathsCompleted, w.assigned, w.completed, w.overdue],
    ...people.map((e) => [e.name, e.email, e.role, e.office ?? "", e.managementBody ? w.yes : w.no, e.hours, report.objectiveHours, e.itemsCompleted, e.pathsCompleted, e.assigned, e.completed, e.overdue]),
  ];
}

/** A spreadsheet would run a cell starting with = + - @ as a formula: such text gets a leading quote. */
const csvCell = (v: Cell) => {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Hours per employee, one row each, UTF-8 with a byte-order mark so spreadsheets read accents right. */
export function reportCsv(report: TrainingReport, locale: Locale): string {
  return "\uFEFF" + employeeRows(report, locale, report.employees).map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export async function reportWorkbook(report: TrainingReport, locale: Locale): Promise<Uint8Array> {
  const w = words[locale];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Cittadella";
  const sheet = (name: string, rows: Cell[][]) => {
    const s = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    for (const row of rows) s.addRow(row);
    s.getRow(1).font = { bold: true };
    s.columns.forEach((c) => (c.width = 18));
  };
  sheet(w.sheetEmployees, employeeRows(report, locale, report.employees));
  sheet(w.sheetAssignments, [
    [w.path, w.dueOn, w.assigned, w.completed, w.overdue, w.averageScore],
    ...report.assignments.map((a) => [a.pathTitle, a.dueOn, a.assigned, a.completed, a.overdue, a.averageScore]),
  ]);
  sheet(w.sheetOffices, [
    [w.office, w.employees, w.hours, w.assigned, w.completed, w.overdue, w.averageScore],
    ...report.offices.map((o) => [o.office ?? w.noOffice, o.employees, o.hours, o.assigned, o.completed, o.overdue, o.averageScore]),
  ]);
  sheet(w.sheetBoard, employeeRows(report, locale, report.managementBody.members));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
