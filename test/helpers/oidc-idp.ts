import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

// A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1 and a random port,
// for end-to-end single sign-on tests. Its development login and consent pages are completed
// over HTTP with a small cookie jar, as a browser would.

export interface IdpAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, IdpAccount>;
  /**
   * Goes through the provider's login and consent as accountId (or cancels at the login page);
   * returns the redirect back to the app.
   */
  signIn(authorizationUrl: string, accountId: string, options?: { cancel?: boolean }): Promise<URL>;
  close(): Promise<void>;
}

export async function startTestIdp(redirectUri: string): Promise<TestIdp> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, IdpAccount>();
  const clientId = "cittadella-test";
  const clientSecret = "idp-client-secret-for-tests-only";

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], response_types: ["code"], grant_types: ["authorization_code"] }],
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined;
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["test-idp-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3_600, Grant: 3_600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  handle = provider.callback();

  async function signIn(authorizationUrl: string, accountId: string, options: { cancel?: boolean } = {}): Promise<URL> {
    const jar = new Map<string, string>();
    const visit = async (url: URL, init: RequestInit = {}) => {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
      const res = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie } });
      for (const line of res.headers.getSetCookie()) {
        const pair = line.split(";")[0]!;
        const at = pair.indexOf("=");
        const value = pair.slice(at + 1);
        if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(pair.slice(0, at));
        else jar.set(pair.slice(0, at), value);
      }
      return res;
    };
    let url = new URL(authorizationUrl);
    let res = await visit(url);
    for (let step = 0; step < 12; step++) {
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get("location")!, url);
        if (url.origin !== issuer) return url;
        res = await visit(url);
        continue;
      }
      const page = await res.text();
      if (res.status !== 200 || !url.pathname.startsWith("/interaction/")) throw new Error(`identity provider answered ${res.status}: ${page.slice(0, 300)}`);
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
      if (options.cancel) {
        res = await visit(new URL(`${url.pathname}/abort`, url));
        continue;
      }
      const form: Record<string, string> = prompt === "login" ? { prompt, login: accountId, password: "any" } : { prompt: "consent" };
      res = await visit(url, { method: "POST", body: new URLSearchParams(form), headers: { "content-type": "application/x-www-form-urlencoded" } });
    }
    throw new Error("identity provider flow did not end");
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signIn,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
