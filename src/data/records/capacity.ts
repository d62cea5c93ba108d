import * as z from "zod/mini";
import { countSchema, idSchema, provenanceFields, yearSchema, type TableSpec } from "./table.js";

/**
 * Who runs the places: `public` (公办), `inclusive-private` (普惠性民办: private, publicly
 * subsidised, fees capped) or `other-private` (other 民办). A record without a sector is counted
 * in totals under `unspecified`.
 */
export const sectorSchema = z.enum(["public", "inclusive-private", "other-private"]);
/** Who runs the places: `public`, `inclusive-private` (普惠性民办) or `other-private`. */
export type Sector = z.infer<typeof sectorSchema>;

/**
 * How a planned change of places comes about. Closures and removals carry negative `places`;
 * `purchased` places are bought by the government from private schools (政府购买学位) and
 * `converted` places change sector (a private school becoming public or inclusive, 转公办 / 转普惠):
 * both move `places` from `fromSector` to `sector` and leave the total unchanged (see
 * `capacitySchedule`); `temporary` places (temporary classrooms) count like any other from their
 * year on: give a negative record for the year they are taken away.
 */
export const plannedKindSchema = z.enum(["new-school", "extension", "purchased", "converted", "temporary", "closure"]);
/** What a planned change is: a new school, an extension, purchased or converted places, temporary places or a closure. */
export type PlannedKind = z.infer<typeof plannedKindSchema>;

/**
 * Existing places in one stage of one area in one school year (the base year of the capacity
 * schedule), optionally per sector, with the number of classes (teaching groups) where known.
 * Places are capacity in pupils.
 */
export const capacitySchema = z.strictObject({
  area: idSchema,
  stage: idSchema,
  year: yearSchema,
  places: countSchema,
  classes: z.optional(countSchema),
  sector: z.optional(sectorSchema),
  ...provenanceFields,
});
/** A validated capacity record (inferred from `capacitySchema`). */
export type CapacityRecord = z.infer<typeof capacitySchema>;

/** The `capacity` table: schema, field rules for messages, and the fields that locate a record. */
export const capacityTable: TableSpec<CapacityRecord> = {
  name: "capacity",
  schema: capacitySchema,
  keyFields: ["area", "stage", "year", "sector"],
  rules: {
    area: "must be the id of an area",
    stage: "must be a stage id of the school system",
    year: "must be an integer school year (2020 = 2020/21) between 1800 and 2300",
    places: "must be a non-negative integer (places, in pupils)",
    classes: "must be a non-negative integer (teaching groups), or left out when unknown",
    sector: 'must be "public", "inclusive-private" or "other-private", or left out',
  },
};

/**
 * A planned change of places: `places` added to an area's stage from school year `year` on
 * (negative for a closure or removal). Planned changes are cumulative.
 */
export const plannedPlacesSchema = z.strictObject({
  area: idSchema,
  stage: idSchema,
  year: yearSchema,
  places: z.int(),
  sector: z.optional(sectorSchema),
  /**
   * For `purchased` and `converted` places: the sector the places come from (e.g.
   * `"other-private"` for places bought by the government into `"public"`). The places move from
   * this sector to `sector`; the total does not change.
   */
  fromSector: z.optional(sectorSchema),
  project: z.optional(z.string().check(z.minLength(1))),
  /** The school the project builds, extends or closes (an id of `schools`), where known. */
  school: z.optional(idSchema),
  kind: z.optional(plannedKindSchema),
  /** Where the plan for these places is published. */
  source: z.optional(z.string().check(z.minLength(1))),
  ...provenanceFields,
});
/** A validated planned-places record (inferred from `plannedPlacesSchema`). */
export type PlannedPlacesRecord = z.infer<typeof plannedPlacesSchema>;

/** The `plannedPlaces` table: schema, field rules for messages, and the fields that locate a record. */
export const plannedPlacesTable: TableSpec<PlannedPlacesRecord> = {
  name: "plannedPlaces",
  schema: plannedPlacesSchema,
  keyFields: ["area", "stage", "year", "project"],
  rules: {
    area: "must be the id of an area",
    stage: "must be a stage id of the school system",
    year: "must be the integer school year the places are first available (2020 = 2020/21), between 1800 and 2300",
    places: "must be an integer (negative for closures and removals)",
    sector: 'must be "public", "inclusive-private" or "other-private", or left out',
    fromSector: 'must be "public", "inclusive-private" or "other-private" (the sector purchased or converted places come from), or left out',
    project: "must be a non-empty project name, or left out",
    school: "must be the id of a school of the same area, or left out",
    kind: 'must be "new-school", "extension", "purchased", "converted", "temporary" or "closure", or left out',
    source: "must be a non-empty citation, or left out",
  },
};
