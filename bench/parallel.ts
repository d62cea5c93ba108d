/**
 * Simulation across worker threads: areas are independent (each area's random streams are keyed
 * by its id), so the areas are split into contiguous shares, one per thread, each simulated with
 * `simulate(…, { areas })` on a model fitted to the whole dataset (pooled fallbacks and parent
 * births need every area), and the rows concatenated in area order (sent back packed in typed
 * arrays, see pack.ts). The result equals a one-thread run (checked by the bench's thread case).
 */
import { Worker } from "node:worker_threads";
import type { DatasetInput, ModelOptions, Simulation, SimulateOptions } from "../src/index.js";
import { unpackRows, type PackedSimulation } from "./pack.js";

export interface RunTimes {
  readonly workers: readonly { readonly simulate: number; readonly pack: number }[];
  readonly unpack: number;
}

export interface SimulationPool {
  /** Simulates every area, split across the threads. */
  run(options: SimulateOptions): Promise<Simulation>;
  /** Where the last run's time went: each worker's simulate and packing, and unpacking on the main thread (ms). */
  times(): RunTimes | undefined;
  /** A full garbage collection in every worker (between timed runs, outside them). */
  collect(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts `threads` workers, each holding the parsed dataset, the fitted model and the options
 * that stay the same between runs (`simulationInputs`: places and the housing forecast), made
 * once in each worker.
 * @param areas - the forecast areas in model order (`model.cube.areas`)
 */
export async function startPool(threads: number, input: DatasetInput, modelOptions: ModelOptions, areas: readonly string[]): Promise<SimulationPool> {
  const workers = Array.from({ length: threads }, () => new Worker(new URL("./simulate-worker.mjs", import.meta.url)));
  const next = (w: Worker): Promise<{ kind: string; packed?: PackedSimulation; ms?: { simulate: number; pack: number } }> =>
    new Promise((resolve, reject) => {
      const onMsg = (m: { kind: string; packed?: PackedSimulation; ms?: { simulate: number; pack: number } }): void => {
        w.off("error", onErr);
        resolve(m);
      };
      const onErr = (e: Error): void => {
        w.off("message", onMsg);
        reject(e);
      };
      w.once("message", onMsg);
      w.once("error", onErr);
    });
  await Promise.all(
    workers.map((w) => {
      const p = next(w);
      w.postMessage({ kind: "init", input, modelOptions });
      return p;
    }),
  );
  let lastTimes: RunTimes | undefined;
  const shares: string[][] = workers.map((_, i) => areas.slice(Math.floor((i * areas.length) / threads), Math.floor(((i + 1) * areas.length) / threads)));
  return {
    async run(options) {
      // Each share is unpacked as soon as it arrives, while the other threads may still run.
      let unpack = 0;
      const parts = await Promise.all(
        workers.map((w, i) => {
          const p = next(w).then((m) => {
            const t0 = performance.now();
            const rows = unpackRows(m.packed!);
            unpack += performance.now() - t0;
            return { m, rows };
          });
          w.postMessage({ kind: "run", options: { ...options, areas: shares[i] } });
          return p;
        }),
      );
      lastTimes = { workers: parts.map((p) => p.m.ms!), unpack };
      return { ...parts[0]!.m.packed!.meta, rows: parts.flatMap((p) => p.rows) };
    },
    times() {
      return lastTimes;
    },
    async collect() {
      await Promise.all(
        workers.map((w) => {
          const p = next(w);
          w.postMessage({ kind: "gc" });
          return p;
        }),
      );
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
