import * as z from "zod/mini";
import { countSchema, idSchema, provenanceFields, yearSchema, type TableSpec } from "./table.js";

/**
 * Staff in post (教职工, or the posts established, 编制) in one stage of one area in one school
 * year, held against the staff the norms ask for (`staffDemand`).
 */
export const staffSchema = z.strictObject({
  area: idSchema,
  stage: idSchema,
  year: yearSchema,
  staff: countSchema,
  ...provenanceFields,
});
/** A validated staff record (inferred from `staffSchema`). */
export type StaffRecord = z.infer<typeof staffSchema>;

/** The `staff` table: schema, field rules for messages, and the fields that locate a record. */
export const staffTable: TableSpec<StaffRecord> = {
  name: "staff",
  schema: staffSchema,
  keyFields: ["area", "stage", "year"],
  rules: {
    area: "must be the id of an area",
    stage: "must be a stage id of the school system",
    year: "must be an integer school year (2020 = 2020/21) between 1800 and 2300",
    staff: "must be a non-negative integer (members of staff)",
  },
};
