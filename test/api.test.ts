import { relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The public surface is listed name by name in src/index.ts, src/node.ts and src/seeds.ts. This
// test keeps it deliberate:
// - the sorted names of each entry (values and types) are a snapshot: adding or removing a public
//   name changes test/__snapshots__/api.test.ts.snap, which is updated on purpose with
//   `npx vitest run test/api.test.ts -u`;
// - names known to be internal are not exported;
// - every type named in the signature of a public export (parameters, return types, fields,
//   extended interfaces) is itself public, so a user can name what a function takes and returns.
const root = resolve(import.meta.dirname, "..");
const entries = { placecast: "src/index.ts", "placecast/node": "src/node.ts", "placecast/seeds": "src/seeds.ts" } as const;

const program = ts.createProgram(
  Object.values(entries).map((e) => resolve(root, e)),
  {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    resolveJsonModule: true,
    skipLibCheck: true,
  },
);
const checker = program.getTypeChecker();

function exportsOf(entry: string): ts.Symbol[] {
  const sf = program.getSourceFile(resolve(root, entry))!;
  return checker.getExportsOfModule(checker.getSymbolAtLocation(sf)!);
}
const target = (s: ts.Symbol): ts.Symbol => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
const names = (entry: string): string[] => exportsOf(entry).map((s) => s.name).sort();

/** Names that are internal on purpose: helpers, kernels and constructors of other modules' data. */
const INTERNAL = [
  // data: issue constructors and cube indexing
  "issue", "show", "isReservedId", "cubeIndex", "offeredGrades", "birthTable",
  // cohort and housing kernels
  "projectArea", "Fill", "fitRatio", "ratioAt", "oneStepErrors", "projectBirths", "addArrivals", "ageHousing",
  // capacity internals (class arithmetic, flag packing, rules lookups)
  "placeFlagBits", "evenSpread", "classesInRange", "classesForMaxSize", "wholePupils", "derivedClasses", "stageStandard", "eliminateFrom",
  // uncertainty internals (random streams, hashing, sorted quantile); normalQuantile is a test oracle
  "fnv1a", "rng", "streams", "quantileSorted", "normalQuantile",
  // report and render helpers
  "escapeHtml", "displayWidth", "fillLabel", "yearRanges", "textWidth", "vegaTextWidth", "estimatedAreas",
  // io cell and header helpers
  "cellToField", "columnLetter", "normalizeName", "headerOf", "sheetOf", "tableForName", "columnForHeader", "describeColumn", "csvRows", "workbookCell", "located", "parseSheets",
] as const;

describe("the public API", () => {
  it("placecast: the sorted names (snapshot; update with -u on purpose)", () => {
    expect(names(entries.placecast)).toMatchSnapshot();
  });

  it("placecast/node: the core plus the names of file I/O and rendering (snapshot)", () => {
    const core = new Set(names(entries.placecast));
    const node = names(entries["placecast/node"]);
    expect(node.filter((n) => core.has(n))).toEqual([...core].sort());
    expect(node.filter((n) => !core.has(n))).toMatchSnapshot();
  });

  it("placecast/seeds: the seed alone, and the seed is not in the core entries", () => {
    expect(names(entries["placecast/seeds"])).toEqual(["yangjiangDataset", "yangjiangInput", "yangjiangPlan"]);
    for (const e of [entries.placecast, entries["placecast/node"]]) expect(names(e).filter((n) => n.startsWith("yangjiang")), e).toEqual([]);
  });

  it("exports none of the internal names", () => {
    for (const e of Object.values(entries)) expect(names(e).filter((n) => (INTERNAL as readonly string[]).includes(n)), e).toEqual([]);
    // The internal names exist (a renamed one would make this list check nothing).
    const srcExports = new Set<string>();
    for (const sf of program.getSourceFiles()) {
      if (!sf.fileName.startsWith(resolve(root, "src")) && !sf.fileName.startsWith(resolve(root, "test"))) continue;
      const sym = checker.getSymbolAtLocation(sf);
      if (sym) for (const s of checker.getExportsOfModule(sym)) srcExports.add(s.name);
    }
    const gone = INTERNAL.filter((n) => !srcExports.has(n) && n !== "normalQuantile");
    expect(gone, "internal names that no longer exist: remove them from INTERNAL").toEqual([]);
  });

  it("every type a public export names in its signature is public too", () => {
    const missing: string[] = [];
    for (const [entry, file] of Object.entries(entries)) {
      // The seeds' types (Dataset, DatasetInput) are the core's.
      const exported = new Set([...exportsOf(file), ...(entry === "placecast/seeds" ? exportsOf(entries.placecast) : [])].map(target));
      for (const s of exportsOf(file)) {
        for (const ref of referencedTypes(target(s))) {
          if (!exported.has(ref)) missing.push(`${entry}: ${s.name} names ${ref.name} (${relative(root, ref.declarations![0]!.getSourceFile().fileName)})`);
        }
      }
    }
    expect([...new Set(missing)].sort()).toEqual([]);
  });
});

/** The named types of src/ that a declaration's signature refers to (not bodies or initialisers). */
function referencedTypes(sym: ts.Symbol): Set<ts.Symbol> {
  const out = new Set<ts.Symbol>();
  const add = (s: ts.Symbol | undefined): void => {
    if (!s) return;
    s = target(s);
    const d = s.declarations?.[0];
    if (!d || !d.getSourceFile().fileName.startsWith(resolve(root, "src"))) return;
    if (s.flags & (ts.SymbolFlags.TypeParameter | ts.SymbolFlags.Property | ts.SymbolFlags.Method | ts.SymbolFlags.TypeLiteral | ts.SymbolFlags.ObjectLiteral)) return;
    if (ts.isTypeParameterDeclaration(d)) return;
    // A module-private helper type (not exported from its own module) is flattened into the public
    // one that uses it; only the types a module exports are candidates.
    if (!(ts.getCombinedModifierFlags(d as ts.Declaration) & ts.ModifierFlags.Export)) return;
    out.add(s);
  };
  const walk = (node: ts.Node | undefined): void => {
    if (!node) return;
    if (ts.isTypeReferenceNode(node)) add(checker.getSymbolAtLocation(ts.isQualifiedName(node.typeName) ? node.typeName.left : node.typeName));
    else if (ts.isExpressionWithTypeArguments(node)) add(checker.getSymbolAtLocation(node.expression));
    // (`typeof schema` names a value, not a type: a record type inferred from a zod schema is public
    // by its own name.)
    // Inside a signature, skip function bodies and initial values: only the types count.
    if (ts.isBlock(node)) return;
    ts.forEachChild(node, (c) => {
      if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node)) && c === node.initializer) return;
      walk(c);
    });
  };
  const inferred = (t: ts.Type, depth: number): void => {
    if (depth > 2) return;
    add(t.aliasSymbol);
    if (t.symbol && t.symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.Enum)) add(t.symbol);
    for (const a of t.aliasTypeArguments ?? []) inferred(a, depth + 1);
    if (t.isUnionOrIntersection()) for (const u of t.types) inferred(u, depth + 1);
    if (checker.isArrayType(t) || checker.isTupleType(t)) for (const a of checker.getTypeArguments(t as ts.TypeReference)) inferred(a, depth + 1);
  };
  for (const d of sym.declarations ?? []) {
    if (ts.isClassDeclaration(d)) {
      for (const h of d.heritageClauses ?? []) walk(h);
      for (const m of d.members) {
        if (ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        walk(m);
      }
    } else walk(d);
    if ((ts.isFunctionDeclaration(d) || ts.isVariableDeclaration(d)) && !d.type) {
      const t = checker.getTypeOfSymbolAtLocation(sym, d);
      for (const sig of t.getCallSignatures()) inferred(sig.getReturnType(), 0);
    }
  }
  out.delete(sym);
  return out;
}
