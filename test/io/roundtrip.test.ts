import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, parseDataset, type Dataset } from "../../src/index.js";
import { csvText, datasetTables, safeReadDataset, writeDatasetFiles, type Lang } from "../../src/node.js";
import { smallInput } from "./small.js";
import { yangjiangDataset } from "../../src/seeds.js";

// Golden files are rewritten with UPDATE_GOLDEN=1 (then review the diff before committing).
const GOLDEN = join(import.meta.dirname, "golden");
const update = process.env.UPDATE_GOLDEN === "1";

function golden(name: string, actual: string): void {
  const p = join(GOLDEN, name);
  if (update || !existsSync(p)) {
    mkdirSync(join(p, ".."), { recursive: true });
    writeFileSync(p, actual);
  }
  expect(actual).toBe(readFileSync(p, "utf8"));
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "placecast-io-"));
}

/** The dataset without its warnings (readers replace them with located ones). */
function body(ds: Dataset): Omit<Dataset, "warnings"> {
  const { warnings: _w, ...rest } = ds;
  return rest;
}

async function workbookCells(file: string): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((row) => {
      const cells: unknown[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).value ?? null);
      rows.push(cells);
    });
    out[ws.name] = rows;
  });
  return out;
}

const small = parseDataset(smallInput, chinaSchoolSystem);
const LANGS: readonly Lang[] = ["en", "zh-CN"];

describe("dataset → CSV files → dataset", () => {
  for (const lang of LANGS) {
    it(`writes the golden CSV files (${lang}) and reads them back to the same dataset`, async () => {
      for (const t of datasetTables(small, { lang })) golden(`csv-${lang}/${t.name}.csv`, csvText(t, { bom: lang === "zh-CN" }));
      const dir = tmp();
      const written = await writeDatasetFiles(small, dir, "csv", { lang });
      expect(written.map((p) => p.slice(dir.length + 1)).sort()).toEqual(readdirSync(join(GOLDEN, `csv-${lang}`)).sort());
      for (const p of written) expect(readFileSync(p, "utf8")).toBe(readFileSync(join(GOLDEN, `csv-${lang}`, p.slice(dir.length + 1)), "utf8"));
      const r = await safeReadDataset(join(GOLDEN, `csv-${lang}`), chinaSchoolSystem);
      if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
      expect(body(r.data)).toEqual(body(small));
      expect(r.warnings).toEqual([]);
    });
  }

  it("round-trips the whole Yangjiang seed (630 enrolment records, estimates and notes)", async () => {
    const ds = yangjiangDataset();
    const dir = tmp();
    await writeDatasetFiles(ds, dir, "csv", { lang: "zh-CN" });
    const r = await safeReadDataset(dir, chinaSchoolSystem);
    expect(r.success && body(r.data)).toEqual(body(ds));
  });
});

describe("dataset → .xlsx workbook → dataset", () => {
  for (const lang of LANGS) {
    it(`writes numbers as numeric cells, matches the golden cells (${lang}) and reads back the same dataset`, async () => {
      const file = join(tmp(), "data.xlsx");
      await writeDatasetFiles(small, file, "xlsx", { lang });
      const cells = await workbookCells(file);
      golden(`xlsx-${lang}.json`, `${JSON.stringify(cells, null, 1)}\n`);
      const enrolment = cells[lang === "en" ? "enrolment" : "在校生"]!;
      expect(typeof enrolment[1]![1]).toBe("number"); // year
      expect(typeof enrolment[1]![3]).toBe("number"); // pupils
      const r = await safeReadDataset(file, chinaSchoolSystem);
      if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
      expect(body(r.data)).toEqual(body(small));
    });
  }

  it("round-trips the whole Yangjiang seed", async () => {
    const ds = yangjiangDataset();
    const file = join(tmp(), "yangjiang.xlsx");
    await writeDatasetFiles(ds, file, "xlsx");
    const r = await safeReadDataset(file, chinaSchoolSystem);
    expect(r.success && body(r.data)).toEqual(body(ds));
  });

  it("does not change the dataset it writes", async () => {
    const frozen = structuredClone(smallInput);
    await writeDatasetFiles(smallInput, join(tmp(), "x.xlsx"), "xlsx");
    expect(smallInput).toEqual(frozen);
  });
});
