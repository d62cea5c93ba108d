/**
 * Helpers of the benchmark: the built library, timing (median of several runs), memory, load.
 */
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The built package (`dist/index.js` and the seeds of `dist/seeds.js`), typed as the source entries it is built from. */
export type Lib = typeof import("../src/index.js") & typeof import("../src/seeds.js");

/**
 * Imports the built library. The path is computed so that type checking does not need `dist/`
 * (CI type-checks before it builds).
 */
export async function loadLib(): Promise<Lib> {
  const url = (file: string): string => pathToFileURL(fileURLToPath(new URL(`../dist/${file}`, import.meta.url))).href;
  const [core, seeds] = await Promise.all([import(url("index.js")), import(url("seeds.js"))]);
  return { ...core, ...seeds } as Lib;
}

export interface Timing {
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Every run, in ms, in order. */
  readonly runs: readonly number[];
  /** Median CPU time of the process (user + system, all threads) per run, in ms: less sensitive to other load than wall time. */
  readonly cpu?: number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A full garbage collection when node runs with `--expose-gc`, so one run's garbage does not bill the next. */
export function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Times `fn` `runs` times after `warmup` untimed runs (ms, `performance.now`). `setup` runs
 * before each run, untimed, and its value is passed to `fn`.
 */
export function time<S, R>(runs: number, warmup: number, setup: () => S, fn: (s: S) => R, check?: (r: R) => void, gcFirst = true): Timing {
  const out: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const s = setup();
    if (gcFirst) collect();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = fn(s);
    const t = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (check) check(r);
    if (i >= warmup) {
      out.push(t);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  return summarise(out, cpu);
}

export function summarise(out: readonly number[], cpu?: readonly number[]): Timing {
  return { n: out.length, median: median(out), min: Math.min(...out), max: Math.max(...out), runs: out, ...(cpu?.length ? { cpu: median(cpu) } : {}) };
}

export function loadAverage(): string {
  return os.loadavg().map((v) => v.toFixed(2)).join(" ");
}

export function machine(): { cpu: string; cores: number; node: string; os: string; memory: string } {
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  };
}

/** Peak resident set size of this process so far, in MiB (`process.resourceUsage().maxRSS` is in KiB). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
