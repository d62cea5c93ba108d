import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandsForStage, chinaSchoolSystem } from "../../src/index.js";
import { classesForMaxSize, classesInRange, derivedClasses, evenSpread, organiseClasses, wholePupils } from "../../src/capacity/classes.js";

// China primary: standard 45 (GB 50099-2011), bands 46–55 oversized, 56–65 大班额, 66+ 超大班额
// (教育部 2018), as defined in src/domain/systems/china.ts.
const primaryBands = bandsForStage(chinaSchoolSystem, "primary");
const primary = (pupils: number, classes: number) => organiseClasses({ pupils, classes, standardClassSize: 45, bands: primaryBands, eliminateFrom: 56 });

describe("evenSpread", () => {
  it("spreads pupils as evenly as the classes allow", () => {
    // 111 pupils in 2 classes: ⌊111/2⌋ = 55, 111 mod 2 = 1 → one class of 56, one of 55.
    expect(evenSpread(111, 2)).toEqual({ pupils: 111, classes: 2, smallSize: 55, largeSize: 56, smallClasses: 1, largeClasses: 1 });
    // 500 in 9: ⌊500/9⌋ = 55, 500 − 9·55 = 5 → five of 56 and four of 55.
    expect(evenSpread(500, 9)).toEqual({ pupils: 500, classes: 9, smallSize: 55, largeSize: 56, smallClasses: 4, largeClasses: 5 });
    // 90 in 2 divides exactly: two of 45.
    expect(evenSpread(90, 2)).toEqual({ pupils: 90, classes: 2, smallSize: 45, largeSize: 45, smallClasses: 2, largeClasses: 0 });
    expect(evenSpread(0, 3)).toEqual({ pupils: 0, classes: 3, smallSize: 0, largeSize: 0, smallClasses: 3, largeClasses: 0 });
  });

  it("refuses fractional pupils and zero classes", () => {
    expect(() => evenSpread(10.5, 2)).toThrow(RangeError);
    expect(() => evenSpread(-1, 2)).toThrow(RangeError);
    expect(() => evenSpread(10, 0)).toThrow(/classes must be a positive integer/);
  });

  it("law: class counts sum to the classes, sizes sum to the pupils, sizes differ by at most 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 3_000 }), (n, c) => {
        const s = evenSpread(n, c);
        expect(s.smallClasses + s.largeClasses).toBe(c);
        expect(s.smallClasses * s.smallSize + s.largeClasses * s.largeSize).toBe(n);
        expect(s.largeSize - s.smallSize).toBeLessThanOrEqual(1);
        expect(s.largeSize).toBe(Math.ceil(n / c));
        expect(s.smallSize).toBe(Math.floor(n / c));
      }),
    );
  });

  it("law: band counts plus classes at or below the standard sum to the classes available", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 1, max: 1_500 }), (n, c) => {
        const o = primary(n, c);
        const s = o.spread!;
        const belowBands = classesInRange(s, 0, 45);
        expect(belowBands + (o.bandCounts.oversized ?? 0) + (o.bandCounts.large ?? 0) + (o.bandCounts["super-large"] ?? 0)).toBe(c);
        expect(o.atOrAbove.large).toBe((o.bandCounts.large ?? 0) + (o.bandCounts["super-large"] ?? 0));
        // pupils in the counted classes sum to the pupils
        expect(s.smallClasses * s.smallSize + s.largeClasses * s.largeSize).toBe(n);
      }),
    );
  });
});

describe("organiseClasses: worked examples at the 45 / 55 / 56 / 65 / 66 boundaries (primary, standard 45)", () => {
  it("90 pupils in 2 classes: two of 45, at the standard", () => {
    const o = primary(90, 2);
    expect(o.bandCounts).toEqual({ oversized: 0, large: 0, "super-large": 0 });
    expect(o.classesNeeded).toBe(2); // ⌈90/45⌉
    expect(o.extraClassesForStandard).toBe(0);
    expect(o.averageClassSize).toBe(45);
  });

  it("91 pupils in 2 classes: 46 + 45, one oversized", () => {
    const o = primary(91, 2);
    expect(o.bandCounts).toEqual({ oversized: 1, large: 0, "super-large": 0 });
    expect(o.classesNeeded).toBe(3); // ⌈91/45⌉ = 3
    expect(o.extraClassesForStandard).toBe(1); // 3 − 2
    expect(o.placesForStandard).toBe(45); // 1 class × 45
    expect(o.classesNeededNoLarge).toBe(2); // ⌈91/55⌉ = 2
    expect(o.extraClassesNoLarge).toBe(0);
  });

  it("110 pupils in 2 classes: 55 + 55, both oversized, none of 56+", () => {
    const o = primary(110, 2);
    expect(o.bandCounts).toEqual({ oversized: 2, large: 0, "super-large": 0 });
    expect(o.breaches).toEqual({ oversized: true, large: false, "super-large": false });
    expect(o.classesToEliminate).toBe(0);
    expect(o.classesNeededNoLarge).toBe(2); // ⌈110/55⌉
  });

  it("111 pupils in 2 classes: 56 + 55, one 大班额", () => {
    const o = primary(111, 2);
    expect(o.bandCounts).toEqual({ oversized: 1, large: 1, "super-large": 0 });
    expect(o.largestClassSize).toBe(56);
    expect(o.classesToEliminate).toBe(1);
    expect(o.classesNeededNoLarge).toBe(3); // ⌈111/55⌉ = 3 (111/55 = 2.02)
    expect(o.extraClassesNoLarge).toBe(1);
    expect(o.placesNoLarge).toBe(45); // the added class is built at the standard 45
    expect(o.classesNeeded).toBe(3); // ⌈111/45⌉ = 3 (2.47)
  });

  it("130 pupils in 2 classes: 65 + 65, both 大班额", () => {
    const o = primary(130, 2);
    expect(o.bandCounts).toEqual({ oversized: 0, large: 2, "super-large": 0 });
    expect(o.atOrAbove).toEqual({ oversized: 2, large: 2, "super-large": 0 });
  });

  it("131 pupils in 2 classes: 66 + 65, one 超大班额", () => {
    const o = primary(131, 2);
    expect(o.bandCounts).toEqual({ oversized: 0, large: 1, "super-large": 1 });
    expect(o.atOrAbove).toEqual({ oversized: 2, large: 2, "super-large": 1 });
    expect(o.classesNeededNoLarge).toBe(3); // ⌈131/55⌉ = 3 (2.38)
    expect(o.classesNeeded).toBe(3); // ⌈131/45⌉ = 3 (2.91)
  });

  it("132 pupils in 2 classes: 66 + 66, both 超大班额", () => {
    const o = primary(132, 2);
    expect(o.bandCounts).toEqual({ oversized: 0, large: 0, "super-large": 2 });
  });

  it("500 pupils in 9 classes: five of 56 and four of 55", () => {
    const o = primary(500, 9);
    expect(o.bandCounts).toEqual({ oversized: 4, large: 5, "super-large": 0 });
    expect(o.classesNeededNoLarge).toBe(10); // ⌈500/55⌉ = 10 (9.09)
    expect(o.classesNeeded).toBe(12); // ⌈500/45⌉ = 12 (11.1)
    expect(o.extraClassesForStandard).toBe(3);
    expect(o.placesForStandard).toBe(135); // 3 × 45
  });

  it("rounds pupils to the nearest whole pupil for class counts only", () => {
    // 110.4 → 110: 55 + 55; 110.5 → 111: 56 + 55.
    expect(primary(110.4, 2).bandCounts.large).toBe(0);
    expect(primary(110.5, 2).bandCounts.large).toBe(1);
    expect(wholePupils(110.5)).toBe(111);
  });

  it("pupils with no classes breach every band", () => {
    const o = primary(10, 0);
    expect(o.spread).toBeNull();
    expect(o.averageClassSize).toBeNull();
    expect(o.breaches).toEqual({ oversized: true, large: true, "super-large": true });
    expect(o.classesNeeded).toBe(1);
    expect(primary(0, 0).breaches).toEqual({ oversized: false, large: false, "super-large": false });
  });

  it("preschool's oversized band starts above its stage standard of 30 (幼儿园工作规程); 大班额 applies", () => {
    const o = organiseClasses({ pupils: 112, classes: 2, standardClassSize: 30, bands: bandsForStage(chinaSchoolSystem, "preschool"), eliminateFrom: 56 });
    expect(o.bandCounts).toEqual({ oversized: 0, large: 2, "super-large": 0 });
    // 62 pupils in 2 classes of 31: one above the standard of 30, so both are oversized (31–55).
    const p = organiseClasses({ pupils: 62, classes: 2, standardClassSize: 30, bands: bandsForStage(chinaSchoolSystem, "preschool") });
    expect(p.bandCounts).toEqual({ oversized: 2, large: 0, "super-large": 0 });
    expect(o.classesNeeded).toBe(4); // ⌈112/30⌉ = 4 (3.73)
  });

  it("refuses invalid input", () => {
    expect(() => primary(-1, 2)).toThrow(RangeError);
    expect(() => primary(Number.NaN, 2)).toThrow(RangeError);
    expect(() => primary(10, 1.5)).toThrow(RangeError);
    expect(() => organiseClasses({ pupils: 10, classes: 1, standardClassSize: 0, bands: [] })).toThrow(RangeError);
  });
});

describe("derivedClasses and classesForMaxSize", () => {
  it("derives classes as ⌊places / standard⌋, at least 1 with places", () => {
    expect(derivedClasses(4_500, 45)).toBe(100);
    expect(derivedClasses(4_544, 45)).toBe(100); // 100.98 → 100
    expect(derivedClasses(30, 45)).toBe(1);
    expect(derivedClasses(0, 45)).toBe(0);
  });
  it("finds the fewest classes with no class above a size", () => {
    expect(classesForMaxSize(110, 55)).toBe(2);
    expect(classesForMaxSize(111, 55)).toBe(3);
    expect(classesForMaxSize(0, 55)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 80 }), (n, m) => {
        const c = classesForMaxSize(n, m);
        expect(Math.ceil(n / c)).toBeLessThanOrEqual(m);
        if (c > 1) expect(Math.ceil(n / (c - 1))).toBeGreaterThan(m);
      }),
    );
  });
});
