import { describe, expect, it } from "vitest";
import { fillTemplate } from "./template.ts";

describe("message templates", () => {
  it("fills every placeholder it has a value for, numbers included", () => {
    expect(fillTemplate("{field}: al massimo {max} caratteri", { field: "nome", max: 200 })).toBe("nome: al massimo 200 caratteri");
  });

  it("keeps a placeholder it has no value for, unless told what to put instead", () => {
    expect(fillTemplate("riga {row}, colonna {column}", { row: 4 })).toBe("riga 4, colonna {column}");
    expect(fillTemplate("riga {row}, colonna {column}", { row: 4 }, "")).toBe("riga 4, colonna ");
  });
});
