import { and, asc, eq, isNotNull, lt } from "drizzle-orm";
import type { DbOrTx } from "../db/client.ts";
import { assessmentAnswers, assessments } from "../modules/assessments/assessments.tables.ts";
import { actionDependencies, actionEvidence, actionGaps, actionRisks, improvementActions, riskGaps, risks } from "../modules/risks/risks.tables.ts";
import { DEFAULT_MATRIX } from "../modules/risks/risk-matrix.ts";
import { scoreStage, type StageInput } from "../modules/risks/risk-scores.ts";
import { recomputeActionPriorities } from "../modules/risks/priority.ts";

// The demo comune's risk register (twenty risks a small comune really faces, scored on the
// default 5x5 matrix) and its improvement roadmap (fifteen actions, some carried out by SIA Demo,
// some late, linked to the risks and to the gaps of last year's approved assessment). Written
// straight to the tables in a few bulk inserts, so a first start stays quick.

/** likelihood, then impacts on service, personal data, legal, financial, reputation */
type Score = [likelihood: number, service: number, personalData: number, legal: number, financial: number, reputation: number];
const stage = ([likelihood, service, personal_data, legal, financial, reputation]: Score): StageInput => ({
  likelihood,
  impacts: { service, personal_data, legal, financial, reputation },
});

interface DemoRisk {
  title: string;
  threatId: string;
  services: string;
  description: string;
  inherent: Score;
  current?: Score;
  residual?: Score;
  treatment?: "mitigate" | "accept" | "transfer" | "avoid";
  /** requirement id prefixes of the assessment's gaps this risk comes from */
  gapFamilies?: string[];
}

const register: DemoRisk[] = [
  { title: "Ransomware sui server comunali", threatId: "ransomware", services: "Anagrafe, protocollo, tributi", description: "Cifratura dei file server e dei gestionali con fermo degli sportelli.", inherent: [4, 5, 4, 4, 4, 5], current: [3, 5, 4, 4, 4, 5], residual: [2, 3, 3, 3, 2, 3], treatment: "mitigate", gapFamilies: ["PR.DS", "RC.RP"] },
  { title: "Phishing verso i dipendenti", threatId: "phishing-fraud", services: "Posta elettronica", description: "Credenziali rubate con messaggi che imitano fornitori e PagoPA.", inherent: [5, 3, 3, 2, 3, 3], current: [4, 3, 3, 2, 3, 3], residual: [2, 2, 2, 2, 2, 2], treatment: "mitigate", gapFamilies: ["PR.AT"] },
  { title: "Frode con falso IBAN di un fornitore", threatId: "business-email-compromise", services: "Ragioneria", description: "Richiesta di cambio IBAN via email da una casella compromessa.", inherent: [3, 2, 1, 3, 5, 3], current: [3, 2, 1, 3, 4, 3], residual: [1, 2, 1, 2, 3, 2], treatment: "mitigate" },
  { title: "Compromissione del fornitore IT", threatId: "supplier-compromise", services: "Tutti i servizi gestiti da SIA Demo", description: "Accesso remoto del fornitore usato come porta d'ingresso.", inherent: [3, 5, 4, 4, 3, 4], current: [3, 4, 4, 4, 3, 4], residual: [2, 4, 3, 3, 2, 3], treatment: "mitigate", gapFamilies: ["GV.SC"] },
  { title: "Interruzione del gestionale dei tributi", threatId: "critical-service-outage", services: "Tributi, PagoPA", description: "Il servizio in cloud del fornitore non è raggiungibile nei giorni di scadenza.", inherent: [3, 4, 1, 2, 3, 3], current: [3, 4, 1, 2, 3, 3], residual: [2, 3, 1, 2, 2, 2], treatment: "transfer" },
  { title: "Fuga di dati dei servizi sociali", threatId: "data-leak", services: "Servizi sociali", description: "Dati sanitari e familiari inviati al destinatario sbagliato o esposti.", inherent: [3, 2, 5, 5, 3, 5], current: [2, 2, 5, 5, 3, 5], residual: [1, 2, 4, 4, 2, 4], treatment: "mitigate", gapFamilies: ["PR.DS"] },
  { title: "Abuso di privilegi da parte di un amministratore", threatId: "insider-misuse", services: "Anagrafe", description: "Consultazioni non giustificate dell'anagrafe.", inherent: [2, 2, 4, 4, 2, 4], current: [2, 2, 4, 4, 2, 4], residual: [1, 2, 3, 3, 1, 3], treatment: "mitigate", gapFamilies: ["PR.AA"] },
  { title: "Attacco DDoS al sito istituzionale", threatId: "ddos", services: "Sito web, albo pretorio", description: "Sito irraggiungibile durante un evento o una scadenza.", inherent: [3, 3, 1, 2, 1, 3], current: [3, 3, 1, 2, 1, 3], residual: [2, 2, 1, 2, 1, 2], treatment: "transfer" },
  { title: "Defacement del sito web", threatId: "website-defacement", services: "Sito web", description: "Pagine modificate sfruttando un plugin non aggiornato.", inherent: [3, 2, 1, 1, 1, 4], current: [2, 2, 1, 1, 1, 4], treatment: "accept" },
  { title: "Smarrimento di un portatile non cifrato", threatId: "lost-stolen-device", services: "Polizia locale, ufficio tecnico", description: "Portatili portati in sopralluogo senza cifratura del disco.", inherent: [3, 1, 4, 3, 1, 3], current: [3, 1, 4, 3, 1, 3], residual: [2, 1, 2, 2, 1, 2], treatment: "mitigate", gapFamilies: ["PR.DS"] },
  { title: "Vulnerabilità non corrette sui server", threatId: "unpatched-vulnerability", services: "Server del CED", description: "Aggiornamenti installati solo a richiesta, senza inventario.", inherent: [4, 4, 3, 3, 2, 3], current: [4, 4, 3, 3, 2, 3], residual: [2, 3, 2, 2, 2, 2], treatment: "mitigate", gapFamilies: ["ID.RA", "PR.PS"] },
  { title: "Accessi con credenziali riutilizzate", threatId: "credential-stuffing", services: "Portale dei servizi online", description: "Password rubate altrove provate sul portale del cittadino.", inherent: [3, 3, 3, 2, 1, 3], current: [3, 3, 3, 2, 1, 3], residual: [1, 2, 2, 2, 1, 2], treatment: "mitigate", gapFamilies: ["PR.AA"] },
  { title: "Allagamento della sala server", threatId: "physical-damage", services: "CED al piano interrato", description: "La sala server è al piano interrato, in zona a rischio idraulico.", inherent: [2, 5, 2, 2, 4, 3], current: [2, 5, 2, 2, 4, 3], residual: [1, 3, 1, 1, 2, 2], treatment: "mitigate", gapFamilies: ["RC.RP"] },
  { title: "Archivio cloud condiviso per errore", threatId: "cloud-misconfiguration", services: "Archivio documentale", description: "Cartelle condivise con link pubblico dimenticate attive.", inherent: [3, 1, 4, 4, 1, 4], current: [2, 1, 4, 4, 1, 4], residual: [1, 1, 3, 3, 1, 3], treatment: "mitigate" },
  { title: "Telefonate di falso supporto tecnico", threatId: "social-engineering", services: "Uffici al pubblico", description: "Chi chiama si presenta come il fornitore e chiede di installare un programma.", inherent: [3, 3, 2, 2, 2, 2], current: [3, 3, 2, 2, 2, 2], residual: [2, 2, 2, 1, 1, 2], treatment: "mitigate", gapFamilies: ["PR.AT"] },
  { title: "Backup non verificati", threatId: "ransomware", services: "Tutti i gestionali", description: "I backup esistono ma nessuno ne ha mai provato il ripristino.", inherent: [3, 5, 3, 3, 3, 3], current: [3, 5, 3, 3, 3, 3], residual: [1, 3, 2, 2, 2, 2], treatment: "mitigate", gapFamilies: ["RC.RP", "PR.DS"] },
  { title: "Assenza di monitoraggio degli eventi", threatId: "unpatched-vulnerability", services: "Rete comunale", description: "Un'intrusione resterebbe inosservata per settimane.", inherent: [3, 4, 3, 3, 2, 3], current: [3, 4, 3, 3, 2, 3], residual: [2, 3, 2, 2, 2, 2], treatment: "mitigate", gapFamilies: ["DE.CM"] },
  { title: "Nessun piano di risposta agli incidenti", threatId: "critical-service-outage", services: "Tutti", description: "Non è chiaro chi decide e chi avvisa ACN e Garante entro i termini.", inherent: [3, 4, 3, 4, 2, 4], current: [3, 4, 3, 4, 2, 4], residual: [2, 3, 2, 2, 2, 3], treatment: "mitigate", gapFamilies: ["RS.MA", "GV.RR"] },
  { title: "Account di ex dipendenti ancora attivi", threatId: "insider-misuse", services: "Dominio e posta", description: "Le uscite di personale non arrivano all'ufficio informatico.", inherent: [3, 2, 3, 3, 1, 2], current: [2, 2, 3, 3, 1, 2], residual: [1, 2, 2, 2, 1, 2], treatment: "mitigate", gapFamilies: ["PR.AA"] },
  { title: "Uso di dispositivi personali non gestiti", threatId: "lost-stolen-device", services: "Posta e agenda sui telefoni", description: "Posta istituzionale sui telefoni personali senza blocco schermo.", inherent: [3, 1, 3, 2, 1, 2], current: [3, 1, 3, 2, 1, 2], treatment: "accept" },
];

interface DemoAction {
  title: string;
  description: string;
  csfFunction: "govern" | "identify" | "protect" | "detect" | "respond" | "recover";
  byProvider?: boolean;
  /** indexes in the register */
  risks: number[];
  gapFamilies?: string[];
  effort: "small" | "medium" | "large";
  costEuros: number;
  /** months from today (negative: in the past) */
  start: number;
  due: number;
  status: "planned" | "in_progress" | "blocked" | "done" | "cancelled";
  progress: number;
  /** indexes of actions this one waits for */
  dependsOn?: number[];
  override?: { level: "low" | "medium" | "high" | "critical"; reason: string };
}

const roadmap: DemoAction[] = [
  { title: "Backup immutabili e prova di ripristino trimestrale", description: "Copia fuori sede non modificabile e ripristino di prova di anagrafe e protocollo.", csfFunction: "recover", byProvider: true, risks: [0, 15], gapFamilies: ["RC.RP"], effort: "medium", costEuros: 9_500, start: -4, due: -1, status: "in_progress", progress: 70 },
  { title: "Autenticazione a due fattori per posta e accessi remoti", description: "MFA per tutti i dipendenti e per l'accesso remoto del fornitore.", csfFunction: "protect", byProvider: true, risks: [1, 3, 11], gapFamilies: ["PR.AA"], effort: "medium", costEuros: 4_200, start: -3, due: 1, status: "in_progress", progress: 45 },
  { title: "Corso anti-phishing per tutto il personale", description: "Due ore in aula e una simulazione di phishing a sorpresa.", csfFunction: "protect", risks: [1, 14], gapFamilies: ["PR.AT"], effort: "small", costEuros: 1_800, start: -2, due: -1, status: "planned", progress: 0 },
  { title: "Procedura di verifica dei cambi IBAN", description: "Conferma telefonica al numero in anagrafica fornitori prima di ogni cambio.", csfFunction: "govern", risks: [2], effort: "small", costEuros: 0, start: -5, due: -3, status: "done", progress: 100 },
  { title: "Inventario dei sistemi e piano degli aggiornamenti", description: "Elenco di server, postazioni e software con la finestra mensile di aggiornamento.", csfFunction: "identify", byProvider: true, risks: [10], gapFamilies: ["ID.AM", "ID.RA"], effort: "medium", costEuros: 3_000, start: -6, due: -2, status: "blocked", progress: 30 },
  { title: "Aggiornamenti mensili dei server", description: "Finestra di manutenzione il primo martedì del mese.", csfFunction: "protect", byProvider: true, risks: [10, 0], gapFamilies: ["PR.PS"], effort: "small", costEuros: 2_400, start: 0, due: 3, status: "planned", progress: 0, dependsOn: [4] },
  { title: "Cifratura dei portatili", description: "BitLocker su tutti i portatili, chiavi di ripristino custodite dal CED.", csfFunction: "protect", byProvider: true, risks: [9, 19], gapFamilies: ["PR.DS"], effort: "small", costEuros: 600, start: -1, due: 1, status: "in_progress", progress: 60 },
  { title: "Raccolta centralizzata dei log e allarmi", description: "Log di firewall, dominio e server in un unico punto, con allarmi per gli accessi anomali.", csfFunction: "detect", byProvider: true, risks: [16, 6], gapFamilies: ["DE.CM"], effort: "large", costEuros: 12_000, start: 2, due: 8, status: "planned", progress: 0, dependsOn: [4] },
  { title: "Piano di risposta agli incidenti e contatti ACN", description: "Chi decide, chi avvisa ACN e Garante, modelli di comunicazione ai cittadini.", csfFunction: "respond", risks: [17], gapFamilies: ["RS.MA"], effort: "medium", costEuros: 2_500, start: -2, due: -1, status: "in_progress", progress: 50 },
  { title: "Esercitazione di crisi ransomware con la giunta", description: "Simulazione a tavolino di mezza giornata con sindaco, segretario e fornitore.", csfFunction: "respond", risks: [0, 17], effort: "small", costEuros: 1_500, start: 5, due: 6, status: "planned", progress: 0, dependsOn: [8, 0] },
  { title: "Clausole di sicurezza nel contratto con SIA Demo", description: "Tempi di notifica degli incidenti, accessi remoti tracciati, verifiche annuali.", csfFunction: "govern", risks: [3, 4], gapFamilies: ["GV.SC"], effort: "small", costEuros: 0, start: -1, due: 2, status: "in_progress", progress: 20 },
  { title: "Procedura di uscita del personale", description: "L'ufficio personale avvisa il CED il giorno stesso; verifica mensile degli account.", csfFunction: "protect", risks: [18, 6], gapFamilies: ["PR.AA"], effort: "small", costEuros: 0, start: -3, due: -2, status: "done", progress: 100 },
  { title: "Spostamento del CED al primo piano", description: "Nuovo locale tecnico con condizionamento e UPS, fuori dalla zona allagabile.", csfFunction: "recover", risks: [12], effort: "large", costEuros: 38_000, start: 6, due: 14, status: "planned", progress: 0, override: { level: "medium", reason: "Finanziato dal bilancio del prossimo anno: prima i backup immutabili." } },
  { title: "Revisione delle condivisioni nell'archivio cloud", description: "Chiusura dei link pubblici e revisione trimestrale delle condivisioni.", csfFunction: "protect", risks: [13, 5], effort: "small", costEuros: 0, start: -1, due: 0, status: "planned", progress: 0 },
  { title: "Protezione anti-DDoS del sito tramite CDN", description: "Sito istituzionale dietro una CDN con protezione dagli attacchi volumetrici.", csfFunction: "protect", byProvider: true, risks: [7, 8], effort: "small", costEuros: 900, start: 1, due: 2, status: "cancelled", progress: 0 },
];

function monthsFromToday(months: number): string {
  const day = new Date();
  day.setUTCDate(1);
  day.setUTCMonth(day.getUTCMonth() + months);
  day.setUTCDate(months < 0 ? 10 : 28);
  return day.toISOString().slice(0, 10);
}

interface DemoPeople {
  comuneId: string;
  siaId: string;
  managerId: string;
  operatorId: string;
  technicianId: string;
}

/** The gaps of the comune's approved assessment (answered below target), by requirement id. */
async function demoGaps(tx: DbOrTx, comuneId: string) {
  const [approved] = await tx
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.orgId, comuneId), eq(assessments.status, "approved")));
  if (!approved) return { assessmentId: null, gaps: [] as string[] };
  const rows = await tx
    .select({ requirementId: assessmentAnswers.requirementId })
    .from(assessmentAnswers)
    .where(and(eq(assessmentAnswers.assessmentId, approved.id), isNotNull(assessmentAnswers.currentMaturity), lt(assessmentAnswers.currentMaturity, assessmentAnswers.targetMaturity)))
    .orderBy(asc(assessmentAnswers.requirementId));
  return { assessmentId: approved.id, gaps: rows.map((r) => r.requirementId) };
}

/** The first gap of each family (e.g. "PR.AA" -> "PR.AA-01"), so links are real gaps. */
const gapsOf = (gaps: string[], families: string[] = []) =>
  families.map((family) => gaps.find((id) => id.startsWith(`${family}-`))).filter((id): id is string => id !== undefined);

export async function seedDemoRisks(tx: DbOrTx, people: DemoPeople) {
  const { assessmentId, gaps } = await demoGaps(tx, people.comuneId);
  const levels = (score: Score | undefined) => (score ? scoreStage(DEFAULT_MATRIX, stage(score)) : null);
  const insertedRisks = await tx
    .insert(risks)
    .values(
      register.map((risk, i) => {
        const [inherent, current, residual] = [levels(risk.inherent)!, levels(risk.current), levels(risk.residual)];
        return {
          orgId: people.comuneId,
          number: i + 1,
          title: risk.title,
          description: risk.description,
          threatId: risk.threatId,
          affectedServices: risk.services,
          ownerId: people.managerId,
          inherent: stage(risk.inherent),
          current: risk.current ? stage(risk.current) : null,
          residual: risk.residual ? stage(risk.residual) : null,
          inherentLikelihood: inherent.likelihood,
          inherentImpact: inherent.impact,
          inherentLevel: inherent.level,
          currentLikelihood: current?.likelihood ?? null,
          currentImpact: current?.impact ?? null,
          currentLevel: current?.level ?? null,
          residualLikelihood: residual?.likelihood ?? null,
          residualImpact: residual?.impact ?? null,
          residualLevel: residual?.level ?? null,
          treatment: risk.treatment ?? null,
          ...(risk.treatment === "accept"
            ? { acceptedBy: people.managerId, acceptedByName: "Sergio Sicurezza", acceptanceReason: "Impatto limitato, da rivedere con il nuovo sito.", acceptanceExpiresOn: monthsFromToday(6) }
            : {}),
          reviewEveryMonths: 12,
          nextReviewOn: monthsFromToday(i % 4 === 0 ? -1 : 6 + (i % 5)),
        };
      }),
    )
    .returning({ id: risks.id });
  const riskId = (i: number) => insertedRisks[i]!.id;
  const riskGapRows = assessmentId ? register.flatMap((risk, i) => gapsOf(gaps, risk.gapFamilies).map((requirementId) => ({ riskId: riskId(i), assessmentId, requirementId }))) : [];
  if (riskGapRows.length) await tx.insert(riskGaps).values(riskGapRows).onConflictDoNothing();

  const insertedActions = await tx
    .insert(improvementActions)
    .values(
      roadmap.map((action, i) => ({
        orgId: people.comuneId,
        number: i + 1,
        title: action.title,
        description: action.description,
        csfFunction: action.csfFunction,
        ownerOrgId: action.byProvider ? people.siaId : people.comuneId,
        ownerUserId: action.byProvider ? people.technicianId : action.csfFunction === "govern" ? people.managerId : people.operatorId,
        effort: action.effort,
        estimatedCostCents: action.costEuros * 100,
        startOn: monthsFromToday(action.start),
        dueOn: monthsFromToday(action.due),
        status: action.status,
        progress: action.progress,
        completedAt: action.status === "done" ? new Date(`${monthsFromToday(action.due)}T12:00:00Z`) : null,
        priorityOverride: action.override?.level ?? null,
        priorityOverrideReason: action.override?.reason ?? null,
      })),
    )
    .returning({ id: improvementActions.id });
  const actionId = (i: number) => insertedActions[i]!.id;
  await tx.insert(actionRisks).values(roadmap.flatMap((action, i) => action.risks.map((r) => ({ actionId: actionId(i), riskId: riskId(r) }))));
  const actionGapRows = assessmentId ? roadmap.flatMap((action, i) => gapsOf(gaps, action.gapFamilies).map((requirementId) => ({ actionId: actionId(i), assessmentId, requirementId }))) : [];
  if (actionGapRows.length) await tx.insert(actionGaps).values(actionGapRows).onConflictDoNothing();
  await tx.insert(actionDependencies).values(roadmap.flatMap((action, i) => (action.dependsOn ?? []).map((d) => ({ actionId: actionId(i), dependsOnId: actionId(d) }))));
  await tx.insert(actionEvidence).values([
    { actionId: actionId(3), title: "Circolare del segretario sulla verifica dei cambi IBAN", url: "https://intranet.comune.demo/circolari/iban", addedBy: people.managerId },
    { actionId: actionId(11), title: "Procedura di uscita approvata", url: "https://intranet.comune.demo/procedure/uscita-personale", addedBy: people.managerId },
  ]);
  await recomputeActionPriorities(tx, people.comuneId);
}
