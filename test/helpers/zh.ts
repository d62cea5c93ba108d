/** The untranslated-label check of the zh-CN tests (issue 17): ASCII words a Chinese output may hold, and those it holds beyond them. */
import { chinaSchoolSystem } from "../../src/index.js";
import { TABLE_COLUMNS } from "../../src/io/index.js";

/**
 * ASCII words a Chinese output may hold, each for a reason:
 * - ids the user gave (areas, developments) and placecast's own ids that name no label: note
 *   codes (`flags.…`), grade and stage ids listed as accepted input labels in the guide;
 * - names: placecast, the standards cited by their code (GB, 建标), file types, units;
 * - the headers and coded values the readers accept (the guide lists them as input labels).
 */
export function allowList(): Set<string> {
  const ids = ["yunzhou", "qingshan", "baishui", "qs-garden", "bs-lake", "placecast-china-default" /* the default yield table's id, named by housing.default-yields */, "qs-town-1", "qs-town-2", "qs-town-3", "qs-village-1" /* the schools (issue 16) */, "qs-junior-1" /* the receiving school in the example row of the feeders sheet (生源学校) of the templates */];
  const names = ["placecast", "GB", "zh-CN", "MiB", "GiB", "CSV", "JSON", "SVG", "PNG", "HTML", "Markdown", "n" /* the pupils n in the formula n / (n + κ) of schools.shrinkage */];
  const system = chinaSchoolSystem.stages.flatMap((s) => [s.id, ...s.grades.map((g) => g.id)]);
  const input = Object.values(TABLE_COLUMNS).flatMap((t) => t.columns.flatMap((c) => [c.header.en, ...(c.aliases ?? []), ...Object.keys(c.values ?? {}), ...Object.values(c.values ?? {}).flat()]));
  return new Set([...ids, ...names, ...system, ...input].flatMap((w) => w.split(/[^A-Za-z0-9_\-.]+/)).filter((w) => w !== ""));
}

/** The ASCII-letter words of a text that are not on the allow-list (note codes, paths, file extensions and column letters excepted). */
export function untranslated(text: string, allow: ReadonlySet<string>): string[] {
  const out: string[] = [];
  // Paths, file extensions (在校生.csv) and the column letters of a location (D 列, C–Q 列) name no label.
  const plain = text.replace(/(?:^|[\s,(（])\/[^\s,)）]*/g, " ").replace(/(?<=[^\x00-\x7F])\.(?:csv|xlsx)\b/g, " ").replace(/\b[A-Z]{1,3}(?:–[A-Z]{1,3})?(?= 列)/g, " ");
  for (const m of plain.matchAll(/[A-Za-z][A-Za-z0-9_\-.]*/g)) {
    const w = m[0].replace(/[.\-]+$/, "");
    if (allow.has(w)) continue;
    if (/^[a-z]+(\.[a-z0-9-]+)+$/.test(w)) continue; // a note code (flags.assumption.even-spread)
    out.push(w);
  }
  return out;
}

