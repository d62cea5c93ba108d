import { defineSchoolSystem } from "../systemIndex.js";
import type { SchoolSystem } from "../schoolSystem.js";

const INFANT = "School Standards and Framework Act 1998 s.1 and The School Admissions (Infant Class Sizes) (England) Regulations 2012: infant classes (Reception–Year 2) at most 30 pupils per teacher";
const FORM_OF_ENTRY = "DfE Building Bulletin 103 (2014) and school capacity (SCAP) guidance: planning in forms of entry of 30 pupils";

/**
 * The English system: primary Reception–Year 6 (Reception entry at age 4, from births),
 * secondary Years 7–11 and sixth form Years 12–13. Cut-off 31 August. Class size 30 (statutory
 * for infant classes, the planning form of entry elsewhere).
 *
 * @example
 * ```ts
 * indexSystem(englandSchoolSystem).gradeIds[0] // "R"
 * ```
 */
export const englandSchoolSystem: SchoolSystem = defineSchoolSystem({
  id: "england",
  label: { en: "England (Reception–Year 13)" },
  cutoff: { value: { month: 8, day: 31 }, source: "School Admissions Code 2021 §2.16: the school year runs 1 September–31 August" },
  stages: [
    {
      id: "primary",
      label: { en: "Primary" },
      entryAge: 4,
      entry: "births",
      standardClassSize: { value: 30, source: FORM_OF_ENTRY },
      grades: [
        { id: "R", label: { en: "Reception" }, aliases: ["YR", "Year R"], standardClassSize: { value: 30, source: INFANT } },
        ...[1, 2, 3, 4, 5, 6].map((n) => ({ id: `Y${n}`, label: { en: `Year ${n}` } })),
      ],
    },
    {
      id: "secondary",
      label: { en: "Secondary" },
      entryAge: 11,
      entry: "previous-grade",
      standardClassSize: { value: 30, source: FORM_OF_ENTRY },
      grades: [7, 8, 9, 10, 11].map((n) => ({ id: `Y${n}`, label: { en: `Year ${n}` } })),
    },
    {
      id: "sixth-form",
      label: { en: "Sixth form" },
      entryAge: 16,
      entry: "previous-grade",
      standardClassSize: { value: 30, source: FORM_OF_ENTRY },
      grades: [12, 13].map((n) => ({ id: `Y${n}`, label: { en: `Year ${n}` } })),
    },
  ],
  classSizeBands: [
    { id: "over-30", label: { en: "class over 30" }, min: "above-standard", source: `${INFANT} (statutory for Reception–Year 2); ${FORM_OF_ENTRY} (planning norm for other years)` },
  ],
});
