// Words shared by every page. Features keep their own messages.ts with the same shape.
export const common = {
  it: {
    appName: "Cittadella",
    save: "Salva",
    cancel: "Annulla",
    confirm: "Conferma",
    delete: "Elimina",
    edit: "Modifica",
    close: "Chiudi",
    back: "Indietro",
    next: "Avanti",
    loading: "Caricamento in corso…",
    saved: "Modifiche salvate.",
    required: "obbligatorio",
    yes: "Sì",
    no: "No",
    loadMore: "Carica altri",
    noItems: "Nessun elemento.",
    errorTitle: "Non è stato possibile completare l'operazione",
    errorSummary: "Correggi i campi indicati:",
    networkError: "Il server non risponde. Controlla la connessione e riprova.",
    confirmQuestion: "Sei sicuro? Conferma per procedere.",
    actions: "Azioni",
    "role.admin": "Amministratore",
    "role.security_manager": "Responsabile della sicurezza",
    "role.it_operator": "Operatore IT",
    "role.employee": "Dipendente",
    "role.auditor": "Revisore",
    "role.viewer": "Lettore",
  },
  en: {
    appName: "Cittadella",
    save: "Save",
    cancel: "Cancel",
    confirm: "Confirm",
    delete: "Delete",
    edit: "Edit",
    close: "Close",
    back: "Back",
    next: "Next",
    loading: "Loading…",
    saved: "Changes saved.",
    required: "required",
    yes: "Yes",
    no: "No",
    loadMore: "Load more",
    noItems: "Nothing here yet.",
    errorTitle: "The operation could not be completed",
    errorSummary: "Please correct these fields:",
    networkError: "The server is not answering. Check your connection and try again.",
    confirmQuestion: "Are you sure? Confirm to proceed.",
    actions: "Actions",
    "role.admin": "Administrator",
    "role.security_manager": "Security manager",
    "role.it_operator": "IT operator",
    "role.employee": "Employee",
    "role.auditor": "Auditor",
    "role.viewer": "Viewer",
  },
} satisfies Messages<string>;

/** A feature's messages: the same keys in Italian and English (the compiler checks both). */
export interface Messages<K extends string> {
  it: Record<K, string>;
  en: Record<K, string>;
}

export type CommonKey = keyof typeof common.it;
