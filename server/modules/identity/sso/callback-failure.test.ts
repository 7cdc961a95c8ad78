import { describe, expect, it } from "vitest";
import { HttpError } from "../../../platform/http/errors.ts";
import { ssoFailureCode, ssoFailureCodes } from "./callback-failure.ts";

// The codes the sign-in page explains (web/src/features/sso/messages.ts has a message for each).

describe("ssoFailureCode", () => {
  it("names every refusal of the sign-in with a code the sign-in page knows", () => {
    const cases: [string, string][] = [
      ["sso_login_invalid", "expired"],
      ["sso_failed", "failed"],
      ["sso_unavailable", "unavailable"],
      ["sso_provider_disabled", "disabled"],
      ["sso_email_unverified", "email_unverified"],
      ["sso_domain_not_served", "domain_not_served"],
      ["sso_not_member", "not_member"],
      ["account_disabled", "account_disabled"],
    ];
    for (const [code, expected] of cases) {
      expect(ssoFailureCode(new HttpError(403, code as never), undefined), code).toBe(expected);
      expect(ssoFailureCodes).toContain(expected);
    }
  });

  it("tells a refusal by the provider (or a cancel) from tokens that did not validate", () => {
    expect(ssoFailureCode(new HttpError(401, "sso_failed"), "access_denied")).toBe("denied");
    expect(ssoFailureCode(new HttpError(403, "sso_not_member"), "access_denied")).toBe("not_member");
  });

  it("leaves unexpected errors to be logged as such", () => {
    expect(ssoFailureCode(new Error("database gone"), undefined)).toBeNull();
    expect(ssoFailureCode(new HttpError(500, "internal"), undefined)).toBeNull();
  });
});
