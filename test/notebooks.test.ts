/**
 * The notebooks' code runs (examples/notebooks/*.ipynb): the code cells of each notebook, in
 * order, as one module against the library's source, with `Deno.jupyter.display` collecting what
 * the cells show. This checks that the notebooks' code works with the current API; executing them
 * in Jupyter (scripts/run-notebooks.sh, with the Deno kernel and the built dist/) also checks the
 * kernel and the rendering of their outputs.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadUsStates } from "./fixtures/load.js";
import { atlantaSchoolsFile, usStatesFile } from "../scripts/examples-data.js";
import { atlantaSchoolsExample, usStatesExample } from "../src/seeds/examples.js";
import { loadAtlantaSchools } from "./fixtures/atlanta-schools/load.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const nbDir = join(root, "examples", "notebooks");

interface Notebook {
  cells: { cell_type: string; source: string[] | string; outputs?: { data?: Record<string, unknown>; text?: string[] | string }[] }[];
}
const notebooks = readdirSync(nbDir).filter((f) => f.endsWith(".ipynb")).sort();
const read = (file: string): Notebook => JSON.parse(readFileSync(join(nbDir, file), "utf8")) as Notebook;
const text = (s: string[] | string | undefined): string => (Array.isArray(s) ? s.join("") : (s ?? ""));
const codeOf = (file: string): string => read(file).cells.filter((c) => c.cell_type === "code").map((c) => text(c.source)).join("\n\n");

/** The notebook's code cells as one module: imports of "placecast" and its subpaths pointed at the source entries. */
function moduleOf(file: string): string {
  return codeOf(file)
    .replace(/from "placecast\/examples-data"/g, `from ${JSON.stringify(join(root, "src", "seeds", "examples.ts"))}`)
    .replace(/from "placecast\/node"/g, `from ${JSON.stringify(join(root, "src", "node.ts"))}`)
    .replace(/from "placecast\/seeds"/g, `from ${JSON.stringify(join(root, "src", "seeds.ts"))}`)
    .replace(/from "placecast"/g, `from ${JSON.stringify(join(root, "src", "index.ts"))}`)
    .replace(/from "(\.\.\/\.\.\/[^"]+)"/g, (_m, p: string) => `from ${JSON.stringify(resolve(nbDir, p))}`);
}

/** The rows (trimmed cells) of the first Markdown table whose header starts "| h | n | MAPE default". */
function backtestRows(md: string): string[][] {
  const lines = md.split("\n");
  const start = lines.findIndex((l) => /^\|\s*h\s*\|\s*n\s*\|\s*MAPE default\s*\|/.test(l));
  const rows: string[][] = [];
  for (let i = start + 2; start >= 0 && i < lines.length && lines[i]!.startsWith("|"); i++) rows.push(lines[i]!.split("|").slice(1, -1).map((c) => c.trim()));
  expect(rows.length).toBeGreaterThan(0);
  return rows;
}

describe.each(["advice.ipynb", "atlanta-schools.ipynb", "school-systems.ipynb", "yangjiang-walkthrough.ipynb"])("notebook %s", (file) => {
  it("runs its code cells in order and shows something", async () => {
    const shown: Record<string, unknown>[] = [];
    const g = globalThis as unknown as { Deno?: unknown };
    g.Deno = { jupyter: { display: (data: Record<string, unknown>) => void shown.push(data) } };
    const dir = mkdtempSync(join(tmpdir(), "placecast-nb-"));
    const path = join(dir, `${file.replace(/\.ipynb$/, "")}.ts`);
    writeFileSync(path, moduleOf(file));
    try {
      await import(/* @vite-ignore */ path);
    } finally {
      delete g.Deno;
    }
    if (process.env.SHOW_NB) for (const s of shown) if (s["text/markdown"]) console.log(s["text/markdown"]);
    expect(shown.length).toBeGreaterThan(2);
    for (const s of shown) {
      const text = String(s["text/markdown"] ?? s["image/svg+xml"] ?? "");
      expect(text.length).toBeGreaterThan(50);
      expect(text).not.toMatch(/undefined|NaN/);
    }
    // The walkthrough forecasts as the main job (with new housing): npm start prints city primary 2025 220,128 and 2035 115,936.
    // The advice notebook compares the plan's 74,000 primary places with the advice (as the main job's section 12).
    if (file === "advice.ipynb") expect(shown.map((s) => String(s["text/markdown"] ?? "")).join("\n")).toMatch(/primary[^\n]*74,000/);
    // The Atlanta notebook's backtest table holds the figures of docs/schools.md's table (same origins, horizons and scoring).
    if (file === "atlanta-schools.ipynb") expect(backtestRows(shown.map((s) => String(s["text/markdown"] ?? "")).join("\n"))).toEqual(backtestRows(readFileSync(join(root, "docs", "schools.md"), "utf8")));
    if (file === "yangjiang-walkthrough.ipynb") expect(shown.map((s) => String(s["text/markdown"] ?? "")).join("\n")).toMatch(/小学[^\n]*220,128[^\n]*115,936/);
  }, 120_000);
});

// The notebooks run from an installed package (scripts/run-notebooks.sh): they may import only the
// package's public entries, and their data is what the package ships.
describe("notebooks use only the installed package", () => {
  it.each(notebooks)("%s imports only placecast and its subpaths", (file) => {
    const specs = [...codeOf(file).matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]!);
    expect(specs.length).toBeGreaterThan(0);
    expect(specs.filter((s) => !["placecast", "placecast/node", "placecast/seeds", "placecast/examples-data"].includes(s))).toEqual([]);
  });

  it("the shipped US example data is what scripts/examples-data.ts writes from the fixtures", () => {
    const shipped = JSON.parse(readFileSync(join(root, "seeds", "examples", "us-states.json"), "utf8")) as unknown;
    expect(shipped).toEqual(usStatesFile());
  });

  it("usStatesExample() gives the same records as the fixtures' loader", () => {
    const key = (r: object): string => JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
    const load = loadUsStates();
    const ex = usStatesExample();
    for (const t of ["areas", "enrolment", "births"] as const) {
      const a = (ex.input[t] as object[]).map(key).sort();
      const b = ((load.input as unknown as Record<string, object[]>)[t] ?? []).map(key).sort();
      expect(a.length, t).toBeGreaterThan(0);
      expect(a, t).toEqual(b);
    }
    expect({ notes: ex.notes, dropped: ex.dropped }).toEqual({ notes: load.notes, dropped: load.dropped });
  });

  it("the shipped Atlanta schools data is what scripts/examples-data.ts writes, and atlantaSchoolsExample() gives the fixture loader's records", () => {
    const shipped = JSON.parse(readFileSync(join(root, "seeds", "examples", "atlanta-schools.json"), "utf8")) as unknown;
    expect(shipped).toEqual(atlantaSchoolsFile());
    const key = (r: object): string => JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
    const load = loadAtlantaSchools();
    const ex = atlantaSchoolsExample();
    for (const t of ["areas", "enrolment", "schools", "schoolEnrolment", "feeders"] as const) {
      const a = ((ex.input as unknown as Record<string, object[]>)[t] ?? []).map(key).sort();
      const b = ((load.input as unknown as Record<string, object[]>)[t] ?? []).map(key).sort();
      expect(a.length, t).toBeGreaterThan(0);
      expect(a, t).toEqual(b);
    }
    expect(ex.dropped).toEqual(load.dropped);
  });

  it("the committed walkthrough shows the main job's figures (city primary 2025 220,128 and 2035 115,936, as npm start prints)", () => {
    // npm start's city table (examples/yangjiang.ts, forecast with new housing): 小学 Primary 2025 220,128, 2035 115,936.
    const outputs = read("yangjiang-walkthrough.ipynb").cells.flatMap((c) => c.outputs ?? []).map((o) => text(o.data?.["text/markdown"] as string[] | string | undefined)).join("\n");
    expect(outputs).toMatch(/小学[^\n]*220,128[^\n]*115,936/);
  });
});
