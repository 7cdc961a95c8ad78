export const roles = ["admin", "security_manager", "it_operator", "employee", "auditor", "viewer"] as const;
export type Role = (typeof roles)[number];

/** Who is calling, in which organisation, with what rights. Put on the request by authentication. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  locale: "it" | "en";
  /** the organisation the caller is acting for; null when it belongs to none yet */
  orgId: string | null;
  role: Role | null;
  /** organisations the current organisation is IT provider of */
  providerOf: string[];
  /** organisations the current organisation coordinates */
  coordinatorOf: string[];
  via: "session" | "token";
  /** API token scopes; undefined for a browser session (full rights of the role) */
  scopes?: string[];
  sessionTokenHash?: string;
  mfaEnrolled: boolean;
}
