import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import * as core from "../src/index.js";
import * as seeds from "../src/seeds.js";

// The TSDoc examples are tested: every self-contained line of the form `expression // value`
// inside an @example block of the core is evaluated with the library's exports in scope and
// compared with the value written in the comment. Lines that need variables defined elsewhere
// in the example (ds, fc, …) are not self-contained and are counted as skipped.
const root = new URL("../src/", import.meta.url).pathname;
const skipDirs = new Set(["io", "render", "cli"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? (skipDirs.has(f) ? [] : files(p)) : p.endsWith(".ts") ? [p] : [];
  });
}

interface Case {
  readonly where: string;
  readonly expr: string;
  readonly expected: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const f of files(root)) {
    const text = readFileSync(f, "utf8");
    for (const block of text.matchAll(/@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g)) {
      for (const raw of block[1]!.split("\n")) {
        const line = raw.replace(/^\s*\*\s?/, "");
        const m = /^(.+?);?\s*\/\/\s*(.+)$/.exec(line);
        if (!m || /^(const|let|import|for|if)\b/.test(m[1]!)) continue;
        // TypeScript's non-null assertions (`)!`, `]!`) are not JavaScript; a note after the value in parentheses is dropped.
        const expr = m[1]!.trim().replace(/([)\]])!/g, "$1");
        const expected = m[2]!.trim().replace(/\s+\(.*\)$/, "");
        out.push({ where: `${relative(root, f)}: ${line.trim()}`, expr, expected });
      }
    }
  }
  return out;
}

// In scope: the public names, then every other export of the core's modules (an internal function's
// example is tested too), then the seeds.
const modules: Record<string, unknown> = {};
for (const f of files(root)) if (!f.endsWith("/node.ts")) Object.assign(modules, await import(f));
const all: Record<string, unknown> = { ...modules, ...seeds, ...core };
const scope = Object.keys(all);
const values = Object.values(all);
function evaluate(src: string): unknown {
  return new Function(...scope, `"use strict"; return (${src});`)(...values);
}

describe("TSDoc examples", () => {
  const all = cases();
  let ran = 0;
  const skipped: string[] = [];
  for (const c of all) {
    let expected: unknown;
    let actual: unknown;
    try {
      expected = evaluate(c.expected);
      actual = evaluate(c.expr);
    } catch (e) {
      if (e instanceof ReferenceError || e instanceof SyntaxError) {
        skipped.push(c.where);
        continue;
      }
      throw e;
    }
    ran++;
    it(c.where, () => {
      if (typeof expected === "number" && typeof actual === "number") expect(actual).toBeCloseTo(expected, 9);
      else expect(actual).toEqual(expected);
    });
  }
  it("runs a good share of the examples", () => {
    console.log(`doc examples: ${ran} checked, ${skipped.length} not self-contained`);
    expect(ran).toBeGreaterThanOrEqual(20);
  });
});
