import { show } from "../data/issues.js";
const indexes = new WeakMap<readonly string[], ReadonlyMap<string, number>>();

/**
 * Position of each id in `ids` (internal): built once per array and kept while the array lives,
 * so calls on one model (whose cube areas never change) share it.
 */
export function areaIndex(ids: readonly string[]): ReadonlyMap<string, number> {
  let index = indexes.get(ids);
  if (!index) indexes.set(ids, (index = new Map(ids.map((id, i) => [id, i]))));
  return index;
}

/**
 * Area subsets of `forecast` and `simulate` (internal; not re-exported from the package):
 * 1 for each of `ids` (the model's cube areas) listed in `areas`, 0 for the others; undefined when
 * `areas` is undefined (every area).
 * @throws RangeError naming the first id that is not an area of the cube
 */
export function areaMask(ids: readonly string[], areas: readonly string[] | undefined, caller: string): Uint8Array | undefined {
  if (!areas) return undefined;
  const index = areaIndex(ids);
  const mask = new Uint8Array(ids.length);
  for (const id of areas) {
    const i = index.get(id);
    if (i === undefined) throw new RangeError(`${caller}: areas: ${show(id)} is not an area of the model (${ids.length} areas, e.g. ${show(ids[0] ?? "")})`);
    mask[i] = 1;
  }
  return mask;
}
