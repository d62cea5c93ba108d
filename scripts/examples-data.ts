/**
 * Writes the example data shipped in the package (seeds/examples/us-states.json and
 * seeds/examples/atlanta-schools.json, read by `placecast/examples-data`) from the test fixtures:
 * US public-school enrolment by state and grade 1986–2011 (NCES CCD) and births by state
 * 2003–2024 (CDC WONDER), carried across by test/fixtures/load.ts's `loadUsStates` (its rules,
 * notes and dropped columns are kept in the file), compact as one row of K–G12 pupils per state
 * and year, births per state and year; and Atlanta Public Schools' enrolment by school and grade
 * 2007–2017 (GaDOE), carried across by test/fixtures/atlanta-schools/load.ts's
 * `loadAtlantaSchools`, compact as each school's record with its pupils per year from the first
 * grade of its span that year. test/notebooks.test.ts checks that the shipped files are what this
 * script writes.
 *
 * Run: npx tsx scripts/examples-data.ts
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadUsStates, US_K12_GRADES } from "../test/fixtures/load.js";
import { loadAtlantaSchools } from "../test/fixtures/atlanta-schools/load.js";

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

/**
 * The shipped Atlanta file's content: per school its record (id, name, grade spans by year,
 * opening and closing) and `pupils[year]`, the pupils of the grades it teaches that year from
 * the first grade of its span up (the loader's school enrolment rows, in grade order). The
 * district's enrolment is not stored: it is the sum of the schools, as the loader makes it.
 */
export function atlantaSchoolsFile(): unknown {
  const load = loadAtlantaSchools();
  // The loader's rows come in grade order per school and year, from the first grade of the year's span.
  const pupils = new Map<string, Record<string, number[]>>();
  for (const r of load.input.schoolEnrolment) {
    const by = pupils.get(r.school) ?? {};
    (by[String(r.year)] ??= []).push(r.pupils);
    pupils.set(r.school, by);
  }
  return {
    source:
      "Atlanta Public Schools (district 761): enrolment by school and grade, October FTE counts 2007-08 to 2017-18, Georgia Department of Education 'FTE Enrollment by Grade Level (PK-12)' (state statistics published for public use), via the GitHub repository langford/allCauseSurProgGDOEPublic (folder past/, commit c012a82). See test/fixtures/atlanta-schools/README.md in the repository.",
    system: "us-k12",
    grades: [...US_K12_GRADES],
    area: load.input.areas[0],
    schools: load.input.schools.map((s) => ({ ...s, pupils: pupils.get(s.id) ?? {} })),
    feeders: load.input.feeders,
    dropped: load.dropped,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join(resolve(import.meta.dirname, ".."), "seeds", "examples");
  for (const [name, content] of [["us-states.json", usStatesFile()], ["atlanta-schools.json", atlantaSchoolsFile()]] as const) {
    writeFileSync(join(dir, name), `${JSON.stringify(content)}\n`);
    console.log(join(dir, name));
  }
}
