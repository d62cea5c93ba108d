import { describe, expect, it } from "vitest";
import { BUDGET, bundleSize } from "../scripts/bundle-size.js";

// The core a browser planning tool bundles (parse + fit + forecast + assess) stays within the
// budget of scripts/bundle-size.ts. CI measures the built dist/index.js (`npm run size`); this
// test bundles the source entry the same way (esbuild compiles the TypeScript), so it needs no
// build. The seed is not in it: it lives in placecast/seeds.
describe("core bundle size", () => {
  it("parse + fit + forecast + assess, minified and gzipped, is within the budget and carries no seed", async () => {
    const s = await bundleSize("src/index.ts");
    console.log(`core bundle from src/index.ts: ${s.minified} bytes minified, ${s.gzip} gzip (budget ${BUDGET.minified} / ${BUDGET.gzip})`);
    expect(s.minified).toBeLessThanOrEqual(BUDGET.minified);
    expect(s.gzip).toBeLessThanOrEqual(BUDGET.gzip);
    expect(s.byPackage.map((p) => p.name)).toContain("zod");
    expect(s.code.includes("jiangcheng")).toBe(false);
  }, 60_000);
});
