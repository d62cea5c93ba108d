import * as z from "zod/mini";
import { countSchema, idSchema, provenanceFields, yearSchema, type TableSpec } from "./table.js";

/**
 * Live births in one area in one birth-cohort year (the cohort that enters school together; see
 * `birthCohort`). Calendar-year births are the usual approximation.
 */
export const birthSchema = z.strictObject({
  area: idSchema,
  year: yearSchema,
  births: countSchema,
  ...provenanceFields,
});
/** A validated births record (inferred from `birthSchema`). */
export type BirthRecord = z.infer<typeof birthSchema>;

/** The `births` table: schema, field rules for messages, and the fields that locate a record. */
export const birthsTable: TableSpec<BirthRecord> = {
  name: "births",
  schema: birthSchema,
  keyFields: ["area", "year"],
  rules: {
    area: "must be the id of an area",
    year: "must be an integer year between 1800 and 2300",
    births: "must be a non-negative integer",
  },
};
