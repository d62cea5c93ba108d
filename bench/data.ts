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
 * The Yangjiang seed with its estimated places and planned places (seeds/yangjiang/CAPACITY.md),
 * as the main job uses it.
 */
export function yangjiangWithPlaces(lib: Lib): Dataset {
  return lib.parseDataset(lib.yangjiangInput, lib.chinaSchoolSystem);
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
