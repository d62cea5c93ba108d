import { getDate, getMonth, getYear, isValid } from "date-fns";
import type { MonthDay } from "./schoolSystem.js";

declare const schoolYearBrand: unique symbol;

/**
 * A school year labelled by the calendar year it starts in: 2020 means 2020/21.
 * Branded so that a school year is not confused with a birth year or a count.
 */
export type SchoolYear = number & { readonly [schoolYearBrand]: true };

/**
 * Brands an integer as a school year.
 *
 * @throws RangeError when `year` is not an integer in 1800–2300
 * @example
 * ```ts
 * schoolYear(2020) // 2020, meaning 2020/21
 * ```
 */
export function schoolYear(year: number): SchoolYear {
  if (!Number.isInteger(year) || year < 1800 || year > 2300) {
    throw new RangeError(`school year must be an integer between 1800 and 2300, got ${year}`);
  }
  return year as SchoolYear;
}

/**
 * The label of a school year, e.g. `2020/21`.
 *
 * @example
 * ```ts
 * schoolYearLabel(schoolYear(2020)) // "2020/21"
 * ```
 */
export function schoolYearLabel(year: SchoolYear | number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
}

function onOrBeforeCutoff(date: Date, cutoff: MonthDay): boolean {
  const m = getMonth(date) + 1;
  return m < cutoff.month || (m === cutoff.month && getDate(date) <= cutoff.day);
}

function checkDate(date: Date, what: string): void {
  if (!isValid(date)) throw new RangeError(`${what}: invalid date`);
}

/**
 * The birth cohort a date of birth belongs to: children born after the cut-off of year y−1 and
 * on or before the cut-off of year y form cohort y. With the China cut-off (31 August), a child
 * born 2014-08-31 is cohort 2014 and enters P1 (entry age 6) in school year 2020; one born
 * 2014-09-01 is cohort 2015 and enters in 2021.
 *
 * Formula: cohort = year(d) if (month, day) of d ≤ cut-off, else year(d) + 1.
 *
 * @throws RangeError on an invalid date
 * @example
 * ```ts
 * birthCohort(new Date(2014, 8, 1), { month: 8, day: 31 }) // 2015
 * ```
 */
export function birthCohort(dateOfBirth: Date, cutoff: MonthDay): number {
  checkDate(dateOfBirth, "birthCohort");
  const y = getYear(dateOfBirth);
  return onOrBeforeCutoff(dateOfBirth, cutoff) ? y : y + 1;
}

/**
 * The school year in which a child born on `dateOfBirth` enters a stage with entry age `entryAge`.
 *
 * Formula: birthCohort(d) + entryAge.
 *
 * @example
 * ```ts
 * entrySchoolYear(new Date(2014, 7, 31), 6, { month: 8, day: 31 }) // 2020
 * ```
 */
export function entrySchoolYear(dateOfBirth: Date, entryAge: number, cutoff: MonthDay): SchoolYear {
  return schoolYear(birthCohort(dateOfBirth, cutoff) + entryAge);
}

/**
 * The first school year a dwelling completed on `completion` is occupied in: completions on or
 * before the cut-off count in that calendar year's school year, later ones in the next.
 *
 * @example
 * ```ts
 * firstSchoolYearOccupied(new Date(2023, 5, 30), { month: 8, day: 31 }) // 2023
 * firstSchoolYearOccupied(new Date(2023, 9, 1), { month: 8, day: 31 })  // 2024
 * ```
 */
export function firstSchoolYearOccupied(completion: Date, cutoff: MonthDay): SchoolYear {
  checkDate(completion, "firstSchoolYearOccupied");
  const y = getYear(completion);
  return schoolYear(onOrBeforeCutoff(completion, cutoff) ? y : y + 1);
}
