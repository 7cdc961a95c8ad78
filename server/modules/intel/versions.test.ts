import { describe, expect, it } from "vitest";
import { compareVersions, inRange, parseCpe } from "./versions.ts";

const none = { versionStartIncluding: null, versionStartExcluding: null, versionEndIncluding: null, versionEndExcluding: null };

describe("dotted versions", () => {
  it.each([
    ["1.10", "1.9", 1],
    ["2.4", "2.4.0", 0],
    ["2.4.1", "2.4.10", -1],
    ["15.2.1118.40", "15.2.1118.9", 1],
    ["1.0-rc1", "1.0-rc2", -1],
  ])("%s vs %s is %i", (a, b, order) => expect(compareVersions(a, b)).toBe(order));

  it("checks NVD range bounds, inclusive and exclusive", () => {
    const range = { ...none, versionStartIncluding: "2.4.0", versionEndExcluding: "2.4.58" };
    expect(inRange("2.4.0", range)).toBe(true);
    expect(inRange("2.4.57", range)).toBe(true);
    expect(inRange("2.4.58", range)).toBe(false);
    expect(inRange("2.3.9", range)).toBe(false);
    expect(inRange("3.0", { ...none, versionStartExcluding: "3.0" })).toBe(false);
    expect(inRange("3.0", { ...none, versionEndIncluding: "3.0" })).toBe(true);
    expect(inRange("9", none)).toBe(true);
    expect(inRange(null, range)).toBe(true);
    expect(inRange("1.2", { ...none, exact: "1.2.0" })).toBe(true);
    expect(inRange("1.3", { ...none, exact: "1.2" })).toBe(false);
  });

  it("reads vendor, product and version from a CPE 2.3 name", () => {
    expect(parseCpe("cpe:2.3:a:Apache:HTTP_Server:2.4.57:*:*:*:*:*:*:*")).toEqual({ vendor: "apache", product: "http_server", version: "2.4.57" });
    expect(parseCpe("cpe:2.3:o:microsoft:windows_10:*:*:*:*:*:*:*:*")).toEqual({ vendor: "microsoft", product: "windows_10", version: null });
    expect(parseCpe("cpe:2.3:a:a\\:b:c:1:*:*:*:*:*:*:*")).toEqual({ vendor: "a:b", product: "c", version: "1" });
    expect(parseCpe("not a cpe")).toBeNull();
    expect(parseCpe("cpe:2.3:a:*:*:*")).toBeNull();
  });
});
