export * from "./prng.js";
export * from "./quantile.js";
export * from "./simulate/index.js";
