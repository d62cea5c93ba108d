import type { ChartSpec } from "../report/spec.js";
import { vegaTextWidth } from "./textWidth.js";
import { loadPeer } from "../domain/peers.js";

/** Options of `renderSvg`. */
export interface RenderSvgOptions {
  /** Scale factor of the SVG's width and height (the drawing is vector either way). @defaultValue 1 */
  readonly scale?: number;
}

/**
 * Renders a Vega-Lite spec (a `ChartSpec` from the core, or any Vega-Lite 6 JSON) to a
 * standalone SVG string, headless: vega-lite compiles it to Vega and a `vega.View` with no
 * renderer draws it. vega and vega-lite are loaded with `await import()` inside the function
 * (they cannot be `require()`d on Node 20: vega-canvas uses top-level await), so `placecast/node`
 * also loads from CommonJS. With no canvas to measure text, layout uses `textWidth` (DejaVu Sans
 * widths for Latin text, 1 em for CJK characters): rendering sets vega's shared
 * `textMetrics.width` to it, the hook vega provides for this.
 *
 * @throws Error when vega-lite cannot compile the spec (the message gives vega-lite's reason)
 * @example
 * ```ts
 * const svg = await renderSvg(forecastChart({ area: "jiangcheng", pupils: stageTotals(fc) }, { system: ds.system }));
 * ```
 */
export async function renderSvg(spec: ChartSpec | Readonly<Record<string, unknown>>, options: RenderSvgOptions = {}): Promise<string> {
  const vega = await loadPeer("vega", () => import("vega"));
  const vl = await loadPeer("vega-lite", () => import("vega-lite"));
  // textMetrics is exported by vega (from vega-scenegraph) but missing from its typings.
  (vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width = vegaTextWidth;
  // vega-lite's compile takes its own TopLevelSpec type; a ChartSpec is plain Vega-Lite JSON.
  let compiled: ReturnType<typeof vl.compile>["spec"];
  try {
    compiled = vl.compile(structuredClone(spec) as unknown as Parameters<typeof vl.compile>[0]).spec;
  } catch (e) {
    const t = spec.title;
    const text = typeof t === "string" ? t : typeof t === "object" && t !== null && "text" in t ? String(t.text) : "";
    const title = text ? ` "${text}"` : "";
    throw new Error(`renderSvg: vega-lite could not compile the spec${title}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    const svg = await view.toSVG(options.scale ?? 1);
    // A title with `aria: false` gets no description; vega-lite 6 passes the flag on to faceted
    // charts only, so the English "Title text …" / "Subtitle text …" labels are dropped here.
    const t = spec.title;
    const noAria = typeof t === "object" && t !== null && !Array.isArray(t) && (t as { aria?: unknown }).aria === false;
    return noAria ? svg.replace(/ aria-label="(?:Sub)?[Tt]itle text '[^"]*'"/g, "") : svg;
  } finally {
    view.finalize();
  }
}
