import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Runtime dependencies are what src/ imports: package.json's `dependencies` plus its optional
// `peerDependencies` are exactly the packages named by the bare imports (static, re-exports and
// dynamic `import()`) of src/, node: builtins excluded. The optional peers (Excel and rendering,
// src/domain/peers.ts) are imported only through `loadPeer(name, () => import(name))`, so a core-only
// install never loads them; each is also a devDependency pinned to the lowest version of its peer
// range (the version the tests run). A package only tests, benchmarks or scripts use is a
// devDependency.
const root = resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  allowScripts?: Record<string, boolean>;
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

/** The bare packages a source text imports, static or dynamic. */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.flatMap(({ fileName }) => packageOf(fileName) ?? []);
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
  it("package.json's dependencies and optional peers are the packages src/ imports", () => {
    const declared = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
    expect(declared.sort()).toEqual([...importedPackages().keys()].sort());
  });

  it("the optional peers are exactly src/domain/peers.ts's list, optional, tested at their lowest version", async () => {
    const { OPTIONAL_PEERS } = await import("../src/domain/peers.js");
    const peers = Object.keys(pkg.peerDependencies ?? {}).sort();
    expect(peers).toEqual(Object.keys(OPTIONAL_PEERS).sort());
    for (const name of peers) {
      expect(pkg.peerDependenciesMeta?.[name]?.optional, name).toBe(true);
      expect(pkg.dependencies?.[name], `${name} is a peer, not a dependency`).toBeUndefined();
      expect(pkg.peerDependencies?.[name], name).toBe(`^${pkg.devDependencies?.[name]}`);
    }
  });

  it("src/ loads the optional peers only lazily, through loadPeer", () => {
    const peers = new Set(Object.keys(pkg.peerDependencies ?? {}));
    const offending: string[] = [];
    for (const f of files(join(root, "src"))) {
      const text = readFileSync(f, "utf8");
      // Type-only imports vanish from the output; every other import of a peer must be loadPeer's literal import().
      const runtime = text
        .replace(/^import type [^;]+;$/gm, "")
        .replace(/loadPeer\("[^"]+", \(\) => import\("[^"]+"\)\)/g, "");
      for (const name of importsOf(runtime)) if (peers.has(name)) offending.push(`${f.slice(root.length + 1)}: ${name}`);
    }
    expect(offending).toEqual([]);
  });

  it("the check of lazy loading would catch a static import of a peer", () => {
    expect(importsOf('import ExcelJS from "exceljs";')).toEqual(["exceljs"]);
    expect(importsOf('import type ExcelJS from "exceljs";'.replace(/^import type [^;]+;$/gm, ""))).toEqual([]);
  });

  it("npm ci runs no install script and warns about none: every package of the lockfile with one is denied in allowScripts", () => {
    // npm 11 blocks dependency install scripts and warns about each one allowScripts does not
    // cover. deno and esbuild work without theirs: their binaries come from platform packages
    // (@deno/linux-x64-glibc, @esbuild/linux-x64), found by their JS launchers.
    const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = [...new Set(Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([path]) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length)))].sort();
    expect(withScripts).toEqual(["deno", "esbuild"]);
    expect(Object.fromEntries(withScripts.map((n) => [n, pkg.allowScripts?.[n]]))).toEqual({ deno: false, esbuild: false });
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
