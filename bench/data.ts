/**
 * The benchmark's datasets and derived inputs, built with the library under test.
 */
import type { CohortModel, DatasetInput, Dataset, SimulateOptions } from "../src/index.js";
import { BASE_YEAR, HISTORY_YEARS, SEED, TO } from "./config.js";
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

/**
 * Inputs of the national simulation: the dataset's places (capacity and planned places) and its
 * housing forecast, each area's housing pipeline slipping as one project (`housingProjects: "area"`).
 */
export function simulationInputs(lib: Lib, ds: Dataset, model: CohortModel): Pick<SimulateOptions, "supply" | "housing" | "housingProjects"> {
  return { supply: ds, housing: lib.forecastWithHousing(model, { to: TO }), housingProjects: "area" };
}
