/**
 * The benchmark's datasets and derived inputs, built with the library under test.
 */
import type { DatasetInput, Dataset, HousingPupilsInput, SimulateOptions } from "../src/index.js";
import { BASE_YEAR, HISTORY_YEARS, MODEL_OPTIONS, SEED, TO } from "./config.js";
import type { Lib } from "./measure.js";
import { syntheticNational } from "./synthetic.js";

export function nationalInput(areas: number): DatasetInput {
  return syntheticNational({ areas, years: HISTORY_YEARS, baseYear: BASE_YEAR, seed: SEED });
}

/**
 * The Yangjiang seed with places for the assessment. The seed has no capacity records, so the
 * benchmark gives each county and stage base-year places of ⌈1.05 × base-year pupils⌉ (a
 * stand-in for timing only, not an estimate of Yangjiang's places).
 */
export function yangjiangWithPlaces(lib: Lib): Dataset {
  const input = lib.yangjiangInput;
  const ds = lib.parseDataset(input, lib.chinaSchoolSystem);
  const ix = lib.indexSystem(lib.chinaSchoolSystem);
  const totals = new Map<string, number>();
  for (const r of ds.enrolment) {
    if (r.year !== ds.baseYear || r.pupils === null) continue;
    const stage = ix.gradeById.get(r.grade)!.stage.id;
    totals.set(`${r.area}\u0000${stage}`, (totals.get(`${r.area}\u0000${stage}`) ?? 0) + r.pupils);
  }
  const capacity = [...totals].map(([k, pupils]) => {
    const [area, stage] = k.split("\u0000") as [string, string];
    return { area, stage, year: ds.baseYear, places: Math.ceil(1.05 * pupils) };
  });
  return lib.parseDataset({ ...input, capacity }, lib.chinaSchoolSystem);
}

/** Inputs of the national simulation: places, planned places and housing pupils (each area's pipeline slips as one project). */
export function simulationInputs(lib: Lib, ds: Dataset): Pick<SimulateOptions, "places" | "planned" | "housing"> {
  const model = lib.fitModel(ds, MODEL_OPTIONS);
  const hf = lib.forecastWithHousing(model, { to: TO });
  const housing: HousingPupilsInput[] = [];
  for (const r of lib.componentStageTotals(hf)) {
    if (r.component === "housing" && r.year > ds.baseYear && r.pupils > 0) housing.push({ area: r.area, stage: r.stage, year: r.year, pupils: r.pupils, project: r.area });
  }
  return { places: ds.capacity ?? [], planned: ds.plannedPlaces ?? [], housing };
}
