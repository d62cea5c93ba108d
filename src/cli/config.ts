import { readFile } from "node:fs/promises";
import * as z from "zod/mini";
import { zodEnglish } from "../data/zodEnglish.js";

/**
 * Ratio methods the command line offers (`RatioOptions.method`; `--method`, `"method"`).
 *
 * @example
 * ```ts
 * RATIO_METHODS.includes("mean") // true
 * ```
 */
export const RATIO_METHODS = ["ses", "mean", "weighted", "median", "trend", "damped"] as const;
/**
 * Methods of births beyond the last known year (`BirthsOptions.method`; `--births`, `"births"`).
 *
 * @example
 * ```ts
 * BIRTHS_METHODS // ["last", "mean", "trend"]
 * ```
 */
export const BIRTHS_METHODS = ["last", "mean", "trend"] as const;

const pct = z.number().check(z.gte(0), z.lte(100));
const positiveInt = z.int().check(z.gte(1));

/**
 * The settings of `placecast.json`: the same choices as the command line's options (an option
 * given on the command line wins over the file). Paths are relative to the file's folder.
 * Percentages (`headroom`, `surplusRisk`) are 0–100; unknown keys are refused.
 *
 * @example
 * ```ts
 * configSchema.safeParse({ method: "mean", headroom: 5 }).success // true
 * configSchema.safeParse({ headroon: 5 }).success // false (unknown key)
 * ```
 */
export const configSchema = z.strictObject({
  /** Input data: a folder of CSV files or an .xlsx workbook (--data). */
  data: z.optional(z.string()),
  /** Output folder (--out). */
  out: z.optional(z.string()),
  lang: z.optional(z.enum(["en", "zh-CN", "zh"])),
  system: z.optional(z.enum(["china", "england", "us-k12"])),
  to: z.optional(z.int().check(z.gte(1800))),
  format: z.optional(z.array(z.enum(["csv", "xlsx", "json"]))),
  /** Ratio method (--method). */
  method: z.optional(z.enum(RATIO_METHODS)),
  /** Window of the ratio method (--ratio-years). */
  ratioYears: z.optional(positiveInt),
  /** Smoothing weight of ses (--alpha). */
  alpha: z.optional(z.number().check(z.gt(0), z.lte(1))),
  /** Births beyond the last known year (--births). */
  births: z.optional(z.enum(BIRTHS_METHODS)),
  birthsYears: z.optional(positiveInt),
  /** A CSV of future births area,year,births (--births-scenario). */
  birthsScenario: z.optional(z.string()),
  /** A yield table .json or .csv (--yields). */
  yields: z.optional(z.string()),
  housing: z.optional(z.boolean()),
  /** Headroom below which places are tight, percent (--headroom). */
  headroom: z.optional(pct),
  /** Utilisation below which places may stand empty, percent (--surplus-risk). */
  surplusRisk: z.optional(pct),
  /** Standard class size: one for every stage, or per stage id (--class-size). */
  classSize: z.optional(z.union([positiveInt, z.record(z.string(), positiveInt)])),
  /** Where each threshold and class size comes from (a document, a decision); recorded in the outputs. */
  source: z.optional(z.string().check(z.minLength(1))),
  draws: z.optional(z.int().check(z.gte(1), z.lte(100_000))),
  seed: z.optional(z.int().check(z.gte(0))),
});

/** The settings of a `placecast.json` file. */
export type PlacecastConfig = z.infer<typeof configSchema>;

interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly errors?: readonly (readonly Issue[])[];
}

/** A union's failure as the issues of the alternative that got furthest (`classSize.primary: …` rather than `classSize: Invalid input`). */
function deepest(i: Issue): Issue[] {
  if (i.code !== "invalid_union" || !i.errors?.length) return [i];
  const branches = i.errors.map((b) => b.flatMap(deepest).map((x) => ({ ...x, path: [...i.path, ...x.path] })));
  const depth = (b: readonly Issue[]): number => Math.max(0, ...b.map((x) => x.path.length));
  return branches.reduce((best, b) => (depth(b) > depth(best) ? b : best));
}

/**
 * A config file that cannot be used: each problem with its place in the file (the command line
 * reports it as a usage error, exit 2).
 *
 * @example
 * ```ts
 * new ConfigError("placecast.json", ["method: Invalid option"]).message // "placecast.json: method: Invalid option"
 * ```
 */
export class ConfigError extends Error {
  constructor(readonly file: string, readonly problems: readonly string[]) {
    super(`${file}: ${problems.join("; ")}`);
  }
}

/**
 * Reads and validates a `placecast.json` file. Every problem is located by its key path
 * (`placecast.json: classSize.primary: expected int, received string`); unknown keys are
 * errors (a misspelt setting is never ignored).
 *
 * @throws ConfigError when the file is not JSON or a setting is invalid
 * @throws the file system's error when the file cannot be read
 * @example
 * ```ts
 * const cfg = await readConfig("placecast.json"); // { method: "mean", ratioYears: 3, headroom: 5 }
 * ```
 */
export async function readConfig(file: string): Promise<PlacecastConfig> {
  const text = (await readFile(file, "utf8")).replace(/^\uFEFF/, "");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(file, [`not valid JSON: ${e instanceof Error ? e.message : String(e)}`]);
  }
  const r = configSchema.safeParse(json, { error: zodEnglish });
  if (!r.success) {
    throw new ConfigError(
      file,
      (r.error.issues as readonly Issue[]).flatMap(deepest).map((i) => {
        const keys = i.code === "unrecognized_keys" ? ` (${(i as { keys?: string[] }).keys?.join(", ")}; the settings are ${Object.keys(configSchema.def.shape).join(", ")})` : "";
        return `${i.path.length ? i.path.join(".") : "(top level)"}: ${i.message}${keys}`;
      }),
    );
  }
  return r.data;
}
