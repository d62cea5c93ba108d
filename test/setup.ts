import fc from "fast-check";

// Reproducible property runs: a fixed seed unless FC_SEED is set; the seed is printed so that a
// failure in CI can be replayed locally with FC_SEED=<seed>.
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20251129;
fc.configureGlobal({ seed, numRuns: Number(process.env.FC_RUNS ?? 100) });
if (!process.env.VITEST_WORKER_ID || process.env.VITEST_WORKER_ID === "1") console.log(`fast-check seed ${seed}`);
