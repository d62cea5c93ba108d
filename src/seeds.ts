/**
 * placecast/seeds: the embedded Yangjiang (阳江市) seed, kept out of the core entry so that a
 * planning tool that brings its own data does not carry it (about 300 KB of records).
 * @packageDocumentation
 */

// The Yangjiang 2021–2025 plan's city, its six county-level units and the plan's figures.
export {
  yangjiangInput, // the seed as tidy records (DatasetInput); every per-county figure an estimate
  yangjiangDataset, // the seed parsed and validated (Dataset) with the China school system
  yangjiangPlan, // the plan's baseline, targets, planned places and class-size goals, with sections
} from "./seeds/yangjiang.js";
