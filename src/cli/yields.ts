import { readFile } from "node:fs/promises";
import { DatasetError, issue } from "../data/issues.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { defineYieldTable, type YieldTable } from "../housing/yield.js";

/**
 * Reads the yield table named by `--yields`: a JSON file holding one `YieldTable` (`id`,
 * `source`, `perDwelling` by stage id, optional `byType` and `gradeShares`, and `phasing` with
 * `weights` and `source`), checked against the system with `defineYieldTable`.
 *
 * @throws DatasetError (exit 1) when the file is not JSON or the table is invalid, each issue
 *   naming the file
 * @throws the file system's error (exit 3) when the file cannot be read
 */
export async function readYieldsFile(path: string, system: SchoolSystem): Promise<YieldTable> {
  const text = await readFile(path, "utf8");
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new DatasetError([issue("invalid_type", ["yields"], `${path}: --yields must be a JSON yield table (id, source, perDwelling, phasing); ${e instanceof Error ? e.message : String(e)}`)]);
  }
  try {
    return defineYieldTable(json, system);
  } catch (e) {
    if (e instanceof DatasetError) throw new DatasetError(e.issues.map((i) => ({ ...i, message: `${path}: ${i.message}` })));
    throw e;
  }
}
