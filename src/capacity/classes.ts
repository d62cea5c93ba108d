import type { ClassSizeBand } from "../domain/schoolSystem.js";

/**
 * Pupils spread as evenly as a number of classes allows: `largeClasses` classes of `largeSize`
 * pupils and `smallClasses` of `smallSize`, where
 *
 *   smallSize = ⌊n / c⌋,  largeSize = ⌈n / c⌉,  largeClasses = n mod c,  smallClasses = c − (n mod c)
 *
 * (when c divides n, every class has n / c pupils and `largeClasses` is 0). The sizes sum to n and
 * the counts to c.
 */
export interface EvenSpread {
  /** Whole pupils spread over the classes. */
  readonly pupils: number;
  readonly classes: number;
  readonly smallSize: number;
  readonly largeSize: number;
  readonly smallClasses: number;
  readonly largeClasses: number;
}

/**
 * The even-spread class organisation of `pupils` whole pupils in `classes` classes.
 *
 * Formula: q = ⌊n / c⌋, r = n mod c; r classes of q + 1 and c − r classes of q (when r = 0, all
 * c classes have q). This is the assumption behind every class-size count in placecast: real
 * schools are never more even than this, so the counts are a lower bound on breaches.
 *
 * @param pupils - whole pupils n (a non-negative integer)
 * @param classes - classes c (a positive integer)
 * @throws RangeError when `pupils` is not a non-negative integer or `classes` not a positive integer
 * @example
 * ```ts
 * evenSpread(112, 2) // 2 classes of 56: { smallSize: 56, largeSize: 56, smallClasses: 2, largeClasses: 0, … }
 * evenSpread(111, 2) // one class of 56 and one of 55
 * ```
 */
export function evenSpread(pupils: number, classes: number): EvenSpread {
  if (!Number.isInteger(pupils) || pupils < 0) throw new RangeError(`evenSpread: pupils must be a non-negative integer, got ${pupils}`);
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`evenSpread: classes must be a positive integer, got ${classes}`);
  const q = Math.floor(pupils / classes);
  const r = pupils - q * classes;
  return r === 0
    ? { pupils, classes, smallSize: q, largeSize: q, smallClasses: classes, largeClasses: 0 }
    : { pupils, classes, smallSize: q, largeSize: q + 1, smallClasses: classes - r, largeClasses: r };
}

/**
 * How many classes of an even spread have a size inside [min, max] (max open when absent).
 *
 * @example
 * ```ts
 * classesInRange(evenSpread(111, 2), 56) // 1 (the class of 56)
 * classesInRange(evenSpread(111, 2), 46, 55) // 1 (the class of 55)
 * ```
 */
export function classesInRange(spread: EvenSpread, min: number, max: number = Infinity): number {
  const inside = (s: number): boolean => s >= min && s <= max;
  let n = 0;
  if (spread.smallClasses > 0 && inside(spread.smallSize)) n += spread.smallClasses;
  if (spread.largeClasses > 0 && inside(spread.largeSize)) n += spread.largeClasses;
  return n;
}

/**
 * The fewest classes that hold `pupils` with no class above `maxSize`: ⌈n / maxSize⌉ (then the
 * even spread's largest class, ⌈n / c⌉, is at most maxSize). 0 pupils need 0 classes.
 *
 * @throws RangeError when `maxSize` is not a positive integer or `pupils` is negative
 * @example
 * ```ts
 * classesForMaxSize(111, 55) // 3: two classes would hold 56 + 55
 * classesForMaxSize(110, 55) // 2
 * ```
 */
export function classesForMaxSize(pupils: number, maxSize: number): number {
  if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`classesForMaxSize: maxSize must be a positive integer, got ${maxSize}`);
  if (!(pupils >= 0)) throw new RangeError(`classesForMaxSize: pupils must be non-negative, got ${pupils}`);
  return Math.ceil(pupils / maxSize);
}

/**
 * Whole pupils for class organisation: the forecast rounded to the nearest whole pupil.
 *
 * Forecasts are never rounded elsewhere; class counts alone need whole pupils, so this is the one
 * place a pupil figure is rounded, and only for counting classes (a class of 55.4 pupils does not
 * exist). Halves round up (`Math.round`).
 *
 * @example
 * ```ts
 * wholePupils(55.5) // 56
 * ```
 */
export function wholePupils(pupils: number): number {
  return Math.round(pupils);
}

/** Input of `organiseClasses`. */
export interface ClassInput {
  /** Pupils (a forecast, not rounded); rounded with `wholePupils` for class counts only. */
  readonly pupils: number;
  /** Classes available (teaching groups), a non-negative integer. */
  readonly classes: number;
  /** Standard class size of the stage (a positive integer). */
  readonly standardClassSize: number;
  /** Class-size bands of the stage (`bandsForStage`). */
  readonly bands: readonly ClassSizeBand[];
  /**
   * Smallest class size that must be removed (56 for 大班额); undefined when the system has no
   * such rule for the stage.
   */
  readonly eliminateFrom?: number;
}

/** Classes of one stage of one area in one year, organised evenly. */
export interface ClassOrganisation {
  /** Whole pupils organised (`wholePupils` of the input). */
  readonly pupils: number;
  readonly classesAvailable: number;
  readonly standardClassSize: number;
  /** The even spread; null when no classes are available. */
  readonly spread: EvenSpread | null;
  /** n / c, not rounded; null when no classes are available. */
  readonly averageClassSize: number | null;
  /** ⌈n / c⌉; null when no classes are available. */
  readonly largestClassSize: number | null;
  /** Classes inside each band [min, max], by band id (the bands' own ranges: 46–55, 56–65, 66+). */
  readonly bandCounts: Readonly<Record<string, number>>;
  /** Classes at or above each band's minimum, by band id (46+, 56+, 66+). */
  readonly atOrAbove: Readonly<Record<string, number>>;
  /**
   * Whether each band's threshold is reached, by band id: some class has ≥ min pupils, or pupils
   * have no class at all (n > 0 with c = 0).
   */
  readonly breaches: Readonly<Record<string, boolean>>;
  /** Classes needed at the standard size: ⌈n / standard⌉. */
  readonly classesNeeded: number;
  /** Classes to add so that no class is above the standard size: max(0, ⌈n / standard⌉ − c). */
  readonly extraClassesForStandard: number;
  /** Places those classes add when built at the standard size: extra × standard. */
  readonly placesForStandard: number;
  /** The largest class allowed under `eliminateFrom` (55 for 56+); null without the rule. */
  readonly maxClassSize: number | null;
  /** Fewest classes with no class of `eliminateFrom` or more: ⌈n / (eliminateFrom − 1)⌉. */
  readonly classesNeededNoLarge: number | null;
  /** max(0, classesNeededNoLarge − c). */
  readonly extraClassesNoLarge: number | null;
  /** extraClassesNoLarge × standard: places those classes add when built at the standard size. */
  readonly placesNoLarge: number | null;
  /** Classes of `eliminateFrom` or more under the even spread (n > 0 with c = 0 counts as a breach, with 0 classes). */
  readonly classesToEliminate: number | null;
}

/**
 * Organises pupils into the available classes as evenly as possible and counts classes per band,
 * with the classes (and places) needed to reach the standard size and to remove large classes.
 *
 * Formulas (n = whole pupils, c = classes available, s = standard size, L = `eliminateFrom`):
 * - spread: `evenSpread(n, c)`; average n / c; largest ⌈n / c⌉;
 * - band counts: classes with min ≤ size ≤ max; at-or-above counts: size ≥ min;
 * - classes needed = ⌈n / s⌉; extra for the standard = max(0, ⌈n / s⌉ − c), places = extra × s;
 * - no-large: ⌈n / (L − 1)⌉ classes; extra = max(0, ⌈n / (L − 1)⌉ − c), places = extra × s.
 * Pupils with no classes at all (c = 0, n > 0) breach every band: they have no class to sit in.
 *
 * @throws RangeError when classes is not a non-negative integer, pupils is negative or not
 *   finite, the standard size is not a positive integer, or `eliminateFrom` is below 2
 * @example
 * ```ts
 * const o = organiseClasses({ pupils: 111, classes: 2, standardClassSize: 45, bands: bandsForStage(chinaSchoolSystem, "primary"), eliminateFrom: 56 });
 * o.bandCounts // { oversized: 1, large: 1, "super-large": 0 }
 * o.classesNeeded // 3 (⌈111 / 45⌉)
 * o.extraClassesNoLarge // 1 (⌈111 / 55⌉ − 2)
 * ```
 */
export function organiseClasses(input: ClassInput): ClassOrganisation {
  const { classes: c, standardClassSize: s, bands, eliminateFrom } = input;
  if (!Number.isFinite(input.pupils) || input.pupils < 0) throw new RangeError(`organiseClasses: pupils must be a finite non-negative number, got ${input.pupils}`);
  if (!Number.isInteger(c) || c < 0) throw new RangeError(`organiseClasses: classes must be a non-negative integer, got ${c}`);
  if (!Number.isInteger(s) || s < 1) throw new RangeError(`organiseClasses: the standard class size must be a positive integer, got ${s}`);
  if (eliminateFrom !== undefined && (!Number.isInteger(eliminateFrom) || eliminateFrom < 2)) {
    throw new RangeError(`organiseClasses: eliminateFrom must be an integer ≥ 2, got ${eliminateFrom}`);
  }
  const n = wholePupils(input.pupils);
  const spread = c > 0 ? evenSpread(n, c) : null;
  const largest = largestClass(n, c);
  const bandCounts: Record<string, number> = {};
  const atOrAbove: Record<string, number> = {};
  const breaches: Record<string, boolean> = {};
  for (const b of bands) {
    bandCounts[b.id] = spread ? classesInRange(spread, b.min, b.max) : 0;
    atOrAbove[b.id] = spread ? classesInRange(spread, b.min) : 0;
    breaches[b.id] = largest >= b.min;
  }
  const classesNeeded = classesForMaxSize(n, s);
  const extraStd = Math.max(0, classesNeeded - c);
  const maxClassSize = eliminateFrom === undefined ? null : eliminateFrom - 1;
  const needNoLarge = maxClassSize === null ? null : classesForMaxSize(n, maxClassSize);
  const extraNoLarge = needNoLarge === null ? null : Math.max(0, needNoLarge - c);
  return {
    pupils: n,
    classesAvailable: c,
    standardClassSize: s,
    spread,
    averageClassSize: spread ? n / c : null,
    largestClassSize: spread ? spread.largeSize : null,
    bandCounts,
    atOrAbove,
    breaches,
    classesNeeded,
    extraClassesForStandard: extraStd,
    placesForStandard: extraStd * s,
    maxClassSize,
    classesNeededNoLarge: needNoLarge,
    extraClassesNoLarge: extraNoLarge,
    placesNoLarge: extraNoLarge === null ? null : extraNoLarge * s,
    classesToEliminate: eliminateFrom === undefined ? null : spread ? classesInRange(spread, eliminateFrom) : 0,
  };
}

/**
 * Classes available when only places are known: ⌊places / standard⌋, and at least 1 when there
 * are any places (a stage with 30 places and a standard of 45 still has one class). Places are
 * assumed to be organised in classes of the standard size; the result is labelled as derived
 * wherever it is used.
 *
 * @throws RangeError when the standard size is not a positive integer
 * @example
 * ```ts
 * derivedClasses(4_500, 45) // 100
 * derivedClasses(30, 45)    // 1
 * derivedClasses(0, 45)     // 0
 * ```
 */
export function derivedClasses(places: number, standardClassSize: number): number {
  if (!Number.isInteger(standardClassSize) || standardClassSize < 1) {
    throw new RangeError(`derivedClasses: the standard class size must be a positive integer, got ${standardClassSize}`);
  }
  if (!(places > 0)) return 0;
  return Math.max(1, Math.floor(places / standardClassSize));
}

/**
 * Whether `pupils` in `classes` classes, spread evenly, put some class at `min` pupils or more:
 * the one class-size test behind `organiseClasses` (rows), `assessForecast` (cubes) and
 * `simulate` (draws).
 *
 * Formula: with n = `wholePupils(pupils)` and c classes, the largest class is ⌈n / c⌉, so the test
 * is ⌈n / c⌉ ≥ min; with c = 0 any pupil (n > 0) breaches, having no class to sit in.
 *
 * @param pupils - pupils, not rounded (finite, ≥ 0)
 * @param classes - classes available (an integer ≥ 0)
 * @param min - the band's smallest class size
 * @example
 * ```ts
 * reachesBand(111, 2, 56)  // true: classes of 56 and 55
 * reachesBand(110, 2, 56)  // false
 * reachesBand(1, 0, 56)    // true: a pupil with no class
 * ```
 */
export function reachesBand(pupils: number, classes: number, min: number): boolean {
  return largestClass(pupils, classes) >= min;
}

/**
 * The largest class of `pupils` spread evenly over `classes`: ⌈n / c⌉ with n =
 * `wholePupils(pupils)`; Infinity when there are pupils and no class (they breach every band), 0
 * with no pupils and no class. `reachesBand` is `largestClass(n, c) ≥ min`; compute this once
 * to test several bands.
 *
 * @example
 * ```ts
 * largestClass(111, 2) // 56
 * largestClass(5, 0)   // Infinity
 * ```
 */
export function largestClass(pupils: number, classes: number): number {
  const n = wholePupils(pupils);
  return classes > 0 ? Math.ceil(n / classes) : n > 0 ? Infinity : 0;
}

/**
 * The same test as `reachesBand` as one comparison, for loops over many draws: for c whole
 * classes (0 < c < 2³¹) and a whole band minimum, ⌈round(n) / c⌉ ≥ min ⟺ round(n) > (min − 1) c
 * ⟺ n ≥ (min − 1) c + ½ (`Math.round` takes halves up), so `pupils >= bandThreshold(min, c)`
 * decides it with no division. Undefined when c or min is not a whole number in range (use
 * `reachesBand`).
 *
 * @example
 * ```ts
 * bandThreshold(56, 2) // 110.5: 110.5 pupils round to 111, two classes of 56 and 55
 * ```
 */
export function bandThreshold(min: number, classes: number): number | undefined {
  if (!(classes > 0 && classes < 2 ** 31 && Number.isInteger(classes))) return undefined;
  if (!(Number.isInteger(min) && min >= 1 && min < 2 ** 20)) return undefined;
  return (min - 1) * classes + 0.5;
}
