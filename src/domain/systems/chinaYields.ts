import type { YieldTable } from "../yieldTable.js";

// Yangjiang 2020 figures (seeds/yangjiang/sources): plan indicator table, lines 258, 261, 266
// (在园幼儿 10.7万, 九年义务教育在校生 36.5万, 高中阶段教育在校生 4.9万, all 2020) and the 2020 census
// (resident population 2,602,959; family-household population 2,454,459 in 804,747 family
// households).
const YJ_RESIDENTS = 2_602_959;
const YJ_PERSONS_PER_HOUSEHOLD = 2_454_459 / 804_747;
const YJ_PER_THOUSAND = {
  preschool: (107_000 / YJ_RESIDENTS) * 1000,
  primary: ((365_000 * 6) / 9 / YJ_RESIDENTS) * 1000,
  junior: ((365_000 * 3) / 9 / YJ_RESIDENTS) * 1000,
  senior: (49_000 / YJ_RESIDENTS) * 1000,
};

/**
 * The default yield table for the China system: a placecast planning assumption, not a
 * regulation. Replace it with the local 千人指标 and a local phasing survey where they exist.
 *
 * Yields (lifetime pupils per dwelling) = places per 1,000 residents × persons per household / 1000
 * (`yieldFromPerThousand`), with both taken from Yangjiang's 2020 figures, the first user's own:
 * - per 1,000 residents: preschool 41.1 (10.7万 in kindergarten), primary 93.5 and junior 46.7
 *   (36.5万 compulsory-school pupils split 6 : 3 by the number of grades), senior 18.8 (4.9万 in
 *   高中阶段, which includes secondary vocational schools, so it is an upper bound for general
 *   senior high), each over the 2020 census resident population 2,602,959;
 * - 3.05 persons per household (2020 census: 2,454,459 persons in 804,747 family households).
 * Giving 0.125 preschool, 0.285 primary, 0.143 junior, 0.057 senior pupils per dwelling
 * (0.611 over all stages). These are city-wide stock ratios: new estates with younger families
 * usually yield more, resettlement housing often more again.
 *
 * GB 50180-2018《城市居住区规划设计标准》 sizes kindergartens, primary and junior schools by the
 * population of the 5-, 10- and 15-minute life circles; its per-1,000 figures could not be
 * confirmed here, so they are not used.
 *
 * Phasing (placecast planning assumption): 30 % of the pupils arrive in the first school year
 * occupied, 30 % in the second (fit-out and staggered moving in), then 20 %, 10 %, 5 %, 5 %.
 * Grades: evenly within each stage.
 *
 * @example
 * ```ts
 * chinaDefaultYieldTable.perDwelling.primary // ≈ 0.285
 * ```
 */
export const chinaDefaultYieldTable: YieldTable = deepFreeze({
  id: "placecast-china-default",
  source:
    "placecast planning assumption: Yangjiang 2020 pupils per 1,000 residents (plan indicator table, 2020 census population 2,602,959) × 3.05 persons per household (2020 census family households); see chinaDefaultYieldTable",
  perDwelling: perDwelling(YJ_PER_THOUSAND, YJ_PERSONS_PER_HOUSEHOLD),
  gradeShares: {
    preschool: [1 / 3, 1 / 3, 1 / 3],
    primary: [1, 1, 1, 1, 1, 1].map((w) => w / 6),
    junior: [1 / 3, 1 / 3, 1 / 3],
    senior: [1 / 3, 1 / 3, 1 / 3],
  },
  phasing: {
    weights: [0.3, 0.3, 0.2, 0.1, 0.05, 0.05],
    source: "placecast planning assumption: occupancy ramp over the first two school years occupied, then tailing arrivals over four more",
  },
});

/** Pupils per dwelling from places per 1,000 residents: perThousand[s] / 1000 × persons per household (as `yieldFromPerThousand`). */
function perDwelling(perThousand: Readonly<Record<string, number>>, personsPerHousehold: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [stage, v] of Object.entries(perThousand)) out[stage] = (v / 1000) * personsPerHousehold;
  return out;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}
