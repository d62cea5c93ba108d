import { defineConfig } from "tsup";

export default defineConfig({
  // index: the core (no Node imports); node: core + file I/O; seeds: the embedded Yangjiang seed
  // (kept out of the core); cli: the `placecast` executable (src/cli/bin.ts keeps its #! line, so
  // dist/cli.js runs as a program).
  entry: { index: "src/index.ts", node: "src/node.ts", seeds: "src/seeds.ts", cli: "src/cli/bin.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
});
