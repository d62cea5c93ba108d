import { defineSchoolSystem } from "../systemIndex.js";
import type { SchoolSystem } from "../schoolSystem.js";

const FLORIDA = "Florida Constitution Art. IX §1(a) (class-size amendment, 2002): at most 18 pupils in PreK–3, 22 in 4–8, 25 in 9–12; an example of a state rule, configure your own state's";

/** Other names of grade n in US files: `Grade 01`, `1st grade` (the readers match them ignoring case and spaces). */
function usGradeAliases(n: number): string[] {
  const suffix = n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th";
  return [`Grade ${String(n).padStart(2, "0")}`, `${n}${suffix} grade`];
}

/**
 * The US K-12 system: elementary K–5 (kindergarten entry at age 5, from births), middle 6–8 and
 * high 9–12. Cut-off 1 September (the most common state cut-off; it varies by state).
 * Class sizes are a state matter: Florida's constitutional maxima are used as the example norm.
 *
 * @example
 * ```ts
 * indexSystem(usK12SchoolSystem).gradeIds // ["K","G1",…,"G12"]
 * ```
 */
export const usK12SchoolSystem: SchoolSystem = defineSchoolSystem({
  id: "us-k12",
  label: { en: "United States K-12" },
  cutoff: {
    value: { month: 9, day: 1 },
    source: "Education Commission of the States, kindergarten entrance age by state: 1 September is the most common cut-off",
  },
  stages: [
    {
      id: "elementary",
      label: { en: "Elementary" },
      entryAge: 5,
      entry: "births",
      standardClassSize: { value: 22, source: FLORIDA },
      grades: [
        { id: "K", label: { en: "Kindergarten" }, aliases: ["KG"], standardClassSize: { value: 18, source: FLORIDA } },
        ...[1, 2, 3].map((n) => ({ id: `G${n}`, label: { en: `Grade ${n}` }, aliases: usGradeAliases(n), standardClassSize: { value: 18, source: FLORIDA } })),
        ...[4, 5].map((n) => ({ id: `G${n}`, label: { en: `Grade ${n}` }, aliases: usGradeAliases(n) })),
      ],
    },
    {
      id: "middle",
      label: { en: "Middle school" },
      entryAge: 11,
      entry: "previous-grade",
      standardClassSize: { value: 22, source: FLORIDA },
      grades: [6, 7, 8].map((n) => ({ id: `G${n}`, label: { en: `Grade ${n}` }, aliases: usGradeAliases(n) })),
    },
    {
      id: "high",
      label: { en: "High school" },
      entryAge: 14,
      entry: "previous-grade",
      standardClassSize: { value: 25, source: FLORIDA },
      grades: [9, 10, 11, 12].map((n) => ({ id: `G${n}`, label: { en: `Grade ${n}` }, aliases: usGradeAliases(n) })),
    },
  ],
  classSizeBands: [{ id: "over-cap", label: { en: "class over the state cap" }, min: "above-standard", source: FLORIDA }],
});
