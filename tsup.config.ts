import { defineConfig } from "tsup";

export default defineConfig({
  // index: the core (no Node imports); node: core + file I/O; cli: the `placecast` executable
  // (src/cli/bin.ts keeps its #! line, so dist/cli.js runs as a program).
  entry: { index: "src/index.ts", node: "src/node.ts", cli: "src/cli/bin.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
});
