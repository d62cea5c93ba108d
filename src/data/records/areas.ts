import * as z from "zod/mini";
import { idSchema, provenanceFields, type TableSpec } from "./table.js";

/** An area: a county-level unit (区/县/市), a district, a state, a city containing others. */
export const areaSchema = z.strictObject({
  id: idSchema,
  name: z.optional(z.strictObject({ zh: z.optional(z.string()), en: z.optional(z.string()) })),
  /** The area that contains this one (a city for a county, a state for a district). */
  parent: z.optional(idSchema),
  /** Grade ids the area teaches; all grades of the system when absent. */
  grades: z.optional(z.array(idSchema)),
  ...provenanceFields,
});
/** A validated area record (inferred from `areaSchema`). */
export type AreaRecord = z.infer<typeof areaSchema>;

/** The `areas` table: schema, field rules for messages, and the fields that locate a record. */
export const areasTable: TableSpec<AreaRecord> = {
  name: "areas",
  schema: areaSchema,
  keyFields: ["id"],
  rules: {
    id: "must be a non-empty text id",
    name: "must be { zh?, en? } with text names",
    parent: "must be the id of another area",
    grades: "must be a list of grade ids of the school system",
  },
};
