/**
 * How much two busy cores of this machine slow each other down, with no threads involved: the
 * ceiling of any two-way split. Three kinds of work, each timed alone and then as two separate
 * processes started together:
 *
 * - `alu`: an xorshift loop on registers only (no memory traffic);
 * - `cache`: the same loop reading and writing random places in an 8 MiB array (a working set that
 *   fits the last-level cache alone, but not twice);
 * - `half`: the national simulation (1,000 draws) of one half of the areas, as the two worker
 *   threads of the threaded case each run it.
 *
 *   npx tsx bench/contention.ts            (run.ts runs it as the case `contention`)
 *
 * Prints one JSON line: per kind, the median time of a process alone and of two together, and the
 * slowdown (together / alone).
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { MODEL_OPTIONS, SEED, TO } from "./config.js";
import { median } from "./measure.js";

type Kind = "alu" | "cache" | "half";
const KINDS: readonly Kind[] = ["alu", "cache", "half"];
const self = fileURLToPath(import.meta.url);

/**
 * Registers only: 0.9–2.3 s on the machine of the table in docs/performance.md (it depends on how V8 compiles
 * the loop, which differs between runs of the same code; only the ratio counts). The xorshift steps are
 * written out here and in `cache` on purpose: as a shared function, the loops ran 1.8× (alu) and
 * 2× (cache) slower, with fewer loads in flight, and the cache loop no longer showed contention.
 */
function alu(): number {
  let x = 12345;
  let s = 0;
  for (let i = 0; i < 6e8; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    s = (s + x) | 0;
  }
  return s;
}

/** Random reads and writes in an 8 MiB array (many loads in flight at once): 1.1–1.3 s alone on the same machine. */
function cache(): number {
  const n = 1 << 20;
  const a = new Float64Array(n).fill(1);
  let x = 12345;
  let s = 0;
  for (let i = 0; i < 6e8; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const k = x & (n - 1);
    s += a[k]!;
    a[k] = s * 1e-9;
  }
  return s;
}

/** Child: prepares, says "ready", waits for "go" on stdin, runs, prints the time in ms. */
async function child(kind: Kind, part: number): Promise<void> {
  let work: () => unknown;
  if (kind === "half") {
    const { loadLib } = await import("./measure.js");
    const { nationalInput, simulationInputs } = await import("./data.js");
    const lib = await loadLib();
    const ds = lib.parseDataset(nationalInput(2844), lib.chinaSchoolSystem);
    const model = lib.fitModel(ds, MODEL_OPTIONS);
    const fixed = simulationInputs(lib, ds, model);
    const all = model.cube.areas;
    const areas = part === 0 ? all.slice(0, all.length >> 1) : all.slice(all.length >> 1);
    const opts = { ...fixed, draws: 1000, seed: SEED, to: TO, areas };
    lib.simulate(model, opts); // untimed: compiles the kernels
    work = () => lib.simulate(model, opts).rows.length;
  } else work = kind === "alu" ? alu : cache;
  const lines = createInterface({ input: process.stdin });
  process.stdout.write("ready\n");
  for await (const line of lines) {
    if (line !== "go") break;
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    work();
    process.stdout.write(`${performance.now() - t0}\n`);
  }
  lines.close();
  process.stdin.destroy();
}

interface Proc {
  readonly send: (line: string) => void;
  readonly stop: () => void;
  readonly next: () => Promise<string>;
}

function start(kind: Kind, part: number): Proc {
  const p = spawn(process.execPath, [...process.execArgv, "--expose-gc", self, "child", kind, String(part)], { stdio: ["pipe", "pipe", "inherit"] });
  const queue: string[] = [];
  const waiting: ((l: string) => void)[] = [];
  createInterface({ input: p.stdout! }).on("line", (l) => {
    const w = waiting.shift();
    if (w) w(l);
    else queue.push(l);
  });
  return {
    send: (line) => p.stdin!.write(`${line}\n`),
    stop: () => p.stdin!.end("stop\n"),
    next: () => new Promise((resolve) => (queue.length ? resolve(queue.shift()!) : waiting.push(resolve))),
  };
}

/**
 * Two processes (the two halves for `half`), timed in rounds: each alone in turn, then both
 * together; `runs` rounds. Medians over both processes.
 */
async function measure(kind: Kind, runs: number): Promise<{ alone: number; together: number; slowdown: number }> {
  const two = [start(kind, 0), start(kind, 1)];
  await Promise.all(two.map((p) => p.next()));
  const alone: number[] = [];
  const together: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const p of two) {
      p.send("go");
      alone.push(Number(await p.next()));
    }
    two.forEach((p) => p.send("go"));
    together.push(...(await Promise.all(two.map(async (p) => Number(await p.next())))));
  }
  two.forEach((p) => p.stop());
  const a = median(alone);
  const t = median(together);
  return { alone: a, together: t, slowdown: t / a };
}

if (process.argv[2] === "child") {
  await child(process.argv[3] as Kind, Number(process.argv[4]));
} else {
  const runs = Number(process.argv[2] ?? 3);
  const out: Record<string, unknown> = { case: "contention", runs };
  for (const k of KINDS) out[k] = await measure(k, runs);
  console.log(JSON.stringify(out));
}
