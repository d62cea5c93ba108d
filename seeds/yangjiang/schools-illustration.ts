/**
 * Builds `seeds/yangjiang/schools-illustration.json`: a filled school-level template for the
 * primary schools of one county, 江城区 (jiangcheng), as an **illustration** of the school view.
 * The plan publishes no school data; every figure here is invented by the method below and
 * marked `provenance: "estimate"`. Run from the repository root:
 * `npx tsx seeds/yangjiang/schools-illustration.ts`. Deterministic (no clock, no randomness).
 *
 * Method (README section "School-level illustration"):
 * - S1 24 schools: 8 urban (城区), 8 town (镇区), 8 rural (乡村), within each class fixed relative
 *   sizes 1.3, 1.2, 1.1, 1.0, 1.0, 0.9, 0.8, 0.7.
 * - S2 shares of the county's primary pupils in 2014: urban 55%, town 30%, rural 15%; each later
 *   year the rural share × 0.90 and the town share × 0.98, the urban share taking the rest (the
 *   plan's diagnosis: pupils move to town-centre schools while village schools empty; the rates
 *   are assumptions, not measurements).
 * - S3 pupils per school, grade and year = the county's seed figure (itself an estimate) × the
 *   school's share, by largest remainder so that schools sum exactly to the county.
 * - S4 places: urban schools 2020 pupils × 0.85, town × 1.05, rural 2014 pupils × 1.10 (built
 *   for the larger cohorts of the past), rounded up to whole classes of 45 × 6 grades.
 * - S5 classes (班数) per grade in 2020: places / 45 / 6 for urban schools (their classes are
 *   full beyond the standard), ⌈pupils / 45⌉ elsewhere.
 */
import { readFileSync, writeFileSync } from "node:fs";

const GRADES = ["P1", "P2", "P3", "P4", "P5", "P6"];
const KINDS = [
  { kind: "urban", zh: "城区", share: 0.55 },
  { kind: "town", zh: "镇区", share: 0.3 },
  { kind: "rural", zh: "乡村", share: 0.15 },
] as const;
const SIZES = [1.3, 1.2, 1.1, 1.0, 1.0, 0.9, 0.8, 0.7];
const NOTE = "illustration: invented by the method of seeds/yangjiang/README.md (School-level illustration), not data";

interface Rec { area: string; year: number; grade: string; pupils: number | null }
const seed = JSON.parse(readFileSync(new URL("./dataset.json", import.meta.url), "utf8")) as { enrolment: Rec[] };
const county = seed.enrolment.filter((r) => r.area === "jiangcheng" && GRADES.includes(r.grade));
const years = [...new Set(county.map((r) => r.year))].sort((a, b) => a - b);

const schools = KINDS.flatMap((k, ki) => SIZES.map((w, i) => ({ id: `jc-${k.kind}-${i + 1}`, kind: k.kind, zh: `${k.zh}第${i + 1}小学（示例）`, en: `${k.kind} primary school ${i + 1} (illustration)`, ki, w })));
const kindShares = new Map<number, number[]>();
let sh = KINDS.map((k) => k.share);
for (const y of years) {
  if (y > years[0]!) {
    const rural = sh[2]! * 0.9;
    const town = sh[1]! * 0.98;
    sh = [1 - rural - town, town, rural];
  }
  kindShares.set(y, sh);
}
const weightSum = SIZES.reduce((a, b) => a + b, 0);
const shareOf = (s: (typeof schools)[number], y: number): number => (kindShares.get(y)![s.ki]! * s.w) / weightSum;

const pupils = new Map<string, number>();
for (const r of county) {
  const total = r.pupils ?? 0;
  const exact = schools.map((s) => total * shareOf(s, r.year));
  const floor = exact.map(Math.floor);
  let rest = total - floor.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - floor[i]!, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) if (rest-- > 0) floor[i]!++;
  schools.forEach((s, i) => pupils.set(`${s.id}|${r.year}|${r.grade}`, floor[i]!));
}
const total = (s: (typeof schools)[number], y: number): number => GRADES.reduce((a, g) => a + pupils.get(`${s.id}|${y}|${g}`)!, 0);
const first = years[0]!;
const last = years[years.length - 1]!;
const places = new Map(schools.map((s) => {
  const raw = s.kind === "urban" ? total(s, last) * 0.85 : s.kind === "town" ? total(s, last) * 1.05 : total(s, first) * 1.1;
  return [s.id, Math.ceil(raw / 270) * 270] as const;
}));

const out = {
  note: NOTE,
  schools: schools.map((s) => ({ id: s.id, name: { zh: s.zh, en: s.en }, area: "jiangcheng", grades: [{ first: "P1", last: "P6" }], sector: "public", urbanRural: s.kind, provenance: "estimate", note: NOTE })),
  schoolEnrolment: schools.flatMap((s) => years.flatMap((y) => GRADES.map((g) => {
    const p = pupils.get(`${s.id}|${y}|${g}`)!;
    const classes = y !== last ? undefined : s.kind === "urban" ? places.get(s.id)! / 270 : Math.max(1, Math.ceil(p / 45));
    return { school: s.id, year: y, grade: g, pupils: p, ...(classes === undefined ? {} : { classes }), provenance: "estimate" };
  }))),
  schoolPlaces: schools.map((s) => ({ school: s.id, year: first, places: places.get(s.id)!, provenance: "estimate", note: NOTE })),
};
writeFileSync(new URL("./schools-illustration.json", import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(`${schools.length} schools, ${out.schoolEnrolment.length} enrolment records, years ${first}–${last}`);
