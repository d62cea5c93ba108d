import { defineConfig } from "tsup";

export default defineConfig({
  // index: the core (no Node imports); node: core + file I/O; seeds: the embedded Yangjiang seed
  // (kept out of the core); examples-data: the example datasets of the notebooks; cli: the `placecast` executable (src/cli/bin.ts keeps its #! line, so
  // dist/cli.js runs as a program).
  entry: { index: "src/index.ts", node: "src/node.ts", seeds: "src/seeds.ts", "examples-data": "src/seeds/examples.ts", cli: "src/cli/bin.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
});
