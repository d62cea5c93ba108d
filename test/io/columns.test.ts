import { describe, expect, it } from "vitest";
import { areaSchema } from "../../src/data/records/areas.js";
import { birthSchema } from "../../src/data/records/births.js";
import { capacitySchema, plannedPlacesSchema } from "../../src/data/records/capacity.js";
import { enrolmentSchema } from "../../src/data/records/enrolment.js";
import { housingSchema } from "../../src/data/records/housing.js";
import { populationSchema } from "../../src/data/records/population.js";
import { staffSchema } from "../../src/data/records/staff.js";
import { feederSchema, schoolEnrolmentSchema, schoolPlacesSchema, schoolSchema } from "../../src/data/records/schools.js";
import { TABLE_COLUMNS, TABLE_NAMES } from "../../src/node.js";
import { columnForHeader, normalizeName, tableForName } from "../../src/io/columns.js";

const SHAPES = {
  areas: areaSchema.shape,
  enrolment: enrolmentSchema.shape,
  births: birthSchema.shape,
  capacity: capacitySchema.shape,
  plannedPlaces: plannedPlacesSchema.shape,
  housing: housingSchema.shape,
  population: populationSchema.shape,
  staff: staffSchema.shape,
  schools: schoolSchema.shape,
  schoolEnrolment: schoolEnrolmentSchema.shape,
  schoolPlaces: schoolPlacesSchema.shape,
  feeders: feederSchema.shape,
} as const;

describe("the header map", () => {
  it("has a column for every field of every record type (name as name_zh / name_en) and none other", () => {
    for (const t of TABLE_NAMES) {
      const fields = Object.keys(SHAPES[t]).flatMap((f) => (f === "name" ? ["name.zh", "name.en"] : [f]));
      expect(TABLE_COLUMNS[t].columns.map((c) => c.path.join(".")).sort(), t).toEqual(fields.sort());
    }
  });

  it("gives every header and alias of a record type to one column only", () => {
    for (const t of TABLE_NAMES) {
      const owner = new Map<string, string>();
      for (const c of TABLE_COLUMNS[t].columns) {
        for (const h of new Set([c.header.en, c.header.zh, ...(c.aliases ?? [])].map(normalizeName))) {
          expect(owner.get(h), `${t}: ${h}`).toBeUndefined();
          owner.set(h, c.path.join("."));
          expect(columnForHeader(t, h)?.path.join("."), `${t}: ${h}`).toBe(c.path.join("."));
        }
      }
    }
  });

  it("matches headers ignoring case, width, separators and a bracketed unit; sheet names in both languages", () => {
    expect(columnForHeader("enrolment", " Pupils (number) ")?.path).toEqual(["pupils"]);
    expect(columnForHeader("enrolment", "人数（人）")?.path).toEqual(["pupils"]);
    expect(columnForHeader("areas", "Name.ZH")?.path).toEqual(["name", "zh"]);
    expect(columnForHeader("housing", "completion_date")?.path).toEqual(["completionDate"]);
    expect(tableForName("在校生")).toBe("enrolment");
    expect(tableForName("Planned_Places")).toBe("plannedPlaces");
    expect(tableForName("Sheet1")).toBeUndefined();
  });
});
