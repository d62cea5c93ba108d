import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, safeParseDataset } from "../../src/index.js";
import { show } from "../../src/data/issues.js";

/** `value` nested `depth` levels deep: arrays ([[[…]]], 2 bytes per level in JSON) or objects. */
function nested(depth: number, kind: "array" | "object"): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : { a: v };
  return v;
}

describe("deeply nested input (issue 20 item 8)", () => {
  for (const kind of ["array", "object"] as const) {
    it(`safeParseDataset returns located issues for ${kind}s nested 6,000 deep in every position (no stack overflow)`, () => {
      const deep = nested(6000, kind);
      const inputs: [unknown, string][] = [
        [{ areas: [{ id: "a", name: deep }], enrolment: [] }, "areas.0.name"],
        [{ areas: deep, enrolment: [] }, "areas"],
        [{ areas: [deep], enrolment: [] }, "areas.0"],
        [{ areas: [{ id: "a", grades: [deep] }], enrolment: [] }, "areas.0.grades"],
        [{ areas: [{ id: "a", note: deep }], enrolment: [] }, "areas.0.note"],
        [{ areas: [{ id: "a" }], enrolment: [{ area: "a", year: 2020, grade: "P1", pupils: deep }] }, "enrolment.0.pupils"],
        [deep, ""],
      ];
      for (const [input, where] of inputs) {
        const r = safeParseDataset(input, chinaSchoolSystem);
        expect(r.success, where).toBe(false);
        if (r.success) continue;
        expect(r.issues.some((i) => i.path.join(".").startsWith(where)), where).toBe(true);
        for (const i of r.issues) {
          expect(i.message, where).not.toContain("[object Object]");
          expect(i.message.length, where).toBeLessThan(400);
        }
      }
    });
  }

  it("show renders deep values in a bounded preview", () => {
    expect(show(nested(6000, "object"))).toBe('{"a": {"a": {"a": {…}}}}');
    expect(show(nested(6000, "array"))).toBe("[[[[…]]]]");
    expect(show({ x: 1, y: [1, 2], z: "t" })).toBe('{"x": 1, "y": [1, 2], "z": "t"}');
  });
});

describe("messages cap quoted values (issue 20 item 9)", () => {
  const huge = "x".repeat(10 * 2 ** 20);

  it("a 10 MB value gives a short message: 80 characters, an ellipsis and the length", () => {
    const r = safeParseDataset(
      { areas: [{ id: "a", grades: ["P1"] }, { id: huge, grades: ["P1"] }], enrolment: [{ area: huge, year: 2020, grade: "P1", pupils: huge }, { area: "a", year: 2020, grade: "P1", pupils: 5 }, { area: "zz" + huge, year: 2020, grade: "P1", pupils: 5 }] },
      chinaSchoolSystem,
    );
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.length).toBeGreaterThan(1);
    for (const i of r.issues) expect(i.message.length, i.message.slice(0, 200)).toBeLessThan(500);
    expect(r.issues.map((i) => i.message).join("\n")).toContain(`${"x".repeat(78)}…" (${huge.length + 2} characters)`);
    expect(show(huge)).toBe(`"${"x".repeat(80)}…" (${huge.length} characters)`);
  });
});
