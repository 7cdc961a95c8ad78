import { and, asc } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { improvementActions } from "./risks.tables.ts";
import { roadmapPolicy } from "./actions.policy.ts";
import { isLate, selectActions, todayInItaly, withActionLinks, type LoadedAction } from "./action-records.ts";
import { visibleActions } from "./actions.service.ts";
import { priorityReason } from "./priority.ts";
import { roadmapWords } from "./roadmap-text.ts";

// The roadmap as the people of a comune pass it around: a spreadsheet and a printable report.
// Both show what the caller may see (a provider, its own actions), in the caller's language.

export interface RoadmapRow {
  ref: string;
  title: string;
  csfFunction: string;
  ownerOrg: string;
  ownerUser: string;
  priority: string;
  priorityReason: string;
  effort: string;
  costCents: number | null;
  startOn: string;
  dueOn: string;
  status: string;
  progress: number;
  late: boolean;
  risks: string;
  gaps: string;
  dependsOn: string;
}

/** Every visible action, in A-number order, with its links (loaded a thousand at a time). */
export async function loadRoadmap(db: Db, actor: Actor, orgId: string): Promise<LoadedAction[]> {
  roadmapPolicy.authorize(actor, "read", { orgId });
  const rows = await selectActions(db).where(and(visibleActions(actor, orgId))).orderBy(asc(improvementActions.number));
  const loaded: LoadedAction[] = [];
  for (let i = 0; i < rows.length; i += 1_000) loaded.push(...(await withActionLinks(db, rows.slice(i, i + 1_000))));
  return loaded;
}

export function roadmapRows(actions: LoadedAction[], locale: Locale): RoadmapRow[] {
  const words = roadmapWords(locale);
  const today = todayInItaly();
  const refs = new Map(actions.map((a) => [a.id, `A-${a.number}`]));
  return actions.map((a) => ({
    ref: `A-${a.number}`,
    title: a.title,
    csfFunction: words.csfFunction[a.csfFunction as keyof typeof words.csfFunction] ?? a.csfFunction,
    ownerOrg: a.ownerOrgName,
    ownerUser: a.ownerUserName ?? "",
    priority: words.priority[(a.priorityOverride ?? a.derivedPriority) as keyof typeof words.priority] ?? "",
    priorityReason: a.priorityOverride ? (a.priorityOverrideReason ?? "") : priorityReason(locale, a.risks),
    effort: a.effort ? (words.effort[a.effort as keyof typeof words.effort] ?? a.effort) : "",
    costCents: a.estimatedCostCents,
    startOn: a.startOn ?? "",
    dueOn: a.dueOn ?? "",
    status: words.status[a.status as keyof typeof words.status] ?? a.status,
    progress: a.progress,
    late: isLate(a, today),
    risks: a.risks.map((r) => `R-${r.number}`).join(", "),
    gaps: a.gaps.map((g) => g.requirementId).join(", "),
    // only the actions in the export: a provider's leaves out the entity's other actions
    dependsOn: a.dependsOn
      .map((d) => refs.get(d.id))
      .filter(Boolean)
      .join(", "),
  }));
}

const columns = ["ref", "title", "csfFunction", "ownerOrg", "ownerUser", "priority", "priorityReason", "effort", "cost", "startOn", "dueOn", "status", "progress", "late", "risks", "gaps", "dependsOn"] as const;
const widths: Record<(typeof columns)[number], number> = { ref: 8, title: 40, csfFunction: 14, ownerOrg: 24, ownerUser: 20, priority: 10, priorityReason: 36, effort: 10, cost: 14, startOn: 12, dueOn: 12, status: 14, progress: 10, late: 10, risks: 16, gaps: 16, dependsOn: 16 };

export async function roadmapXlsx(rows: RoadmapRow[], locale: Locale): Promise<Buffer> {
  const words = roadmapWords(locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Cittadella";
  const sheet = workbook.addWorksheet(words.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((key) => ({ header: words.columns[key], key, width: widths[key] }));
  for (const row of rows) {
    // empty cells stay empty; numbers stay numbers, so the sheet adds them up
    const cells = Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === "" ? null : value]));
    sheet.addRow({ ...cells, cost: row.costCents === null ? null : row.costCents / 100, late: row.late ? words.yes : words.no });
  }
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn("cost").numFmt = "#,##0.00";
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
