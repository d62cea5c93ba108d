import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { advise, type Advice } from "../../src/advise/advise.js";
import { siblingGroups, type Levers, type MoveLever } from "../../src/advise/levers.js";
import { loadHighsSolver, type Solver } from "../../src/advise/solver.js";
import { compareWithPlan } from "../../src/advise/summary.js";
import { expectClose } from "../helpers/expect.js";
import { syntheticPaths, syntheticSupply, testLevers, type SyntheticCell } from "./synthetic.js";

let solver: Solver;
beforeAll(async () => {
  solver = await loadHighsSolver({ mipRelGap: 1e-9 }); // tight: the properties compare optima
});

const E = "test value";
const moves = (over: Partial<{ year: number; once: number; cap: number; lead: number; groups: string[][]; stages: string[] }> = {}): MoveLever => ({
  groups: { value: over.groups ?? [["a", "b", "c"]], source: E },
  ...(over.stages ? { stages: over.stages } : {}),
  costPerPlaceYear: { value: over.year ?? 1, source: E },
  ...(over.once !== undefined ? { costPerPlace: { value: over.once, source: E } } : {}),
  leadTime: { value: over.lead ?? 1, source: E },
  capShare: { value: over.cap ?? 0.5, source: E },
});
const withMoves = (l: Levers, m: MoveLever): Levers => ({ ...l, moves: m });
const PENALTY = 1e4;
/** The program's objective as reported: every cell's cost plus the penalty of the risk target left unmet. */
const total = (a: Advice): number => a.cells.reduce((s, c) => s + c.advised.cost, 0) + PENALTY * a.rows.reduce((s, r) => s + Math.max(0, r.quantile - r.advisedPlaces), 0);

describe("advise: moving places between neighbouring areas", () => {
  // Solved by hand (one year, demand certain: every draw the same). Area a has 100 places and 60
  // pupils, b 50 places and 80 pupils; a pupil-year short weighs 5, an empty place-year 1, a moved
  // place-year 1; no other lever can act in the year. Moving x ≤ 30 places from a to b costs
  // (40 − x) empty in a + 5 (30 − x) short in b + x = 190 − 5x, falling; beyond 30 b has empty
  // places too: (40 − x) + (x − 30) + x = 10 + x, rising. So a lends 30 places: cost 40 (10 empty
  // in a, 30 moved) against 190 apart. With a cap of 20 % of a's 100 places: 20 places, cost
  // 20 + 5 · 10 + 20 = 90.
  const cells: SyntheticCell[] = [
    { area: "a", stage: "primary", pupils: 60, growth: 0, spread: 0, places: 100 },
    { area: "b", stage: "primary", pupils: 80, growth: 0, spread: 0, places: 50 },
  ];
  const handLevers = (cap: number): Levers => {
    const { temporary: _t, closure: _c, ...rest } = testLevers({ shortfall: 5, empty: 1, lead: 5 });
    return withMoves(rest, moves({ cap, groups: [["a", "b"]] }));
  };
  it("two areas by hand: a lends b 30 places (b short by 30, a 40 spare), cost 40 against 190", async () => {
    const paths = syntheticPaths(cells, 4, 1, 7);
    const apart = await advise(paths, syntheticSupply(cells), testLevers({ shortfall: 5, empty: 1, lead: 5, cap: 0, close: 1e3 }), { risk: 1, solver });
    expectClose(apart.cells.reduce((s, c) => s + c.advised.cost, 0), 190, { abs: 1e-6 });
    const a = await advise(paths, syntheticSupply(cells), handLevers(1), { risk: 1, solver });
    expect(a.moves).toHaveLength(1);
    expect(a.moves[0]).toMatchObject({ stage: "primary", from: "a", to: "b", year: 2021, fromPlaces: 100, toPlaces: 50 });
    expectClose(a.moves[0]!.places, 30, { abs: 1e-6 });
    expectClose(a.rows.find((r) => r.area === "b")!.advisedPlaces, 80, { abs: 1e-6 });
    expectClose(a.rows.find((r) => r.area === "a")!.moved, -30, { abs: 1e-6 });
    expectClose(a.cells.reduce((s, c) => s + c.advised.cost, 0), 40, { abs: 1e-6 });
    expectClose(a.cells.find((c) => c.area === "b")!.advised.movedPlaceYears, 30, { abs: 1e-6 });
    expectClose(compareWithPlan(a, { from: 2021, to: 2021 })[0]!.movedPlaceYears, 30, { abs: 1e-6 });
    const n = a.notes.find((x) => x.code === "advise.move")!;
    expect(n.params).toMatchObject({ from: "a", to: "b", years: [2021], toPupils: 80, fromPupils: 60, toQuantile: 0 }); // risk target off: no quantile
  });
  it("two areas by hand, capped at 20 % of the lender's places: 20 places, cost 90", async () => {
    const a = await advise(syntheticPaths(cells, 4, 1, 7), syntheticSupply(cells), handLevers(0.2), { risk: 1, solver });
    expectClose(a.moves[0]!.places, 20, { abs: 1e-6 });
    expectClose(a.cells.reduce((s, c) => s + c.advised.cost, 0), 90, { abs: 1e-6 });
  });
  it("a one-off cost per place opened is paid once for every year the places serve", async () => {
    // Two years, the same as above each year; once 3 per place and 0 a year: 30 places opened
    // serve both years: 2 · 10 empty in a + 3 · 30 = 110 against 2 · 190 apart.
    const { temporary: _t, closure: _c, ...rest } = testLevers({ shortfall: 5, empty: 1, lead: 5 });
    const a = await advise(syntheticPaths(cells, 4, 2, 7), syntheticSupply(cells), withMoves(rest, moves({ year: 0, once: 3, cap: 1, groups: [["a", "b"]] })), { risk: 1, solver });
    expect(a.moves.map((m) => [m.year, Math.round(m.places)])).toEqual([[2021, 30], [2022, 30]]);
    expectClose(a.cells.find((c) => c.area === "b")!.advised.placesOpened, 30, { abs: 1e-6 });
    expectClose(a.cells.reduce((s, c) => s + c.advised.cost, 0), 110, { abs: 1e-6 });
  });

  const cellArb = (area: string): fc.Arbitrary<SyntheticCell> =>
    fc.record({
      area: fc.constant(area),
      stage: fc.constant("primary"),
      pupils: fc.integer({ min: 100, max: 2000 }),
      growth: fc.double({ min: -0.1, max: 0.1, noNaN: true }),
      spread: fc.double({ min: 0, max: 0.3, noNaN: true }),
      places: fc.integer({ min: 0, max: 2500 }),
      planned: fc.array(fc.record({ year: fc.integer({ min: 2022, max: 2025 }), places: fc.integer({ min: 30, max: 600 }) }), { maxLength: 2 }),
    });
  const threeArb = fc.tuple(cellArb("a"), cellArb("b"), cellArb("c"));
  const D = 30;
  const Y = 5;
  const opts = (risk: number) => ({ risk, maxBreakpoints: 2 * D, riskPenalty: PENALTY, solver });

  it("allowing moves never raises the expected cost (risk penalty included)", async () => {
    await fc.assert(
      fc.asyncProperty(threeArb, fc.integer({ min: 1, max: 1e6 }), fc.constantFrom(1, 0.1), fc.constantFrom(0, 0.5, 3), async (cs, seed, risk, perYear) => {
        const paths = syntheticPaths(cs, D, Y, seed);
        const supply = syntheticSupply(cs);
        const apart = await advise(paths, supply, testLevers(), opts(risk));
        const together = await advise(paths, supply, withMoves(testLevers(), moves({ year: perYear })), opts(risk));
        expect(total(together)).toBeLessThanOrEqual(total(apart) * (1 + 1e-7) + 1e-6);
      }),
      { numRuns: 8 },
    );
  });

  it("with a move cost above any gain the advice equals the separate one", async () => {
    await fc.assert(
      fc.asyncProperty(threeArb, fc.integer({ min: 1, max: 1e6 }), fc.constantFrom(1, 0.1), async (cs, seed, risk) => {
        const paths = syntheticPaths(cs, D, Y, seed);
        const supply = syntheticSupply(cs);
        const apart = await advise(paths, supply, testLevers(), opts(risk));
        // a moved place-year can save at most the penalty plus a shortfall weight: 10⁵ is above it
        const dear = await advise(paths, supply, withMoves(testLevers(), moves({ year: 1e5 })), opts(risk));
        expect(dear.moves).toEqual([]);
        expectClose(total(dear), total(apart), { rel: 1e-7, abs: 1e-6 });
        dear.rows.forEach((r, i) => expectClose(r.advisedPlaces, apart.rows[i]!.advisedPlaces, { rel: 1e-7, abs: 1e-6 }));
      }),
      { numRuns: 6 },
    );
  });

  it("cells not coupled (moves allowed in another stage only) give exactly the advice without the lever", async () => {
    const cs: SyntheticCell[] = [
      { area: "a", stage: "primary", pupils: 900, growth: 0.05, spread: 0.2, places: 800, planned: [{ year: 2023, places: 300 }] },
      { area: "b", stage: "primary", pupils: 700, growth: -0.05, spread: 0.2, places: 1000 },
    ];
    const paths = syntheticPaths(cs, D, Y, 11);
    const apart = await advise(paths, syntheticSupply(cs), testLevers(), opts(0.1));
    const other = await advise(paths, syntheticSupply(cs), withMoves(testLevers(), moves({ stages: ["junior"] })), opts(0.1));
    expect(other.rows).toEqual(apart.rows);
    expect(other.projects).toEqual(apart.projects);
  });

  it("siblingGroups groups areas by parent, leaving single children out", () => {
    const areas = [{ id: "city" }, { id: "x", parent: "city" }, { id: "y", parent: "city" }, { id: "x1", parent: "x" }, { id: "y1", parent: "y" }, { id: "y2", parent: "y" }];
    expect(siblingGroups(areas)).toEqual([["x", "y"], ["y1", "y2"]]);
    expect(siblingGroups(areas, ["city"])).toEqual([["x", "y"]]);
  });

  it("rejects a group naming an area twice, and a negative move cost, with the lever named", async () => {
    const paths = syntheticPaths(cells, 4, 1, 7);
    await expect(advise(paths, syntheticSupply(cells), withMoves(testLevers(), moves({ groups: [["a", "a"]] })), { solver })).rejects.toThrow(/levers\.moves\.groups\.value\[0\] names an area twice/);
    await expect(advise(paths, syntheticSupply(cells), withMoves(testLevers(), moves({ year: -1 })), { solver })).rejects.toThrow(/levers\.moves\.costPerPlaceYear\.value must be a non-negative/);
  });

  it("new places in any amount (wholeBlocks false) never cost more than whole blocks, with or without moves", async () => {
    await fc.assert(
      fc.asyncProperty(threeArb, fc.integer({ min: 1, max: 1e6 }), fc.constantFrom(1, 0.1), fc.boolean(), async (cs, seed, risk, mv) => {
        const paths = syntheticPaths(cs, D, Y, seed);
        const supply = syntheticSupply(cs);
        const l = mv ? withMoves(testLevers(), moves()) : testLevers();
        const whole = await advise(paths, supply, l, opts(risk));
        const any = await advise(paths, supply, l, { ...opts(risk), wholeBlocks: false });
        expect(total(any)).toBeLessThanOrEqual(total(whole) * (1 + 1e-7) + 1e-6);
      }),
      { numRuns: 6 },
    );
  });
});
