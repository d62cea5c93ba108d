export * from "./issues.js";
export * from "./dataset.js";
export * from "./cube.js";
export type { AreaRecord } from "./records/areas.js";
export type { EnrolmentRecord } from "./records/enrolment.js";
export type { BirthRecord } from "./records/births.js";
export type { Provenance } from "./records/table.js";
export type { HousingInput, HousingRecord } from "./records/housing.js";
export type { CapacityRecord, PlannedPlacesRecord, Sector, PlannedKind } from "./records/capacity.js";
