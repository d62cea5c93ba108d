/**
 * The notebooks' code runs (examples/notebooks/*.ipynb): the code cells of each notebook, in
 * order, as one module against the library's source, with `Deno.jupyter.display` collecting what
 * the cells show. This checks that the notebooks' code works with the current API; executing them
 * in Jupyter (scripts/run-notebooks.sh, with the Deno kernel and the built dist/) also checks the
 * kernel and the rendering of their outputs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const nbDir = join(root, "examples", "notebooks");

/** The notebook's code cells as one module: imports of "placecast" and relative paths pointed at absolute source paths. */
function moduleOf(file: string): string {
  const nb = JSON.parse(readFileSync(join(nbDir, file), "utf8")) as { cells: { cell_type: string; source: string[] | string }[] };
  const code = nb.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source)).join("\n\n");
  return code
    .replace(/from "placecast\/node"/g, `from ${JSON.stringify(join(root, "src", "node.ts"))}`)
    .replace(/from "placecast\/seeds"/g, `from ${JSON.stringify(join(root, "src", "seeds.ts"))}`)
    .replace(/from "placecast"/g, `from ${JSON.stringify(join(root, "src", "index.ts"))}`)
    .replace(/from "(\.\.\/\.\.\/[^"]+)"/g, (_m, p: string) => `from ${JSON.stringify(resolve(nbDir, p))}`);
}

describe.each(["school-systems.ipynb", "yangjiang-walkthrough.ipynb"])("notebook %s", (file) => {
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
  }, 120_000);
});
