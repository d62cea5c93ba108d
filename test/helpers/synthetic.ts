import { chinaSchoolSystem, indexSystem, type DatasetInput, type SchoolSystem } from "../../src/index.js";

/** A small tidy dataset for a system: areas × years of enrolment and births, from a generator. */
export function syntheticInput(opts: {
  system?: SchoolSystem;
  areas?: string[];
  firstYear?: number;
  lastYear?: number;
  pupils: (area: number, grade: number, year: number) => number;
  births?: (area: number, year: number) => number;
  birthsFrom?: number;
}): DatasetInput {
  const system = opts.system ?? chinaSchoolSystem;
  const ix = indexSystem(system);
  const areas = opts.areas ?? ["a", "b"];
  const y0 = opts.firstYear ?? 2014;
  const y1 = opts.lastYear ?? 2020;
  const enrolment = [];
  for (let a = 0; a < areas.length; a++)
    for (let y = y0; y <= y1; y++)
      for (let g = 0; g < ix.gradeIds.length; g++) enrolment.push({ area: areas[a]!, year: y, grade: ix.gradeIds[g]!, pupils: opts.pupils(a, g, y) });
  const births = [];
  if (opts.births)
    for (let a = 0; a < areas.length; a++) for (let y = opts.birthsFrom ?? y0 - 20; y <= y1; y++) births.push({ area: areas[a]!, year: y, births: opts.births(a, y) });
  return { areas: areas.map((id) => ({ id })), enrolment, births };
}

/**
 * Two areas of the China system ("north", "south"), history 2014–2020, with uneven integer
 * pupils and births so that ratios vary from year to year and a simulation has errors to
 * resample. Shared by the simulation and supply tests.
 */
export function twoAreasInput(): ReturnType<typeof syntheticInput> {
  return syntheticInput({
    areas: ["north", "south"],
    pupils: (a, g, y) => Math.round(400 + 60 * a + 8 * g + 25 * Math.sin(1.7 * y + g + 3 * a)),
    births: (a, y) => Math.round(450 + 40 * a + 30 * Math.cos(0.9 * y + a)),
  });
}
