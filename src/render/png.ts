import { existsSync } from "node:fs";
import { loadPeer } from "../domain/peers.js";

/**
 * Font files tried by `renderPng`, in order: DejaVu Sans for Latin text (Debian
 * `fonts-dejavu-core`), then CJK fonts for Chinese labels — Debian `fonts-wqy-microhei`,
 * `fonts-wqy-zenhei` and `fonts-noto-cjk`, macOS PingFang and Windows Microsoft YaHei / SimHei.
 * Only the files that exist are loaded.
 */
export const defaultFontFiles: readonly string[] = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
  "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
  "/System/Library/Fonts/PingFang.ttc",
  "C:\\Windows\\Fonts\\msyh.ttc",
  "C:\\Windows\\Fonts\\simhei.ttf",
];

const CJK = /(wqy|noto.*cjk|pingfang|msyh|simhei)/i;

/** Options of `renderPng`. */
export interface RenderPngOptions {
  /** Zoom factor (2 gives a sharp image on high-density screens). @defaultValue 2 */
  readonly scale?: number;
  /** Background colour (CSS). @defaultValue "white" */
  readonly background?: string;
  /**
   * Font files to load. Default: those of `defaultFontFiles` that exist; when none of them is a
   * CJK font, the system fonts are loaded too so that Chinese text can still find glyphs.
   */
  readonly fontFiles?: readonly string[];
  /** Load the system's fonts as well (slower). @defaultValue false unless no CJK font file is found */
  readonly loadSystemFonts?: boolean;
}

/** Which font files `renderPng` would load by default, and whether one of them covers CJK. */
export function fontSetup(): { readonly fontFiles: readonly string[]; readonly cjk: boolean } {
  const fontFiles = defaultFontFiles.filter((f) => existsSync(f));
  return { fontFiles, cjk: fontFiles.some((f) => CJK.test(f)) };
}

/**
 * Rasterises an SVG (from `renderSvg`) to PNG bytes with @resvg/resvg-js (loaded with
 * `await import()`). Text in the SVG asks for `sans-serif`; it is drawn in DejaVu Sans when that
 * is installed, and characters the first font lacks (Chinese labels) fall back to a loaded CJK
 * font. Install one on Debian with `apt-get install fonts-wqy-microhei` (or `fonts-noto-cjk`);
 * without a CJK font Chinese text renders as empty boxes.
 *
 * @returns the PNG file's bytes (they start with the PNG signature 89 50 4E 47 0D 0A 1A 0A)
 * @throws Error when the SVG cannot be parsed
 * @example
 * ```ts
 * await writeFile("chart.png", await renderPng(await renderSvg(spec)));
 * ```
 */
export async function renderPng(svg: string, options: RenderPngOptions = {}): Promise<Uint8Array> {
  const { Resvg } = await loadPeer("@resvg/resvg-js", () => import("@resvg/resvg-js"));
  const setup = fontSetup();
  const fontFiles = options.fontFiles ? options.fontFiles.filter((f) => existsSync(f)) : setup.fontFiles;
  const cjk = options.fontFiles ? fontFiles.some((f) => CJK.test(f)) : setup.cjk;
  const loadSystemFonts = options.loadSystemFonts ?? !cjk;
  const dejavu = fontFiles.some((f) => /DejaVuSans\.ttf$/.test(f));
  const family = dejavu ? "DejaVu Sans" : undefined;
  const resvg = new Resvg(svg, {
    background: options.background ?? "white",
    fitTo: { mode: "zoom", value: options.scale ?? 2 },
    font: {
      loadSystemFonts,
      fontFiles: [...fontFiles],
      ...(family ? { defaultFontFamily: family, sansSerifFamily: family } : {}),
    },
    logLevel: "off",
  });
  return new Uint8Array(resvg.render().asPng());
}
