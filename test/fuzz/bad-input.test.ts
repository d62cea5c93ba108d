import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXIT, main } from "../../src/cli/main.js";
import { safeParseDataset, type DatasetInput, type IssueCode } from "../../src/index.js";
import { writeDatasetFiles } from "../../src/node.js";
import { validCase } from "./arbitraries.js";

// The bad-input half of the fuzz suite (issue 20): each class of bad input, applied to a fuzzed
// valid dataset, gives located issues (never a throw from safeParseDataset, never a stack trace
// from the command line), with short, one-line, control-character-free messages.
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

type Rec = Record<string, unknown>;
type Mutable = { areas: Rec[]; enrolment: Rec[]; births?: Rec[]; capacity?: Rec[]; plannedPlaces?: Rec[]; housing?: Rec[]; [k: string]: unknown };

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** A bad-input class: how to break a valid input, and the issue code(s) it must give (at the table named). */
interface BadClass {
  readonly name: string;
  readonly codes: readonly IssueCode[];
  readonly table: string;
  readonly apply: (d: Mutable, stage: string) => unknown;
}

const e0 = (d: Mutable): Rec => d.enrolment[0]!;
const CLASSES: readonly BadClass[] = [
  { name: "negative pupils", codes: ["invalid_value"], table: "enrolment", apply: (d) => ((e0(d).pupils = -4), d) },
  { name: "fractional pupils", codes: ["invalid_value"], table: "enrolment", apply: (d) => ((e0(d).pupils = 1.5), d) },
  { name: "pupils as text", codes: ["invalid_type"], table: "enrolment", apply: (d) => ((e0(d).pupils = "12"), d) },
  { name: "pupils NaN", codes: ["invalid_value", "invalid_type"], table: "enrolment", apply: (d) => ((e0(d).pupils = Number.NaN), d) },
  { name: "pupils Infinity", codes: ["invalid_value", "invalid_type"], table: "enrolment", apply: (d) => ((e0(d).pupils = Infinity), d) },
  { name: "pupils nested 6000 deep", codes: ["invalid_type"], table: "enrolment", apply: (d) => ((e0(d).pupils = nested(6000)), d) },
  { name: "a 10 MB text", codes: ["invalid_type"], table: "enrolment", apply: (d) => ((e0(d).pupils = "9".repeat(10 * 2 ** 20)), d) },
  { name: "terminal escapes in an area reference", codes: ["unknown_area"], table: "enrolment", apply: (d) => ((e0(d).area = "a\u001b[2J\u009b\u202e\r\n"), d) },
  { name: "unknown grade", codes: ["unknown_grade"], table: "enrolment", apply: (d) => ((e0(d).grade = "X9"), d) },
  { name: "grade not offered", codes: ["grade_not_offered"], table: "enrolment", apply: (d) => ((d.areas.find((a) => a.id === e0(d).area)!.grades = []), d) },
  { name: "duplicate record", codes: ["duplicate"], table: "enrolment", apply: (d) => (d.enrolment.push({ ...e0(d) }), d) },
  { name: "missing record", codes: ["missing_record", "no_enrolment"], table: "enrolment", apply: (d) => (d.enrolment.splice(d.enrolment.length - 1, 1), d) },
  { name: "year out of range", codes: ["invalid_value"], table: "enrolment", apply: (d) => ((e0(d).year = 1700), d) },
  { name: "unknown field", codes: ["unknown_field"], table: "enrolment", apply: (d) => ((e0(d).pupil = 3), d) },
  { name: "unknown part", codes: ["unknown_field"], table: "teachers", apply: (d) => ((d.teachers = []), d) },
  { name: "__proto__ area id", codes: ["reserved_id"], table: "areas", apply: (d) => (d.areas.push(JSON.parse('{"id": "__proto__"}') as Rec), d) },
  { name: "constructor area id", codes: ["reserved_id"], table: "areas", apply: (d) => (d.areas.push({ id: "constructor" }), d) },
  { name: "duplicate area id", codes: ["duplicate"], table: "areas", apply: (d) => (d.areas.push({ ...d.areas[d.areas.length - 1]! }), d) },
  { name: "parent cycle", codes: ["parent_cycle"], table: "areas", apply: (d) => ((d.areas[d.areas.length - 1]!.parent = d.areas[d.areas.length - 1]!.id), d) },
  { name: "unknown parent", codes: ["unknown_parent"], table: "areas", apply: (d) => ((d.areas[d.areas.length - 1]!.parent = "nowhere"), d) },
  { name: "deep name", codes: ["invalid_type", "unknown_field"], table: "areas", apply: (d) => ((d.areas[0]!.name = { a: { b: { c: { d: {} } } } }), d) },
  { name: "dataset null", codes: ["invalid_type"], table: "", apply: () => null },
  { name: "dataset array", codes: ["invalid_type"], table: "", apply: (d) => [d] },
  { name: "dataset text", codes: ["invalid_type"], table: "", apply: () => "areas" },
  { name: "areas not a list", codes: ["invalid_type"], table: "areas", apply: (d) => ({ ...d, areas: { a: d.areas } }) },
  { name: "no enrolment", codes: ["invalid_type"], table: "enrolment", apply: (d) => ({ areas: d.areas }) },
  { name: "enrolment nested 6000 deep", codes: ["invalid_type"], table: "enrolment", apply: (d) => ({ ...d, enrolment: nested(6000) }) },
  { name: "negative births", codes: ["invalid_value"], table: "births", apply: (d) => ({ ...d, births: [...(d.births ?? []), { area: d.areas[0]!.id, year: 1900, births: -1 }] }) },
  { name: "unknown stage in capacity", codes: ["unknown_stage"], table: "capacity", apply: (d) => ({ ...d, capacity: [...(d.capacity ?? []), { area: e0(d).area, stage: "college", year: 2020, places: 10 }] }) },
  { name: "places in 0 classes", codes: ["inconsistent"], table: "capacity", apply: (d, stage) => ({ ...d, capacity: [{ area: e0(d).area, stage, year: 1999, places: 10, classes: 0 }] }) },
  { name: "closure adding places", codes: ["inconsistent"], table: "plannedPlaces", apply: (d, stage) => ({ ...d, plannedPlaces: [{ area: e0(d).area, stage, year: 2030, places: 100, kind: "closure" }] }) },
  { name: "housing with year and date", codes: ["inconsistent"], table: "housing", apply: (d) => ({ ...d, housing: [{ area: e0(d).area, year: 2030, completionDate: "2029-06-01", dwellings: 10 }] }) },
  { name: "housing with a bad date", codes: ["invalid_value"], table: "housing", apply: (d) => ({ ...d, housing: [{ area: e0(d).area, completionDate: "2029-13-45", dwellings: 10 }] }) },
];

function checkMessages(issues: readonly { message: string; path: readonly (string | number)[] }[]): void {
  for (const i of issues) {
    expect(i.message).not.toMatch(RAW_CONTROL);
    expect(i.message).not.toContain("[object Object]");
    expect(i.message.length).toBeLessThan(1000);
    expect(Array.isArray(i.path)).toBe(true);
  }
}

describe(`fuzz: ${CLASSES.length} classes of bad input`, () => {
  it("each gives located issues of its code from safeParseDataset, never a throw", () => {
    fc.assert(
      fc.property(validCase, fc.constantFrom(...CLASSES), ({ system, input }, bad) => {
        const broken = bad.apply(structuredClone(input) as unknown as Mutable, system.stages[0]!.id);
        const r = safeParseDataset(broken, system);
        expect(r.success, bad.name).toBe(false);
        if (r.success) return;
        checkMessages(r.issues);
        const hit = r.issues.filter((i) => bad.codes.includes(i.code) && (bad.table === "" || i.path[0] === bad.table || i.code === "no_enrolment"));
        expect(hit.length, `${bad.name}: ${r.issues.map((i) => `${i.code} ${i.path.join(".")}`).join("; ")}`).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it("through CSV files and the command line: exit 1, one line per problem, no stack trace", async () => {
    const fileClasses = CLASSES.filter((c) => ["negative pupils", "fractional pupils", "terminal escapes in an area reference", "unknown grade", "duplicate record", "missing record", "unknown parent", "closure adding places"].includes(c.name));
    await fc.assert(
      fc.asyncProperty(validCase, fc.constantFrom(...fileClasses), async ({ system, input }, bad) => {
        const dir = mkdtempSync(join(tmpdir(), "placecast-fuzz-"));
        try {
          await writeDatasetFiles(bad.apply(structuredClone(input) as unknown as Mutable, system.stages[0]!.id) as DatasetInput, join(dir, "data"), "csv");
          const parts: string[] = [];
          const stderr = { write: (t: string) => parts.push(t) > 0 };
          const code = await main(["forecast", "--data", join(dir, "data"), "--out", join(dir, "out"), "--system", system.id === "china" ? "china" : "us-k12", "--quiet"], { stdout: { write: () => true }, stderr });
          const text = parts.join("");
          expect(code, `${bad.name}: ${text}`).toBe(EXIT.data);
          expect(text).not.toMatch(/\n\s+at /);
          expect(text.replace(/\n/g, "")).not.toMatch(RAW_CONTROL);
          expect(text).toMatch(/^placecast: \d+ problems? in the data:\n/);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: Math.ceil(RUNS / 10) },
    );
  });
});
