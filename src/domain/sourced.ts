/**
 * A number (or other value) that carries its source. Rates, thresholds and norms in placecast are
 * never bare constants: each is a `Sourced` value, so every figure in an output can be traced to
 * the regulation, table or estimate it came from.
 *
 * @example
 * ```ts
 * const primary: Sourced<number> = { value: 45, source: "GB 50099-2011 §3.0.1" };
 * ```
 */
export interface Sourced<T> {
  /** The value itself. */
  readonly value: T;
  /** Where the value comes from: a regulation, a published table, or an estimate with its method. */
  readonly source: string;
}

/**
 * Wraps a value with its source.
 *
 * @param value - the value
 * @param source - citation or estimate method; must be non-empty
 * @returns a frozen `Sourced` value
 * @throws TypeError when `source` is empty
 * @example
 * ```ts
 * sourced(56, "MoE 2018 large-class band") // { value: 56, source: "MoE 2018 large-class band" }
 * ```
 */
export function sourced<T>(value: T, source: string): Sourced<T> {
  if (source.trim() === "") throw new TypeError("sourced(): a source is required");
  return Object.freeze({ value, source });
}

/** A label in English and, where the system has one, Chinese. */
export interface Label {
  readonly en: string;
  readonly zh?: string;
}

/** Language of labels in outputs. */
export type Lang = "en" | "zh-CN";

/**
 * Picks the label text for a language, falling back to English.
 *
 * @example
 * ```ts
 * labelText({ en: "Primary", zh: "小学" }, "zh-CN") // "小学"
 * ```
 */
export function labelText(label: Label, lang: Lang): string {
  return lang === "zh-CN" && label.zh ? label.zh : label.en;
}
