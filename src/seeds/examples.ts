/**
 * placecast/examples-data: small example data shipped with the package, for the notebooks and for
 * trying the library on data other than the Yangjiang seed. Kept out of the core and the seed.
 * @packageDocumentation
 */
import { indexSystem } from "../domain/systemIndex.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import type { DatasetInput } from "../data/dataset.js";
import usStates from "../../seeds/examples/us-states.json";
import atlantaSchools from "../../seeds/examples/atlanta-schools.json";

/** An example dataset with where it comes from and what was changed or left out on the way. */
export interface ExampleData {
  /** Tidy records for `parseDataset` (with the system named in `system`). */
  readonly input: DatasetInput;
  /** The id of the school system the records use. */
  readonly system: string;
  /** The sources and their licences. */
  readonly source: string;
  /** Changes or substitutions made while carrying the figures across (nothing is lost by these). */
  readonly notes: readonly string[];
  /** Columns, rows or cells of the sources not carried across, each with the reason. */
  readonly dropped: readonly string[];
}

/**
 * US public-school enrolment by state (50 states and DC) and grade K–G12, fall 1986–2011 (NCES
 * Common Core of Data), with live births by state 2003–2024 as school-entry cohorts (September
 * y−1 to August y, CDC WONDER); births of 2003 are calendar-year births, marked
 * `provenance: "estimate"`. Public-domain sources; the file is seeds/examples/us-states.json,
 * written by scripts/examples-data.ts from the repository's test fixtures (their READMEs give the
 * sources in full). Use it with `usK12SchoolSystem`.
 *
 * @example
 * ```ts
 * const us = usStatesExample();
 * const ds = parseDataset(us.input, usK12SchoolSystem);
 * ```
 */
export function usStatesExample(): ExampleData {
  const f = usStates as {
    source: string;
    system: string;
    grades: string[];
    enrolment: Record<string, Record<string, (number | null)[]>>;
    births: Record<string, Record<string, number>>;
    estimatedBirths: { year: number; note: string };
    notes: string[];
    dropped: string[];
  };
  const areas = Object.keys(f.births).map((id) => ({ id, name: { en: id } }));
  const enrolment = Object.entries(f.enrolment).flatMap(([area, byYear]) =>
    Object.entries(byYear).flatMap(([year, row]) => row.map((pupils, i) => ({ area, year: Number(year), grade: f.grades[i]!, pupils }))),
  );
  const births = Object.entries(f.births).flatMap(([area, byYear]) =>
    Object.entries(byYear).map(([year, n]) =>
      Number(year) === f.estimatedBirths.year ? { area, year: Number(year), births: n, provenance: "estimate" as const, note: f.estimatedBirths.note } : { area, year: Number(year), births: n },
    ),
  );
  return { input: { areas, enrolment, births }, system: f.system, source: f.source, notes: [...f.notes], dropped: [...f.dropped] };
}

/**
 * A small invented dataset for any school system: a city over two districts, enrolment 2015–2020
 * (north growing 3% a year, south shrinking 2%), births from 20 years before, places in 2020
 * (north at 95% of its pupils, in classes 30% above the standard size, so it is short and over
 * the bands; south at 130% in classes of the standard), one planned school in 2023 and dwellings
 * completed 2016–2025 in the north. Every figure is invented to show the library's output on
 * each system; none is a planning figure.
 *
 * @example
 * ```ts
 * const ds = parseDataset(systemExampleInput(englandSchoolSystem), englandSchoolSystem);
 * ```
 */
export function systemExampleInput(system: SchoolSystem): DatasetInput {
  const ix = indexSystem(system);
  const areas = [{ id: "city" }, { id: "north", parent: "city" }, { id: "south", parent: "city" }];
  const growth = { north: 1.03, south: 0.98 } as const;
  const size = (area: "north" | "south", year: number): number => (area === "north" ? 900 : 700) * growth[area] ** (year - 2015);
  const enrolment = [];
  const births = [];
  const capacity = [];
  for (const area of ["north", "south"] as const) {
    for (let y = 2015; y <= 2020; y++) for (const g of ix.gradeIds) enrolment.push({ area, year: y, grade: g, pupils: Math.round(size(area, y)) });
    for (let y = 1995; y <= 2020; y++) births.push({ area, year: y, births: Math.round(size(area, y) * 1.05) });
    for (const st of system.stages) {
      const pupils = st.grades.length * Math.round(size(area, 2020));
      const standard = st.standardClassSize.value;
      const places = Math.round(pupils * (area === "north" ? 0.95 : 1.3));
      const classes = Math.max(1, Math.round(area === "north" ? pupils / (standard * 1.3) : places / standard));
      capacity.push({ area, stage: st.id, year: 2020, places, classes });
    }
  }
  const first = system.stages[0]!;
  const plannedPlaces = [{ area: "north", stage: first.id, year: 2023, places: 20 * first.standardClassSize.value, project: "north new school" }];
  const housing = [];
  for (let y = 2016; y <= 2025; y++) housing.push({ area: "north", year: y, dwellings: 400 + 20 * (y - 2016), development: `n${y}` });
  return { areas, enrolment, births, capacity, plannedPlaces, housing };
}

/**
 * Pupil-yield tables for `systemExampleInput` on the systems without a default table (us-k12,
 * england): invented for the example, labelled so in their `source`; not planning figures.
 */
export const exampleYields: Readonly<Record<string, unknown>> = {
  "us-k12": { id: "example-us", source: "invented for the example data (not a planning figure)", perDwelling: { elementary: 0.3, middle: 0.12, high: 0.15 }, phasing: { weights: [0.5, 0.3, 0.2], source: "invented for the example data" } },
  england: { id: "example-england", source: "invented for the example data (not a planning figure)", perDwelling: { primary: 0.25, secondary: 0.18, "sixth-form": 0.04 }, phasing: { weights: [0.5, 0.3, 0.2], source: "invented for the example data" } },
};

/**
 * Atlanta Public Schools' enrolment by school and grade K–G12, October counts 2007–2017 (Georgia
 * Department of Education FTE reports; 142 schools, about 100 a year, with openings, closings and
 * grade-span changes): tidy records for the school layer (`schools` with their spans per year,
 * `schoolEnrolment`) and the district as one area, `atlanta`, whose enrolment is the sum of its
 * schools. The file is seeds/examples/atlanta-schools.json, written by scripts/examples-data.ts
 * from the repository's fixture (test/fixtures/atlanta-schools, whose README gives the source and
 * the rules: spans read from the grades with pupils, pre-kindergarten left out). Use it with
 * `usK12SchoolSystem`; it has no births and no places.
 *
 * @example
 * ```ts
 * const atl = atlantaSchoolsExample();
 * const ds = parseDataset(atl.input, usK12SchoolSystem);
 * const sf = forecastSchools(ds, forecast(fitModel(ds), { to: 2020 }));
 * ```
 */
export function atlantaSchoolsExample(): ExampleData {
  const f = atlantaSchools as unknown as {
    source: string;
    system: string;
    /** The system's grades, in order: a school's pupils in a year start at its span's first grade. */
    grades: string[];
    area: { id: string; name: { en: string } };
    schools: { id: string; name: { en: string }; area: string; grades: { first: string; last: string; from: number; to?: number }[]; opens?: number; closes?: number; pupils: Record<string, number[]> }[];
    feeders?: { school: string; from: string }[];
    dropped: string[];
  };
  const gradeIds = f.grades;
  const schools = f.schools.map(({ pupils: _pupils, ...school }) => school);
  const schoolEnrolment: { school: string; year: number; grade: string; pupils: number }[] = [];
  const district = new Map<number, number[]>();
  for (const s of f.schools) {
    for (const [y, row] of Object.entries(s.pupils)) {
      const year = Number(y);
      const span = s.grades.find((g) => g.from <= year && (g.to === undefined || year <= g.to));
      if (!span) throw new Error(`atlanta-schools.json: school ${s.id} has pupils in ${year} outside its grade spans`);
      const first = gradeIds.indexOf(span.first);
      const d = district.get(year) ?? gradeIds.map(() => 0);
      row.forEach((pupils, k) => {
        schoolEnrolment.push({ school: s.id, year, grade: gradeIds[first + k]!, pupils });
        d[first + k]! += pupils;
      });
      district.set(year, d);
    }
  }
  const enrolment = [...district].flatMap(([year, d]) => gradeIds.map((grade, g) => ({ area: f.area.id, year, grade, pupils: d[g]! })));
  return { input: { areas: [f.area], enrolment, schools, schoolEnrolment, ...(f.feeders ? { feeders: f.feeders } : {}) }, system: f.system, source: f.source, notes: [], dropped: [...f.dropped] };
}
