import { chinaSchoolSystem } from "../domain/systems/china.js";
import { parseDataset, type Dataset, type DatasetInput } from "../data/dataset.js";
import capacity from "../../seeds/yangjiang/capacity.json";
import dataset from "../../seeds/yangjiang/dataset.json";
import housing from "../../seeds/yangjiang/housing.json";
import plan from "../../seeds/yangjiang/plan.json";

/**
 * The Yangjiang seed as tidy records: the city (阳江市) and its six county-level units, births
 * 2005–2024, enrolment by grade 2014–2020, a housing pipeline 2014–2030, 2020 places and the
 * plan's new places allocated to counties and years. The plan gives only city totals, so every
 * per-county figure is an **estimate** (records carry `provenance: "estimate"` and a `note` naming
 * the method); see `seeds/yangjiang/README.md` (history, matching the plan's 2020 city totals:
 * preschool 107,000; compulsory 365,000; senior 49,000), `HOUSING.md` and `CAPACITY.md`.
 *
 * @example
 * ```ts
 * yangjiangInput.areas.map((a) => a.id) // ["yangjiang", "jiangcheng", "yangdong", …]
 * ```
 */
export const yangjiangInput: DatasetInput = { ...(dataset as DatasetInput), ...(housing as Pick<DatasetInput, "housing">), ...(capacity as Pick<DatasetInput, "capacity" | "plannedPlaces">) };

/**
 * The plan's figures as structured data (阳江市教育发展“十四五”规划): 2020 baseline and 2025
 * targets, planned new places by stage, named projects and class-size goals, each with the plan
 * section it comes from.
 */
export const yangjiangPlan = plan;

/**
 * The Yangjiang seed parsed against the China school system.
 *
 * @throws DatasetError if the embedded seed were invalid (a test guards this)
 * @example
 * ```ts
 * const ds = yangjiangDataset();
 * ds.baseYear // 2020
 * ```
 */
export function yangjiangDataset(): Dataset {
  return parseDataset(yangjiangInput, chinaSchoolSystem);
}
