import type { Sourced } from "../domain/sourced.js";

/** New permanent places: built in whole blocks, available `leadTime` years after the decision, kept once built. */
export interface PermanentLever {
  /** One-off cost per place built (cost units of `Levers`). */
  readonly costPerPlace: Sourced<number>;
  /** Years from the decision to the first school year the places serve. */
  readonly leadTime: Sourced<number>;
  /** Places per block (a class, or a school); the stage's standard class size when absent. */
  readonly block?: Sourced<number>;
}

/** Temporary places (rented rooms, prefabricated classrooms): a yearly cost, capped per cell. */
export interface TemporaryLever {
  /** Cost per temporary place per school year. */
  readonly costPerPlaceYear: Sourced<number>;
  /** The most temporary places a cell may have in a year, as a share of its existing places that year. */
  readonly capShare: Sourced<number>;
  /** Years from the decision to the first school year they can serve. */
  readonly leadTime: Sourced<number>;
}

/** Closing or repurposing surplus existing places (never new ones): a one-off cost per place. */
export interface ClosureLever {
  readonly costPerPlace: Sourced<number>;
  readonly leadTime: Sourced<number>;
}

/**
 * Moving places between neighbouring cells of one stage: a cell with spare places takes pupils of
 * a neighbour short of them (a catchment line redrawn, pupils carried to a school across the
 * boundary), place by place and year by year. The places stay where they are; only their use
 * moves. Cells that may share places are solved together as one program.
 */
export interface MoveLever {
  /**
   * Groups of areas (of the same parent: `siblingGroups`) within which places may move from any
   * area to any other; a pair of neighbours is a group of two. An area may be in several groups
   * (a neighbour list A–B, B–C is the groups [A, B] and [B, C]: moving from A to C then goes
   * through B, paid twice). Areas not in the paths are ignored.
   */
  readonly groups: Sourced<readonly (readonly string[])[]>;
  /** Stages where places may move. @defaultValue every stage */
  readonly stages?: readonly string[];
  /** Cost per place moved per school year it is used (carrying pupils, a longer journey). */
  readonly costPerPlaceYear: Sourced<number>;
  /**
   * One-off cost per place opened to neighbours (redrawing a catchment), paid once from the year
   * it first serves; a place opened serves every later year. @defaultValue no one-off cost
   */
  readonly costPerPlace?: Sourced<number>;
  /** Years from the decision to the first school year places can move. */
  readonly leadTime: Sourced<number>;
  /** The most places a cell may lend in a year, as a share of its existing places that year (all its groups together). */
  readonly capShare: Sourced<number>;
}

/** What may be done with the planned projects (openings of the places schedule). */
export interface ProjectLever {
  /** A project may be deferred by 1 … maxDefer years (or kept, or cancelled). */
  readonly maxDefer: Sourced<number>;
  /**
   * Projects opening in the first `committedYears` school years after the decision year are
   * committed (built or contracted): kept as planned.
   */
  readonly committedYears: Sourced<number>;
}

/**
 * The advisor's levers with their data, each figure a sourced record. Costs are in one unit of
 * the caller's choice (yuan, or place-year equivalents as in `estimatedLevers`); only their
 * ratios matter to the advice.
 */
export interface Levers {
  /** Weight of one pupil-year short of a place (the heavier side). */
  readonly shortfallWeight: Sourced<number>;
  /** Weight of one empty place-year. */
  readonly emptyWeight: Sourced<number>;
  readonly permanent: PermanentLever;
  /** Absent: no temporary places. */
  readonly temporary?: TemporaryLever;
  /** Absent: no closures. */
  readonly closure?: ClosureLever;
  readonly projects: ProjectLever;
  /** Absent: no places move between cells (each cell is solved on its own). */
  readonly moves?: MoveLever;
}

/**
 * The groups of areas with the same parent (siblings), for `MoveLever.groups`: every area with a
 * `parent`, grouped by it, in input order; groups of one area are left out.
 *
 * @param areas - area records (`Dataset.areas`) or any `{ id, parent }`
 * @param within - only the children of these parents @defaultValue every parent
 * @example
 * ```ts
 * siblingGroups([{ id: "a", parent: "c" }, { id: "b", parent: "c" }, { id: "c" }]) // [["a", "b"]]
 * ```
 */
export function siblingGroups(areas: readonly { readonly id: string; readonly parent?: string | undefined }[], within?: readonly string[]): string[][] {
  const by = new Map<string, string[]>();
  for (const a of areas) {
    if (a.parent === undefined || (within && !within.includes(a.parent))) continue;
    const l = by.get(a.parent);
    if (l) l.push(a.id);
    else by.set(a.parent, [a.id]);
  }
  return [...by.values()].filter((g) => g.length > 1);
}

const EST = "estimate (placecast advisor default, a stated planning assumption, not a measured figure): ";

/**
 * Estimated lever data in place-year equivalents (1 = the upkeep of one empty place for one
 * school year), used for the Yangjiang run. None of these figures is published: each is an
 * estimate with its method in its `source`, meant to be replaced by a bureau's own costs. The
 * Yangjiang plan gives only totals (plan line 105: 297.48 亿元 of education spending 2016–2020,
 * 12.7 万 new places), which mix building with running costs and so fix no per-place figure.
 *
 * @example
 * ```ts
 * estimatedLevers.shortfallWeight.value // 5
 * ```
 */
export const estimatedLevers: Levers = Object.freeze({
  emptyWeight: { value: 1, source: EST + "the unit of cost: the upkeep of one empty place for one school year" },
  shortfallWeight: {
    value: 5,
    source: EST + "a pupil-year without a place (an oversized class, a long journey) weighted 5 empty place-years, the heavier side as issue 19 asks; a policy weight",
  },
  permanent: {
    costPerPlace: { value: 20, source: EST + "building one place costs 20 years of an empty place's upkeep (upkeep taken as 1/40 of the building cost a year over a 40-year life, halved for the part that is not fabric)" },
    leadTime: { value: 3, source: EST + "3 school years from decision to first intake: site, design and approval about a year, building about two" },
  },
  temporary: {
    costPerPlaceYear: { value: 3, source: EST + "a rented or prefabricated place costs 3 empty place-years a year (rent and fit-out over a short life)" },
    capShare: { value: 0.1, source: EST + "temporary places up to 10 % of a cell's existing places (rooms that can be found or put up)" },
    leadTime: { value: 1, source: EST + "ready for the next school year" },
  },
  closure: {
    costPerPlace: { value: 2, source: EST + "repurposing a surplus place costs 2 empty place-years once (refit, moving staff)" },
    leadTime: { value: 1, source: EST + "effective from the next school year" },
  },
  projects: {
    maxDefer: { value: 3, source: EST + "a planned school can be put back up to 3 years before its site or funding lapses" },
    committedYears: { value: 1, source: EST + "projects opening in the first school year after the decision are under construction: kept" },
  },
} satisfies Levers);

/**
 * Estimated data of the moves lever, in the place-year equivalents of `estimatedLevers`, without
 * its groups (which come from the areas: `siblingGroups`). None of these figures is published:
 * each is an estimate with its method in its `source`, meant to be replaced by a bureau's own.
 * Used by `placecast advise --moves` (`--move-cost`, `--move-cap` replace the two figures).
 *
 * @example
 * ```ts
 * const moves: MoveLever = { ...estimatedMoves, groups: { value: [["a", "b"]], source: "siblingGroups" } };
 * estimatedMoves.costPerPlaceYear.value // 1
 * ```
 */
export const estimatedMoves: Omit<MoveLever, "groups"> = Object.freeze({
  costPerPlaceYear: {
    value: 1,
    source: EST + "a pupil carried to a school of the neighbouring area costs about one empty place-year a year (a school-bus seat and a longer day): a third of a temporary place (3), so moving spare places comes before renting rooms",
  },
  capShare: {
    value: 0.05,
    source: EST + "an area lends at most 5 % of its existing places a year: the spare seats its classes can take within standard class sizes without opening classes, half the temporary places' 10 % cap",
  },
  leadTime: { value: 1, source: EST + "a catchment line redrawn for the next school year's admissions" },
} satisfies Omit<MoveLever, "groups">);
