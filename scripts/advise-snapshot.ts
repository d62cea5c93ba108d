/**
 * Writes (or compares against) the whole Advice of the Yangjiang case of bench/advise.ts
 * (1,000 paths, seed 20210101, risk 0.1, `estimatedLevers`), to check that a speed change leaves
 * the advice as it was, to the last unit.
 *
 *   npx tsx scripts/advise-snapshot.ts write <file>     the advice as JSON
 *   npx tsx scripts/advise-snapshot.ts compare <file>   exits 1 at the first difference
 */
import { readFileSync, writeFileSync } from "node:fs";
import { advise, capacitySchedule, estimatedLevers, fitModel, forecastWithHousing, loadHighsSolver, simulate } from "../src/index.js";
import { yangjiangDataset } from "../src/seeds.js";

const [mode, file] = process.argv.slice(2);
if ((mode !== "write" && mode !== "compare") || !file) throw new Error("usage: advise-snapshot.ts write|compare <file>");
const ds = yangjiangDataset();
const hf = forecastWithHousing(fitModel(ds), { to: 2035 });
const sim = simulate(hf.baseline.model, { draws: 1000, seed: 20210101, to: 2035, supply: ds, housing: hf, paths: true });
const a = await advise(sim.paths!, capacitySchedule(ds), estimatedLevers, { risk: 0.1, solver: await loadHighsSolver() });
const json = JSON.stringify(a, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v), 1);
if (mode === "write") writeFileSync(file, json);
else {
  const before = readFileSync(file, "utf8").split("\n");
  const now = json.split("\n");
  const i = before.findIndex((l, k) => l !== now[k]);
  if (i >= 0 || before.length !== now.length) {
    console.error(`advice differs at line ${i + 1}: before ${before[i]} now ${now[i]}`);
    process.exit(1);
  }
  console.log(`advice identical (${now.length} lines)`);
}
