import { displayWidth } from "../report/textTable.js";

/**
 * Advance widths of DejaVu Sans (the Latin font `renderPng` uses), in em, for the printable
 * ASCII characters from space (32) to tilde (126), rounded to 0.01 em.
 */
const ASCII_EM = [
  0.32, 0.4, 0.46, 0.84, 0.64, 0.95, 0.78, 0.28, 0.39, 0.39, 0.5, 0.84, 0.32, 0.36, 0.32, 0.34, // space ! " # $ % & ' ( ) * + , - . /
  0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, // 0-9
  0.34, 0.34, 0.84, 0.84, 0.84, 0.53, 1.0, // : ; < = > ? @
  0.68, 0.69, 0.7, 0.77, 0.63, 0.58, 0.78, 0.75, 0.29, 0.29, 0.66, 0.56, 0.86, 0.75, 0.79, 0.6, 0.79, 0.69, 0.63, 0.61, 0.73, 0.68, 0.99, 0.69, 0.61, 0.69, // A-Z
  0.39, 0.34, 0.39, 0.84, 0.5, 0.5, // [ \ ] ^ _ `
  0.61, 0.63, 0.55, 0.63, 0.62, 0.35, 0.63, 0.63, 0.28, 0.28, 0.58, 0.28, 0.97, 0.63, 0.61, 0.63, 0.63, 0.41, 0.52, 0.39, 0.63, 0.59, 0.82, 0.59, 0.59, 0.53, // a-z
  0.64, 0.34, 0.64, 0.84, // { | } ~
];

/**
 * Estimated width in pixels of a line of text: DejaVu Sans advance widths for ASCII, 1 em for
 * East Asian wide characters (CJK ideographs and full-width forms, as `displayWidth` counts
 * them), 0.6 em for anything else; bold adds 15%. Used for chart layout where no canvas is
 * available to measure text (vega's own estimate takes 0.8 em for every character, too wide for
 * Latin text and too narrow for Chinese).
 *
 * @example
 * ```ts
 * textWidth("阳江市", 10) // 30
 * ```
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 32 && c <= 126) em += ASCII_EM[c - 32]!;
    else if (displayWidth(ch) === 2) em += 1;
    else em += 0.6;
  }
  return em * fontSize * (bold ? 1.15 : 1);
}

/** A vega `textMetrics.width` function: the width of an item's text (or of one line of it). */
export function vegaTextWidth(item: { readonly fontSize?: unknown; readonly fontWeight?: unknown; readonly text?: unknown; readonly limit?: unknown }, line?: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const text = line == null ? "" : String(line).trim();
  const w = item.fontWeight;
  const bold = w === "bold" || w === "bolder" || (typeof w === "number" && w >= 600) || (typeof w === "string" && Number(w) >= 600);
  return textWidth(text, size, bold);
}
