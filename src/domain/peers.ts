/**
 * Optional peer packages (used by the Node-only layers io and render; kept in domain, the layer every other may import, and free of Node imports): Excel (exceljs) and rendering (vega, vega-lite, @resvg/resvg-js) are
 * `peerDependencies` marked optional in package.json, so a core-only install stays small. They are
 * loaded with `await import()` where a feature needs them; when one is missing, the error names
 * the package to install and the feature that needs it.
 */

/** The optional peer packages and the features that need them (the versions tested are package.json's devDependencies). */
export const OPTIONAL_PEERS = {
  exceljs: "reading and writing .xlsx workbooks",
  vega: "rendering charts to SVG",
  "vega-lite": "rendering charts to SVG",
  "@resvg/resvg-js": "rendering charts to PNG",
} as const;

/** An optional peer package's name. */
export type OptionalPeer = keyof typeof OPTIONAL_PEERS;

/** Thrown when a feature needs an optional peer package that is not installed. */
export class MissingPeerError extends Error {
  /** The package to install. */
  readonly packageName: OptionalPeer;
  constructor(packageName: OptionalPeer, cause: unknown) {
    super(
      `placecast: ${OPTIONAL_PEERS[packageName]} needs the optional package "${packageName}", which is not installed: run \`npm install ${packageName}\``,
      { cause },
    );
    this.name = "MissingPeerError";
    this.packageName = packageName;
  }
}

/** Whether an import error says that this very package could not be found (not one of its own failures). */
function isNotFound(e: unknown, name: string): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  const missing = code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND" || /Cannot find (package|module)/.test(e.message);
  // The package's own name in quotes: "Cannot find package 'vega' imported from …" (ESM), "Cannot
  // find module 'vega'" (CJS); a missing package of the peer's own has another name there.
  return missing && (e.message.includes(`'${name}'`) || e.message.includes(`"${name}"`));
}

/**
 * Loads an optional peer package: `load` is the literal `() => import("name")` (kept literal so
 * that bundlers and tsup see it).
 *
 * @throws MissingPeerError when the package is not installed; any other load error as it is
 * @example
 * ```ts
 * const { default: ExcelJS } = await loadPeer("exceljs", () => import("exceljs"));
 * ```
 */
export async function loadPeer<T>(name: OptionalPeer, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (isNotFound(e, name)) throw new MissingPeerError(name, e);
    throw e;
  }
}
