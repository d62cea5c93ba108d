/**
 * Writes the example data shipped in the package (seeds/examples/us-states.json, read by
 * `placecast/examples-data`) from the test fixtures: US public-school enrolment by state and grade
 * 1986–2011 (NCES CCD) and births by state 2003–2024 (CDC WONDER), carried across by
 * test/fixtures/load.ts's `loadUsStates` (its rules, notes and dropped columns are kept in the
 * file). Compact: one row of K–G12 pupils per state and year, births per state and year.
 * test/notebooks.test.ts checks that the shipped file is what this script writes.
 *
 * Run: npx tsx scripts/examples-data.ts
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadUsStates, US_K12_GRADES } from "../test/fixtures/load.js";

/** The shipped file's content (also used by the test that compares it). */
export function usStatesFile(): unknown {
  const load = loadUsStates();
  const grades = [...US_K12_GRADES];
  const enrolment: Record<string, Record<string, (number | null)[]>> = {};
  for (const r of load.input.enrolment) {
    const row = ((enrolment[r.area] ??= {})[String(r.year)] ??= grades.map(() => null));
    row[grades.indexOf(r.grade)] = r.pupils;
  }
  const births: Record<string, Record<string, number>> = {};
  const estimated: { area: string; year: number; note: string }[] = [];
  for (const b of load.input.births ?? []) {
    (births[b.area] ??= {})[String(b.year)] = b.births;
    if (b.provenance === "estimate") estimated.push({ area: b.area, year: b.year, note: b.note ?? "" });
  }
  const years = new Set(estimated.map((e) => e.year));
  const notes = new Set(estimated.map((e) => e.note));
  if (years.size !== 1 || notes.size !== 1) throw new Error("expected the estimated births to be one year with one note");
  return {
    source:
      "US public-school enrolment (membership) by state and grade, fall 1986–2011: NCES Common Core of Data, via the Kaggle compilation 'U.S. Education Datasets: Unification Project' (public domain). Live births by state 2003–2024, cohort year y = September y−1 to August y: CDC WONDER Natality (NCHS, public domain). See test/fixtures/us-states-enrollment/README.md and test/fixtures/us-state-births/README.md in the repository.",
    system: "us-k12",
    grades,
    enrolment,
    births,
    estimatedBirths: { year: [...years][0], note: [...notes][0] },
    notes: load.notes,
    dropped: load.dropped,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = join(resolve(import.meta.dirname, ".."), "seeds", "examples", "us-states.json");
  writeFileSync(file, `${JSON.stringify(usStatesFile())}\n`);
  console.log(file);
}
