import * as z from "zod/mini";
import { countSchema, idSchema, provenanceFields, yearSchema, type TableSpec } from "./table.js";

/**
 * Dwellings completed in one area: a development (or a phase of one), or all completions of a
 * year. History and the future pipeline go in the same table.
 *
 * Give exactly one of:
 * - `year`: the school year in which the dwellings are first occupied (a completion year is taken
 *   as that school year);
 * - `completionDate`: an ISO date `yyyy-mm-dd`, mapped to the first school year occupied with the
 *   school system's cut-off (`firstSchoolYearOccupied`): with the China cut-off (31 August),
 *   `2023-06-30` → 2023 and `2023-10-01` → 2024.
 *
 * `dwellingType` is a free id (`commercial`, `resettlement`, `villa`; `single-family`,
 * `multi-family`) matched against the yield table's `byType`; `development` groups rows of one
 * development so that its pupils can be shown apart.
 */
export const housingSchema = z.strictObject({
  area: idSchema,
  year: z.optional(yearSchema),
  completionDate: z.optional(z.iso.date()),
  dwellings: countSchema,
  dwellingType: z.optional(idSchema),
  development: z.optional(idSchema),
  developmentName: z.optional(z.string()),
  ...provenanceFields,
});

/** A housing record as given (with `year` or `completionDate`). */
export type HousingInput = z.infer<typeof housingSchema>;

/**
 * A validated housing record: `year` is always set (from `completionDate` when that was given)
 * and is the first school year the dwellings are occupied.
 */
export type HousingRecord = Omit<HousingInput, "year"> & { readonly year: number };

/**
 * The housing table of the dataset: its schema, the fields shown in messages and what each field
 * must be, for located issues such as
 * `housing[3] (area gaoxin, year 2024): dwellings must be a non-negative integer, got -4`.
 */
export const housingTable: TableSpec<HousingInput> = {
  name: "housing",
  schema: housingSchema,
  keyFields: ["area", "development", "year", "completionDate"],
  rules: {
    area: "must be the id of an area",
    year: "must be an integer school year (first school year occupied) between 1800 and 2300",
    completionDate: "must be an ISO date yyyy-mm-dd",
    dwellings: "must be a non-negative integer",
    dwellingType: "must be a non-empty text id",
    development: "must be a non-empty text id",
    developmentName: "must be text",
  },
};
