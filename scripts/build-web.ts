/**
 * Builds the planning page (examples/web/) into a static folder: index.html and one classic script
 * app.js (an IIFE, so that the page also runs from file://, where module scripts are blocked).
 * The library's Node-only readers and writers run in the browser on an in-memory file system: the
 * bundler maps node:fs, node:fs/promises and node:path to examples/web/memfs.ts. exceljs resolves
 * to its browser build (its package.json "browser" field), csv-parse to its own (dist/esm).
 *
 * Run: npm run web   (writes out/web/index.html and out/web/app.js; open index.html in a browser)
 */
import { copyFile, mkdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..");
const out = resolve(root, process.argv[2] ?? "out/web");
const memfs = join(root, "examples", "web", "memfs.ts");

await mkdir(out, { recursive: true });
await build({
  entryPoints: [join(root, "examples", "web", "app.ts")],
  outfile: join(out, "app.js"),
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  alias: {
    "node:fs": memfs,
    "node:fs/promises": memfs,
    "node:path": memfs,
    // csv-parse's browser build (Node's Buffer polyfilled inside it); its default build needs Node's Buffer.
    "csv-parse/sync": join(root, "node_modules", "csv-parse", "dist", "esm", "sync.js"),
  },
  // vega-canvas tries `import("canvas")` (node-canvas) and falls back to none: in the browser there is none to bundle.
  external: ["canvas"],
});
await copyFile(join(root, "examples", "web", "index.html"), join(out, "index.html"));
console.log(`${join(out, "index.html")} (app.js ${((await stat(join(out, "app.js"))).size / 1024).toFixed(0)} KiB)`);
