import { createHash } from "node:crypto";
import type { CreateAdvisory, CreateReport, IndicatorInput } from "../modules/intel/intel.schemas.ts";

// What the demo community shares, in our own words. Every indicator is fictitious: addresses from
// the documentation ranges (RFC 5737, RFC 3849), domains under .example and .test, and a hash of a
// made-up string, so nothing here points at real infrastructure or real malware.

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const daysAhead = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/** the SHA-256 of a string that is not a file anyone has: a plausible-looking, harmless hash */
const fakeAttachmentHash = createHash("sha256").update("cittadella-demo:avviso-pagopa-fittizio.html.zip").digest("hex");

type AdvisoryContent = Omit<CreateAdvisory, "sharing" | "anonymous" | "status" | "indicatorIds">;
type ReportContent = Omit<CreateReport, "sharing" | "anonymous" | "status">;

/** TLP:CLEAR — published by Regione Demo for everyone, with its indicators. */
export const pagoPaPhishingIndicators: IndicatorInput[] = [
  { type: "domain", value: "avvisi-pagopa-pagamenti.example", description: "Dominio della pagina che imita il portale dei pagamenti", firstSeen: daysAgo(6), lastSeen: daysAgo(1), validUntil: daysAhead(60), confidence: 85 },
  { type: "url", value: "https://avvisi-pagopa-pagamenti.example/avviso/paga?codice=302000100000012345", description: "Link contenuto nelle email", firstSeen: daysAgo(6), lastSeen: daysAgo(1), validUntil: daysAhead(60), confidence: 80 },
  { type: "email", value: "notifiche@pagamenti-pa.test", description: "Mittente delle email di falso avviso", firstSeen: daysAgo(6), lastSeen: daysAgo(2), validUntil: daysAhead(60), confidence: 70 },
  { type: "ipv4", value: "203.0.113.45", description: "Server che ospita la pagina di raccolta delle carte di pagamento", firstSeen: daysAgo(5), lastSeen: daysAgo(1), validUntil: daysAhead(30), confidence: 75 },
  { type: "sha256", value: fakeAttachmentHash, description: "Allegato avviso_pagamento.html.zip", firstSeen: daysAgo(6), lastSeen: daysAgo(2), validUntil: daysAhead(90), confidence: 90 },
];

export const pagoPaPhishing: AdvisoryContent = {
  title: "Campagna di phishing con falsi avvisi di pagamento PagoPA",
  summary:
    "Da alcuni giorni cittadini e dipendenti comunali ricevono email che imitano un avviso di pagamento PagoPA per una presunta sanzione o tassa non pagata. " +
    "Il link porta a una pagina che riproduce il portale dei pagamenti e chiede i dati della carta. Alcuni messaggi allegano un archivio con una pagina HTML dello stesso tipo. " +
    "I comuni possono pubblicare un avviso sul sito istituzionale e bloccare gli indicatori sul filtro della posta e sul proxy.",
  severity: "medium",
  affectedProducts: [],
  cveIds: [],
  patches: [],
  mitigations: [
    { title: "Bloccare dominio, mittente e indirizzo IP sul filtro antispam e sul proxy", steps: "Aggiungere gli indicatori collegati alle liste di blocco; cercare nei log della posta degli ultimi 7 giorni i messaggi dal mittente indicato." },
    { title: "Avvisare i cittadini sul sito e sui social", steps: "Ricordare che il Comune non chiede pagamenti via link in email non attese e che gli avvisi si verificano sull'app IO o sul portale ufficiale." },
    { title: "Ricordarlo al personale degli sportelli", steps: "Chi riceve segnalazioni dai cittadini le inoltra al referente per la sicurezza." },
  ],
  references: [{ title: "Come riconoscere un avviso di pagamento autentico", url: "https://www.pagopa.gov.it/" }],
  validUntil: daysAhead(60),
};

/** TLP:GREEN — published by SIA Demo to the community: a VPN appliance many comuni run. */
export const fortiOsScanIndicators: IndicatorInput[] = [
  { type: "ipv4", value: "198.51.100.23", description: "Scansioni verso l'interfaccia SSL VPN dei firewall dei clienti", firstSeen: daysAgo(9), lastSeen: daysAgo(1), validUntil: daysAhead(30), confidence: 60 },
  { type: "ipv6", value: "2001:db8:4a1c::17", description: "Tentativi di sfruttamento registrati dai firewall dei clienti", firstSeen: daysAgo(4), lastSeen: daysAgo(2), validUntil: daysAhead(30), confidence: 55 },
];

export const fortiOsAdvisory: AdvisoryContent = {
  title: "FortiOS SSL VPN: vulnerabilità sfruttata attivamente (CVE-2024-21762)",
  summary:
    "Una scrittura fuori dai limiti nel servizio SSL VPN di FortiOS permette a un attaccante non autenticato di eseguire codice sul firewall con richieste HTTP costruite ad arte. " +
    "La vulnerabilità è nel catalogo CISA delle vulnerabilità sfruttate ed è usata in campagne ransomware. " +
    "Diversi comuni che assistiamo espongono la SSL VPN su Internet: abbiamo visto scansioni mirate dagli indirizzi collegati.",
  severity: "critical",
  affectedProducts: [
    { vendor: "Fortinet", product: "FortiOS", versionStartIncluding: "7.4.0", versionEndExcluding: "7.4.3", cpe: "cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*" },
    { vendor: "Fortinet", product: "FortiOS", versionStartIncluding: "7.2.0", versionEndExcluding: "7.2.7", cpe: "cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*" },
    { vendor: "Fortinet", product: "FortiOS", versionStartIncluding: "7.0.0", versionEndExcluding: "7.0.14", cpe: "cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*" },
    { vendor: "Fortinet", product: "FortiOS", versionStartIncluding: "6.4.0", versionEndExcluding: "6.4.15", cpe: "cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*" },
  ],
  cveIds: ["CVE-2024-21762"],
  patches: [
    {
      title: "Aggiornare FortiOS alla versione corretta del proprio ramo (7.4.3, 7.2.7, 7.0.14, 6.4.15 o successive)",
      url: "https://fortiguard.fortinet.com/psirt/FG-IR-24-015",
      steps: "Salvare la configurazione, aggiornare in una finestra di manutenzione concordata e verificare che la VPN torni raggiungibile.",
    },
  ],
  mitigations: [
    { title: "Se non si può aggiornare subito, disattivare la SSL VPN", steps: "Disattivare solo la modalità web non basta. Usare temporaneamente un accesso remoto alternativo." },
    { title: "Cercare segni di compromissione", steps: "Controllare nei log accessi amministrativi e utenti locali non riconosciuti, e connessioni dagli indirizzi collegati." },
    { title: "Cambiare le credenziali VPN se il firewall è stato esposto senza correzione" },
  ],
  references: [
    { title: "FortiGuard PSIRT FG-IR-24-015", url: "https://fortiguard.fortinet.com/psirt/FG-IR-24-015" },
    { title: "NVD CVE-2024-21762", url: "https://nvd.nist.gov/vuln/detail/CVE-2024-21762" },
  ],
  validUntil: null,
};

/** TLP:AMBER — Regione Demo to the Comune di Demo (and its IT provider): something only they need to know. */
export const comuneVpnIndicators: IndicatorInput[] = [
  { type: "ipv4", value: "198.51.100.77", description: "Accessi riusciti alla VPN del Comune con l'account di un dipendente, di notte", firstSeen: daysAgo(3), lastSeen: daysAgo(2), validUntil: daysAhead(30), confidence: 70 },
];

export const comuneVpnAdvisory: AdvisoryContent = {
  title: "Accessi sospetti alla VPN del Comune di Demo",
  summary:
    "Il CERT regionale ha ricevuto dal proprio sensore l'elenco di accessi VPN riusciti verso il Comune di Demo dall'indirizzo collegato, tra le 2 e le 4 di notte, con l'account di un dipendente dell'ufficio tributi. " +
    "L'indirizzo compare anche in un elenco di credenziali offerte su un forum. Chiediamo di verificare con urgenza e di farci sapere l'esito.",
  severity: "high",
  affectedProducts: [],
  cveIds: [],
  patches: [],
  mitigations: [
    { title: "Sospendere l'account e reimpostare la password", steps: "Contattare il dipendente per confermare che gli accessi non sono suoi." },
    { title: "Attivare l'autenticazione a due fattori sulla VPN", steps: "SIA Demo ha già il progetto in corso: anticiparlo per gli account degli uffici con dati dei cittadini." },
    { title: "Conservare i log del firewall degli ultimi 30 giorni", steps: "Servono per capire cosa è stato consultato; non riavviare l'apparato prima di averli salvati." },
  ],
  references: [],
  validUntil: daysAhead(14),
};

/** TLP:GREEN, anonymous — an IT provider's account of a client comune's ransomware. */
export const ransomwareReport: ReportContent = {
  title: "Ransomware sul file server di un piccolo comune: come ne siamo usciti",
  attackType: "ransomware",
  entryVector: "Accesso remoto al desktop di un server esposto su Internet, con una password debole di un vecchio account di servizio.",
  impact: "File server cifrato (documenti di protocollo, ragioneria e ufficio tecnico); sportelli senza documenti per due giorni. Gestionali in cloud non toccati.",
  timeToRecoverHours: 52,
  detection: "Di lunedì mattina gli impiegati non aprivano più i file e trovavano una nota di riscatto in ogni cartella. L'antivirus aveva segnalato strumenti di amministrazione remota il sabato, ma nessuno leggeva gli avvisi nel fine settimana.",
  whatWorked: "Il backup su disco scollegato del venerdì sera era intatto: abbiamo ripristinato tutto su un server ricostruito da zero. Avere l'elenco dei contatti (sindaco, segretario, fornitore, DPO) su carta ha evitato ore di confusione.",
  lessons:
    "Mai più desktop remoto esposto: accesso solo da VPN con secondo fattore. Disattivare gli account di servizio inutilizzati. Qualcuno deve ricevere gli allarmi dell'antivirus anche nel fine settimana. " +
    "Provare il ripristino prima di averne bisogno: la prima volta ci è voluto il doppio del previsto. Notifica al Garante entro 72 ore e segnalazione ad ACN preparate con il DPO il primo giorno.",
  narrative:
    "Un comune di circa 3.000 abitanti che assistiamo ha subìto la cifratura del file server nel fine settimana. " +
    "L'attaccante è entrato dal desktop remoto di un server rimasto esposto dopo un intervento di manutenzione, ha disattivato l'antivirus e avviato la cifratura la domenica notte. " +
    "Non abbiamo pagato il riscatto. Abbiamo isolato la rete, conservato il disco cifrato per le indagini, ricostruito il server e ripristinato dal backup scollegato. " +
    "Non risultano dati esfiltrati dai log del firewall, ma la notifica al Garante è stata fatta lo stesso per prudenza. Condividiamo in forma anonima perché serva ad altri.",
  validUntil: null,
};

export const fortiOsComment = "Aggiornato il nostro firewall alla 7.2.7 ieri sera con SIA Demo; nei log nessun accesso dagli indirizzi segnalati. Grazie per l'avviso.";
