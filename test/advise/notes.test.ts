import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { adviseNoteTexts } from "../../src/report/notes/advise.js";

describe("advise notes", () => {
  const src = readdirSync("src/advise").map((f) => readFileSync(`src/advise/${f}`, "utf8")).join("\n");
  const emitted = [...new Set([...src.matchAll(/"(advise\.[a-z-]+)"/g)].map((m) => m[1]!))].sort();
  it("every code the advisor emits has an English and a Chinese text, and every text a code emitted", () => {
    expect(emitted.length).toBeGreaterThan(8);
    expect(Object.keys(adviseNoteTexts).sort()).toEqual(emitted);
  });
  it("texts render their parameters", () => {
    const p = { area: "a", stage: "primary", project: "north", year: 2023, places: 1234.4, quantile: 5000, without: 4800, advised: 5100, to: 2025, blocks: 2, block: 45, years: [2021, 2022, 2023], risk: 0.1, breakpoints: 48, draws: 1000, from: "b", fromPlaces: 900, fromPupils: 650, fromQuantile: 700, toPlaces: 400, toPupils: 480, toQuantile: 520, school: "s1", stages: ["primary", "junior"] };
    for (const [code, t] of Object.entries(adviseNoteTexts)) {
      for (const s of [t.en(p), t.zh(p)]) {
        expect(s, code).not.toMatch(/undefined|NaN/);
        expect(s.length, code).toBeGreaterThan(10);
      }
    }
    expect(adviseNoteTexts["advise.move"]!.en({ ...p, to: "a" })).toBe(
      "primary: pupils of a use up to 1,234 places of b in 2021–2023: in 2023 a has 400 places of its own for 480 pupils expected (520 for the risk target), b 900 for 650 (700); moving places costs less than building or leaving pupils short",
    );
    expect(adviseNoteTexts["advise.temporary"]!.en(p)).toBe("a, primary: temporary places in 2021–2023 (up to 1,234): cheaper than building for a passing peak");
  });
});
