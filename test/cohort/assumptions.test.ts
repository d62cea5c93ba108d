import { describe, expect, it } from "vitest";
import { chinaDefaultYieldTable, chinaSchoolSystem, fitModel, forecastWithHousing, indexSystem, parseDataset, renderNote } from "../../src/index.js";
import { yangjiangInput } from "../../src/seeds.js";

// issue 17: assumptions that changed results silently now come with a note.
describe("notes for silent assumptions", () => {
  it("a dataset without births: every entry-from-births grade of every area says it is held as a level", () => {
    const { births: _births, ...noBirths } = yangjiangInput;
    const ds = parseDataset(noBirths, chinaSchoolSystem);
    const model = fitModel(ds);
    const held = model.notes.filter((n) => n.code === "fit.entry-without-births");
    // Entry grades from births in the China system: K1 (preschool) and P1 (primary).
    const ix = indexSystem(chinaSchoolSystem);
    const entry = ix.grades.filter((g) => g.indexInStage === 0 && g.stage.entry === "births").map((g) => g.id);
    expect(entry).toEqual(["K1", "P1"]);
    const expected = model.cube.areas.flatMap((a, i) => entry.filter((g) => model.cube.offered[i * ix.grades.length + ix.gradeIds.indexOf(g)]).map((g) => `${a} ${g}`));
    expect(held.map((n) => `${n.area} ${n.grade}`).sort()).toEqual(expected.sort());
    expect(held.every((n) => n.params.reason === "no-births")).toBe(true);
    expect(renderNote(held[0]!, "zh-CN")).toMatch(/无出生人口数据/);
    // With births, none.
    expect(fitModel(parseDataset(yangjiangInput, chinaSchoolSystem)).notes.some((n) => n.code === "fit.entry-without-births")).toBe(false);
  });

  it("housing without a yield table: a note names the default table and the areas it applies to", () => {
    const ds = parseDataset(yangjiangInput, chinaSchoolSystem);
    const model = fitModel(ds);
    const hf = forecastWithHousing(model, { to: ds.baseYear + 5 });
    const n = hf.notes.filter((x) => x.code === "housing.default-yields");
    expect(n).toHaveLength(1);
    expect(n[0]!.params.table).toBe(chinaDefaultYieldTable.id);
    expect(n[0]!.params.areas).toEqual([...new Set(((yangjiangInput.housing ?? []) as readonly { area: string }[]).map((h) => h.area))].sort());
    expect(renderNote(n[0]!, "en")).toMatch(/no pupil yield table was given/);
    // Given yields: no such note.
    expect(forecastWithHousing(model, { to: ds.baseYear + 5, yields: chinaDefaultYieldTable }).notes.some((x) => x.code === "housing.default-yields")).toBe(false);
  });
});
