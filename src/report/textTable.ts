/**
 * Display width of a string in a monospaced terminal: East Asian wide and full-width characters
 * (CJK ideographs, kana, Hangul, full-width forms) take two columns, others one
 * (after Unicode UAX #11, East Asian Width, W and F classes — main blocks only).
 *
 * @example
 * ```ts
 * displayWidth("江城区 Jiangcheng") // 17
 * ```
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/** Column alignment. */
export type Align = "left" | "right";

/**
 * Lays out rows as a plain-text table with aligned columns (CJK-aware), a header rule and
 * two spaces between columns.
 *
 * @param header - column titles
 * @param rows - cells as text (format numbers before)
 * @param align - per column; default left for the first column, right for the others
 * @example
 * ```ts
 * textTable(["area", "pupils"], [["江城区", "1,234"]])
 * // "area    pupils\n------  ------\n江城区   1,234"
 * ```
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): string {
  const cols = header.length;
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))));
  const al = (i: number): Align => align?.[i] ?? (i === 0 ? "left" : "right");
  const pad = (s: string, i: number): string => {
    const gap = " ".repeat(widths[i]! - displayWidth(s));
    return al(i) === "left" ? s + gap : gap + s;
  };
  const line = (r: readonly string[]): string =>
    Array.from({ length: cols }, (_, i) => pad(r[i] ?? "", i)).join("  ").replace(/\s+$/, "");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/**
 * Formats a count for people: rounded to a whole number with thousands separators.
 * Presentation only: kernels never round.
 *
 * @example
 * ```ts
 * formatCount(12345.6) // "12,346"
 * ```
 */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}
