import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Runtime dependencies are what src/ imports: package.json's `dependencies` are exactly the
// packages named by the bare imports (static, re-exports and dynamic `import()`) of src/,
// node: builtins excluded. A package only tests, benchmarks or scripts use is a devDependency.
const root = resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** `zod/mini` -> `zod`, `@resvg/resvg-js` -> `@resvg/resvg-js`, `./x.js` and `node:fs` -> undefined. */
function packageOf(spec: string): string | undefined {
  if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("node:")) return undefined;
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function importedPackages(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of files(join(root, "src"))) {
    for (const { fileName } of ts.preProcessFile(readFileSync(f, "utf8"), true, true).importedFiles) {
      const name = packageOf(fileName);
      if (name) out.set(name, [...(out.get(name) ?? []), f.slice(root.length + 1)]);
    }
  }
  return out;
}

describe("dependencies", () => {
  it("package.json's dependencies are the packages src/ imports", () => {
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual([...importedPackages().keys()].sort());
  });

  it("finds the imports it should (a static, a sub-path and a dynamic import)", () => {
    const found = importedPackages();
    expect(found.get("zod")?.length).toBeGreaterThan(0);
    expect(found.has("csv-parse")).toBe(true); // imported as csv-parse/sync
    expect(found.has("vega")).toBe(true); // imported with await import("vega")
    expect([...found.keys()].some((k) => k.startsWith("node:") || k === "fs")).toBe(false);
  });

  it("every dependency and devDependency is pinned to an exact version", () => {
    const loose = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(v));
    expect(loose).toEqual([]);
  });
});
