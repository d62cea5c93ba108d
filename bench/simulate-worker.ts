/**
 * Worker of the threaded simulation (see parallel.ts): parses the tidy input and fits the model
 * once, then simulates the areas it is sent.
 */
import { parentPort } from "node:worker_threads";
import type { CohortModel, DatasetInput, ModelOptions, SimulateOptions } from "../src/index.js";
import { collect, loadLib } from "./measure.js";
import { simulationInputs } from "./data.js";
import { packSimulation } from "./pack.js";

const lib = await loadLib();
let model: CohortModel | undefined;
let fixed: Partial<SimulateOptions> = {};

type Message =
  | { kind: "init"; input: DatasetInput; modelOptions: ModelOptions }
  | { kind: "run"; options: SimulateOptions }
  | { kind: "gc" };

parentPort!.on("message", (m: Message) => {
  if (m.kind === "init") {
    const ds = lib.parseDataset(m.input, lib.chinaSchoolSystem);
    model = lib.fitModel(ds, m.modelOptions);
    fixed = simulationInputs(lib, ds, model);
    parentPort!.postMessage({ kind: "ready" });
    return;
  }
  if (m.kind === "gc") {
    // A full GC between timed runs, as the one-thread case has (the last run's rows are garbage).
    collect();
    parentPort!.postMessage({ kind: "collected" });
    return;
  }
  const t0 = performance.now();
  const sim = lib.simulate(model!, { ...fixed, ...m.options });
  const t1 = performance.now();
  const packed = packSimulation(sim);
  const ms = { simulate: t1 - t0, pack: performance.now() - t1 };
  // Posted by copy, not by transferring the buffers: detaching an ArrayBuffer in this isolate
  // switches off V8's "no detached buffers" assumption for good, and every typed-array access of
  // later runs is then checked (measured: the next simulations about 20% slower).
  parentPort!.postMessage({ kind: "done", packed, ms });
});
