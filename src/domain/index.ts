export * from "./sourced.js";
export * from "./schoolSystem.js";
export * from "./systemIndex.js";
export * from "./schoolYear.js";
export { chinaSchoolSystem } from "./systems/china.js";
export { usK12SchoolSystem } from "./systems/usK12.js";
export { englandSchoolSystem } from "./systems/england.js";
export * from "./notes.js";
