import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

// Every TypeScript snippet of README.md and docs/*.md compiles as written: each ```ts block is
// written as a module to a folder inside the repository, its imports of `placecast`,
// `placecast/node` and `placecast/seeds` mapped to the source entries, and the whole set is type
// checked with the project's compiler options (strict). A block that is not meant to compile is
// marked ```ts nocheck <reason>, and the reason is required.
const root = resolve(import.meta.dirname, "..");
const outDir = join(root, "test", ".doc-snippets");
const entryOf: Record<string, string> = { placecast: "src/index.js", "placecast/node": "src/node.js", "placecast/seeds": "src/seeds.js" };

interface Snippet {
  readonly doc: string;
  /** Line of the opening fence in the Markdown file (1-based). */
  readonly line: number;
  readonly code: string;
  readonly nocheck?: string;
}

function snippets(): Snippet[] {
  const docs = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
  const out: Snippet[] = [];
  for (const doc of docs) {
    const lines = readFileSync(join(root, doc), "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      const open = /^```ts(?:\s+(.*))?$/.exec(lines[i]!);
      if (!open) continue;
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i]!);
      const info = (open[1] ?? "").trim();
      const nocheck = /^nocheck\b/.test(info) ? info.replace(/^nocheck\s*/, "") : undefined;
      out.push({ doc, line: start + 1, code: body.join("\n"), ...(nocheck !== undefined ? { nocheck } : {}) });
    }
  }
  return out;
}

/** The snippet as a module in `outDir`, with the package's entry points mapped to the sources. */
function moduleText(s: Snippet): string {
  const code = s.code.replace(/(from\s+|import\s*\(\s*)"(placecast(?:\/node|\/seeds)?)"/g, (_, pre: string, spec: string) => {
    const target = relative(outDir, join(root, entryOf[spec]!));
    return `${pre}"${target.startsWith(".") ? target : `./${target}`}"`;
  });
  // A module even without imports, so that top-level await and names are local to the snippet.
  return `${code}\nexport {};\n`;
}

describe("TypeScript snippets of README.md and docs/", () => {
  const all = snippets();
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("finds the snippets (the README's API tour among them)", () => {
    expect(all.filter((s) => s.doc === "README.md").length).toBeGreaterThanOrEqual(2);
    expect(all.some((s) => s.doc === "README.md" && s.code.includes("fitModel(") && s.code.includes("assessCapacity("))).toBe(true);
  });

  it("every nocheck snippet gives its reason", () => {
    expect(all.filter((s) => s.nocheck !== undefined && s.nocheck.length < 10).map((s) => `${s.doc}:${s.line}`)).toEqual([]);
  });

  it("every other snippet compiles as written (strict)", () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const files = new Map<string, Snippet>();
    all.forEach((s, i) => {
      if (s.nocheck !== undefined) return;
      const file = join(outDir, `${s.doc.replace(/[^a-z0-9]+/gi, "_")}_${s.line}_${i}.ts`);
      writeFileSync(file, moduleText(s));
      files.set(file, s);
    });
    const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const program = ts.createProgram([...files.keys()], { ...config.options, noEmit: true });
    // Only the snippets' own diagnostics (the sources are type-checked by tsc in CI), with their
    // Markdown file and line.
    const problems = [...files].flatMap(([file, s]) => {
      const sf = program.getSourceFile(file)!;
      return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => {
        const { line } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${s.doc}:${s.line + 1 + line}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    });
    problems.push(...program.getOptionsDiagnostics().map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")));
    expect(files.size).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
