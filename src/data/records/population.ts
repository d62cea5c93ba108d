import * as z from "zod/mini";
import { countSchema, idSchema, provenanceFields, yearSchema, type TableSpec } from "./table.js";

/** The oldest single year of age a population record may carry. */
export const MAX_AGE = 120;

/**
 * Persons of one single year of age living in one area in one year (a census or a register
 * count, or a projection). Ages are completed years at the reference date of the source;
 * `year` is the calendar year the count refers to, matched to the school year that starts in it
 * (2020 = 2020/21). Used for gross enrolment rates (在园幼儿 / 3–5 岁人口).
 */
export const populationSchema = z.strictObject({
  area: idSchema,
  year: yearSchema,
  age: z.int().check(z.gte(0), z.lte(MAX_AGE)),
  persons: countSchema,
  ...provenanceFields,
});
/** A validated population record (inferred from `populationSchema`). */
export type PopulationRecord = z.infer<typeof populationSchema>;

/** The `population` table: schema, field rules for messages, and the fields that locate a record. */
export const populationTable: TableSpec<PopulationRecord> = {
  name: "population",
  schema: populationSchema,
  keyFields: ["area", "year", "age"],
  rules: {
    area: "must be the id of an area",
    year: "must be an integer year between 1800 and 2300 (the school year starting in it)",
    age: `must be an integer single year of age between 0 and ${MAX_AGE}`,
    persons: "must be a non-negative integer",
  },
};
