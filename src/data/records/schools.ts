import * as z from "zod/mini";
import { countSchema, idSchema, provenanceFields, yearSchema, type TableSpec } from "./table.js";
import { sectorSchema } from "./capacity.js";

/**
 * Grades a school teaches over a span of school years: either a range `first`..`last` (grade ids
 * of the school system, in its order) or an explicit `list`, from school year `from` (inclusive;
 * open when absent) to `to` (inclusive; open when absent). A school whose grade span changes
 * (a K-5 school becoming K-8 in 2012) gives one entry per span.
 */
export const gradeSpanSchema = z.strictObject({
  from: z.optional(yearSchema),
  to: z.optional(yearSchema),
  first: z.optional(idSchema),
  last: z.optional(idSchema),
  list: z.optional(z.array(idSchema)),
});
/** A validated grade span (inferred from `gradeSpanSchema`). */
export type GradeSpan = z.infer<typeof gradeSpanSchema>;

/** Urban/rural class of a school's site (城区 / 镇区 / 乡村 in the Chinese statistics). */
export const urbanRuralSchema = z.enum(["urban", "town", "rural"]);
/** `"urban"` (城区), `"town"` (镇区) or `"rural"` (乡村). */
export type UrbanRural = z.infer<typeof urbanRuralSchema>;

/**
 * A school: its id, name, the area it stands in (the lowest level of the area hierarchy, e.g. a
 * 学区 or 镇街, whose own parent is a county), the grades it teaches by year, its sector, and the
 * school years it opens and closes. `opens` is the first school year with pupils; `closes` the
 * first school year without (the school teaches nothing from `closes` on).
 */
export const schoolSchema = z.strictObject({
  id: idSchema,
  name: z.optional(z.strictObject({ zh: z.optional(z.string()), en: z.optional(z.string()) })),
  area: idSchema,
  grades: z.array(gradeSpanSchema).check(z.minLength(1)),
  sector: z.optional(sectorSchema),
  opens: z.optional(yearSchema),
  closes: z.optional(yearSchema),
  urbanRural: z.optional(urbanRuralSchema),
  ...provenanceFields,
});
/** A validated school record (inferred from `schoolSchema`). */
export type SchoolRecord = z.infer<typeof schoolSchema>;

/** The `schools` table: schema, field rules for messages, and the fields that locate a record. */
export const schoolsTable: TableSpec<SchoolRecord> = {
  name: "schools",
  schema: schoolSchema,
  keyFields: ["id", "area"],
  rules: {
    id: "must be a non-empty text id",
    name: "must be { zh?, en? } with text names",
    area: "must be the id of an area",
    grades: "must be a non-empty list of grade spans { first, last } or { list }, each with optional from/to years",
    sector: 'must be "public", "inclusive-private" or "other-private", or left out',
    opens: "must be the first school year with pupils (an integer between 1800 and 2300), or left out",
    closes: "must be the first school year without pupils (an integer between 1800 and 2300), or left out",
    urbanRural: 'must be "urban", "town" or "rural", or left out',
  },
};

/**
 * Pupils in one grade of one school in one school year, with the classes (班数) the grade is
 * taught in where known. `pupils: null` means the figure is missing.
 */
export const schoolEnrolmentSchema = z.strictObject({
  school: idSchema,
  year: yearSchema,
  grade: idSchema,
  pupils: z.nullable(countSchema),
  classes: z.optional(countSchema),
  ...provenanceFields,
});
/** A validated school enrolment record (inferred from `schoolEnrolmentSchema`). */
export type SchoolEnrolmentRecord = z.infer<typeof schoolEnrolmentSchema>;

/** The `schoolEnrolment` table: schema, field rules for messages, and the fields that locate a record. */
export const schoolEnrolmentTable: TableSpec<SchoolEnrolmentRecord> = {
  name: "schoolEnrolment",
  schema: schoolEnrolmentSchema,
  keyFields: ["school", "grade", "year"],
  rules: {
    school: "must be the id of a school",
    year: "must be an integer school year (2020 = 2020/21) between 1800 and 2300",
    grade: "must be a grade id of the school system",
    pupils: "must be a non-negative integer, or null when the figure is missing",
    classes: "must be a non-negative integer (teaching groups, 班数), or left out when unknown",
  },
};

/**
 * Places (capacity in pupils) of one school from school year `year` on, optionally per grade, with
 * the classes (班数) it can hold where known. A later record of the same school replaces an
 * earlier one (an extension from its year).
 */
export const schoolPlacesSchema = z.strictObject({
  school: idSchema,
  year: yearSchema,
  places: countSchema,
  classes: z.optional(countSchema),
  ...provenanceFields,
});
/** A validated school places record (inferred from `schoolPlacesSchema`). */
export type SchoolPlacesRecord = z.infer<typeof schoolPlacesSchema>;

/** The `schoolPlaces` table: schema, field rules for messages, and the fields that locate a record. */
export const schoolPlacesTable: TableSpec<SchoolPlacesRecord> = {
  name: "schoolPlaces",
  schema: schoolPlacesSchema,
  keyFields: ["school", "year"],
  rules: {
    school: "must be the id of a school",
    year: "must be the integer school year the places hold from (2020 = 2020/21), between 1800 and 2300",
    places: "must be a non-negative integer (places, in pupils)",
    classes: "must be a non-negative integer (classrooms for teaching groups), or left out when unknown",
  },
};

/**
 * A feeder link: pupils leaving school `from` after its last grade go on to school `school`'s
 * entry grade, `share` of them where known (a feeder map, as English local authorities keep for
 * Year 6 to Year 7). Used by the school model's feeder intake (`SchoolModelOptions.intake`).
 */
export const feederSchema = z.strictObject({
  school: idSchema,
  from: idSchema,
  share: z.optional(z.number().check(z.gte(0), z.lte(1))),
  ...provenanceFields,
});
/** A validated feeder link (inferred from `feederSchema`). */
export type FeederRecord = z.infer<typeof feederSchema>;

/** The `feeders` table: schema, field rules for messages, and the fields that locate a record. */
export const feedersTable: TableSpec<FeederRecord> = {
  name: "feeders",
  schema: feederSchema,
  keyFields: ["school", "from"],
  rules: {
    school: "must be the id of the receiving school",
    from: "must be the id of the sending school (its leavers go on to the receiving school)",
    share: "must be the share of the sending school's leavers who go on (a number from 0 to 1), or left out when unknown",
  },
};
