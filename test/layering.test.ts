import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// DESIGN.md: layers, imports only point downwards; the core imports nothing from Node.
// Each layer lists the layers it may import from.
const allowed: Record<string, readonly string[]> = {
  domain: [],
  data: ["domain"],
  cohort: ["domain", "data"],
  housing: ["domain", "data", "cohort"],
  capacity: ["domain", "data", "cohort"],
  uncertainty: ["domain", "data", "cohort", "capacity"],
  evaluate: ["domain", "data", "cohort", "uncertainty"],
  advise: ["domain", "data", "cohort", "capacity", "uncertainty", "schools"],
  report: ["domain", "data", "cohort", "housing", "capacity", "uncertainty", "evaluate", "schools"],
  schools: ["domain", "data", "cohort", "capacity", "uncertainty", "evaluate"],
  seeds: ["domain", "data"],
  io: ["domain", "data", "cohort", "housing", "capacity", "uncertainty", "evaluate", "schools", "report", "seeds"],
  render: ["domain", "data", "cohort", "housing", "capacity", "uncertainty", "evaluate", "schools", "report"],
  cli: ["domain", "data", "cohort", "housing", "capacity", "uncertainty", "evaluate", "schools", "report", "seeds", "io", "render", "advise"],
};
const nodeLayers = new Set(["io", "render", "cli"]);
const NODE_BUILTINS = /^(node:|fs$|path$|os$|url$|util$|child_process$|worker_threads$|stream$|crypto$)/;

const root = new URL("../src/", import.meta.url).pathname;
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}
// Every module specifier a file imports or re-exports from, as TypeScript's own pre-processor finds
// them (comments and quotes inside an export list do not hide one).
function imports(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.map((f) => f.fileName);
}

describe("layering (DESIGN.md)", () => {
  const all = files(root);

  it("every source file belongs to a known layer or is an entry point", () => {
    for (const f of all) {
      const rel = relative(root, f);
      const layer = rel.split("/")[0]!;
      expect(rel.includes("/") ? Object.keys(allowed) : ["index.ts", "node.ts", "seeds.ts"], rel).toContain(rel.includes("/") ? layer : rel);
    }
  });

  it("imports point only to the same or lower layers", () => {
    const bad: string[] = [];
    for (const f of all) {
      const rel = relative(root, f);
      if (!rel.includes("/")) continue;
      const layer = rel.split("/")[0]!;
      for (const spec of imports(f)) {
        const m = /^\.\.\/([a-z]+)\//.exec(spec);
        if (m && m[1] !== layer && !allowed[layer]!.includes(m[1]!)) bad.push(`${rel} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("the core (everything but io, render and cli, and the node entry) imports nothing from Node", () => {
    const bad: string[] = [];
    for (const f of all) {
      const rel = relative(root, f);
      if (nodeLayers.has(rel.split("/")[0]!) || rel === "node.ts") continue;
      for (const spec of imports(f)) if (NODE_BUILTINS.test(spec)) bad.push(`${rel} imports ${spec}`);
      if (rel === "index.ts" || rel === "seeds.ts") for (const spec of imports(f)) if (/\/(io|render|cli)\//.test(spec)) bad.push(`${rel} re-exports ${spec}`);
    }
    expect(bad).toEqual([]);
  });
});
