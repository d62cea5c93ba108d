import * as z from "zod/mini";
import { countSchema, idSchema, provenanceFields, yearSchema, type TableSpec } from "./table.js";

/**
 * Pupils in one grade of one area in one school year. `pupils: null` means the figure exists but
 * is missing (suppressed, not collected); a grade the area does not teach is left out of the
 * area's `grades` instead; 0 means no pupils.
 */
export const enrolmentSchema = z.strictObject({
  area: idSchema,
  year: yearSchema,
  grade: idSchema,
  pupils: z.nullable(countSchema),
  ...provenanceFields,
});
/** A validated enrolment record (inferred from `enrolmentSchema`). */
export type EnrolmentRecord = z.infer<typeof enrolmentSchema>;

/** The `enrolment` table: schema, field rules for messages, and the fields that locate a record. */
export const enrolmentTable: TableSpec<EnrolmentRecord> = {
  name: "enrolment",
  schema: enrolmentSchema,
  keyFields: ["area", "grade", "year"],
  rules: {
    area: "must be the id of an area",
    year: "must be an integer school year (2020 = 2020/21) between 1800 and 2300",
    grade: "must be a grade id of the school system",
    pupils: "must be a non-negative integer, or null when the figure is missing",
  },
};
