/**
 * Builds the Yangjiang seed: `seeds/yangjiang/dataset.json` = { areas, enrolment, births }.
 *
 * Run from the repository root: `npx tsx seeds/yangjiang/build.ts`.
 *
 * Inputs: only the files in `seeds/yangjiang/sources/` (see its README for where they come from).
 * Outputs: `dataset.json`, and the generated section of `README.md` between the
 * `<!-- generated:start -->` and `<!-- generated:end -->` markers (anchor checks and summary
 * tables, computed from the records written to `dataset.json`).
 *
 * The script is deterministic: no clock, no randomness, fixed record order, ties in rounding
 * broken by record order. Running it twice gives byte-identical files.
 *
 * Method (details, formulas and every assumption in README.md):
 * - B0 city births, published points (2007, 2008 registered; 2020, 2021, 2023 resident).
 * - B1 city births, other years: national births × city/national ratio, the ratio interpolated
 *   linearly between the published years and held flat outside them; national births before
 *   2010 held at the 2010 value.
 * - B2 county births: city births × fixed county shares from the 2008 county births, with
 *   江城区 split between jiangcheng and gaoxin; largest-remainder rounding to the city total.
 * - E1 enrolment 2014–2020: county births of year (t − age) × relative grade participation ×
 *   one scale per plan stage group, fitted so that the 2020 city totals equal the plan's
 *   indicator table; largest-remainder rounding so every year's city stage total is an integer
 *   and 2020's equals the plan exactly.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const SOURCES = join(HERE, "sources");

// ---------------------------------------------------------------------------------------------
// Seed definitions and assumptions (each one is listed, with its number, in README.md)
// ---------------------------------------------------------------------------------------------

/** First and last year of the births records written to the dataset. */
const BIRTHS_FIRST = 2005;
const BIRTHS_LAST = 2024;
/** School years of the estimated enrolment history (2020 = 2020/21, the plan's base year). */
const ENROL_FIRST = 2014;
const ENROL_LAST = 2020;
const BASE_YEAR = 2020;

/** A1: national births before the first year of the national series are held at that year's value. */
const NATIONAL_HOLD_NOTE = "national births before 2010 held at the 2010 value (assumption A1)";

/** A2: share of the 2008 births of 江城区 attributed to today's 阳江高新区 (gaoxin). */
const GAOXIN_SHARE_OF_JIANGCHENG = 0.1;

interface AreaDef {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly parent?: string;
  readonly note: string;
}

const CITY = "yangjiang";

const AREAS: readonly AreaDef[] = [
  { id: CITY, name: { zh: "阳江市", en: "Yangjiang" }, note: "prefecture-level city; contains the six county-level units below" },
  { id: "jiangcheng", name: { zh: "江城区", en: "Jiangcheng District" }, parent: CITY, note: "2008 figures: 江城区 less the share assigned to gaoxin (assumption A2)" },
  { id: "yangdong", name: { zh: "阳东区", en: "Yangdong District" }, parent: CITY, note: "阳东县 until 2014" },
  { id: "yangxi", name: { zh: "阳西县", en: "Yangxi County" }, parent: CITY, note: "unchanged unit" },
  { id: "yangchun", name: { zh: "阳春市", en: "Yangchun (county-level city)" }, parent: CITY, note: "unchanged unit" },
  { id: "hailing", name: { zh: "海陵岛经济开发试验区", en: "Hailing Island Economic Development Pilot Zone" }, parent: CITY, note: "2008 figures: the former 海陵区 (abolished 2014)" },
  { id: "gaoxin", name: { zh: "阳江高新区", en: "Yangjiang Hi-tech Zone" }, parent: CITY, note: "阳江滨海新区; 2008 figures: a share of 江城区 (assumption A2)" },
];
const COUNTIES = AREAS.filter((a) => a.parent === CITY).map((a) => a.id);

/**
 * How the 2008 county-level units of table 4-1 map onto today's units: each 2008 unit's births
 * are split among today's units by the given weights.
 */
const UNIT_MAP_2008: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  "江城区": { jiangcheng: 1 - GAOXIN_SHARE_OF_JIANGCHENG, gaoxin: GAOXIN_SHARE_OF_JIANGCHENG },
  "海陵区": { hailing: 1 },
  "阳东县": { yangdong: 1 },
  "阳西县": { yangxi: 1 },
  "阳春市": { yangchun: 1 },
};
/** Today's units whose 2008 figure is the published figure of the same territory. */
const SAME_UNIT_2008: Readonly<Record<string, string>> = { yangdong: "阳东县", yangxi: "阳西县", yangchun: "阳春市" };

interface GradeDef {
  readonly id: string;
  /** Age at the start of the school year; pupils of school year t were born in t − age. */
  readonly age: number;
  /** Plan stage group whose 2020 city total fixes the scale. */
  readonly group: "preschool" | "compulsory" | "senior";
}

const GRADES: readonly GradeDef[] = [
  ...[1, 2, 3].map((n) => ({ id: `K${n}`, age: 2 + n, group: "preschool" as const })),
  ...[1, 2, 3, 4, 5, 6].map((n) => ({ id: `P${n}`, age: 5 + n, group: "compulsory" as const })),
  ...[1, 2, 3].map((n) => ({ id: `J${n}`, age: 11 + n, group: "compulsory" as const })),
  ...[1, 2, 3].map((n) => ({ id: `S${n}`, age: 14 + n, group: "senior" as const })),
];

/** A3: relative preschool participation by grade (younger children enrol less). */
const PRESCHOOL_RELATIVE: Readonly<Record<string, number>> = { K1: 0.85, K2: 0.95, K3: 1.0 };
/** A5: relative senior participation by grade (a little attrition within senior secondary). */
const SENIOR_RELATIVE: Readonly<Record<string, number>> = { S1: 1.0, S2: 0.98, S3: 0.96 };

// ---------------------------------------------------------------------------------------------
// Reading the sources
// ---------------------------------------------------------------------------------------------

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, commas and newlines inside quotes). */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  if (!header) throw new Error("empty CSV");
  return body.map((r, i) => {
    if (r.length !== header.length) throw new Error(`CSV row ${i + 2}: ${r.length} fields, expected ${header.length}`);
    return Object.fromEntries(header.map((h, j) => [h, r[j]!]));
  });
}

function readSource(name: string): string {
  return readFileSync(join(SOURCES, name), "utf8");
}

function toInt(text: string, what: string): number {
  const v = Number(text);
  if (!Number.isInteger(v)) throw new Error(`${what}: expected an integer, got ${JSON.stringify(text)}`);
  return v;
}

/** National births by year from china_national_births.csv. */
function readNationalBirths(): Map<number, number> {
  const m = new Map<number, number>();
  for (const r of parseCsv(readSource("china_national_births.csv"))) {
    m.set(toInt(r.year!, "national births year"), toInt(r.births!, `national births ${r.year}`));
  }
  return m;
}

interface Published {
  readonly year: number;
  readonly births: number;
  readonly basis: string;
  readonly note: string;
}

/** City births as published, and 2008 births by the 2008 county-level units. */
function readYangjiangBirths(): { city: Published[]; county2008: Map<string, number> } {
  const rows = parseCsv(readSource("yangjiang_figures.csv"));
  const city: Published[] = [];
  const county2008 = new Map<string, number>();
  for (const r of rows) {
    if (r.indicator !== "registered_births" && r.indicator !== "births") continue;
    const year = toInt(r.year!, "year");
    const births = toInt(r.value!, `births ${r.area} ${year}`);
    if (r.area_level === "prefecture") {
      const basis = r.population_basis === "hukou" ? "registered (hukou) births" : "resident births";
      const note =
        r.indicator === "registered_births"
          ? `reported: ${basis}, table 4-1 户籍人口及其变动情况`
          : r.derived === "yes"
            ? `reported: ${basis}, derived from the 2021 阳江市统计公报 (2021 births 1.93万 + 0.32万 fewer than the previous year)`
            : `reported: ${basis}, ${year} 阳江市统计公报 (published in 万, rounded to 100)`;
      city.push({ year, births, basis, note });
    } else if (r.area_level === "county" && year === 2008) {
      const unit = Object.keys(UNIT_MAP_2008).find((u) => r.area!.startsWith(u));
      if (!unit) throw new Error(`no mapping for the 2008 unit ${r.area}`);
      county2008.set(unit, births);
    }
  }
  city.sort((a, b) => a.year - b.year);
  return { city, county2008 };
}

interface PlanFigures {
  readonly preschool: number;
  readonly compulsory: number;
  readonly senior: number;
  /** 九年义务教育巩固率 2020, percent. */
  readonly retention: number;
  readonly lines: Readonly<Record<string, number>>;
}

/**
 * The 2020 column of the plan's indicator table (主要预期指标), read from the excerpt:
 * `<line>\t<group>\t<indicator>\t<2020>\t<2025>\t<属性>`; a row continuing the group above has an
 * empty group cell.
 */
function readPlanFigures(): PlanFigures {
  const found = new Map<string, { value: number; line: number }>();
  let group = "";
  for (const raw of readSource("plan-excerpt.txt").split("\n")) {
    const cells = raw.split("\t");
    if (cells.length !== 6 || !/^\d+$/.test(cells[0]!)) continue;
    const [line, g, indicator, v2020] = cells as [string, string, string, string];
    if (g) group = g;
    const v = Number(v2020);
    if (Number.isFinite(v)) found.set(`${group}/${indicator}`, { value: v, line: Number(line) });
  }
  const get = (key: string) => {
    const f = found.get(key);
    if (!f) throw new Error(`plan excerpt: indicator ${key} not found`);
    return f;
  };
  /** 万人 to persons without floating error: 10.7 → 107000. */
  const wan = (v: number) => Math.round(v * 10000);
  const pre = get("学前教育/在园幼儿（万人）");
  const com = get("九年义务教育/在校生（万人）");
  const sen = get("高中阶段教育/在校生（万人）");
  const ret = get("九年义务教育/九年义务教育巩固率（%）");
  return {
    preschool: wan(pre.value),
    compulsory: wan(com.value),
    senior: wan(sen.value),
    retention: ret.value,
    lines: { preschool: pre.line, compulsory: com.line, senior: sen.line, retention: ret.line },
  };
}

// ---------------------------------------------------------------------------------------------
// Arithmetic
// ---------------------------------------------------------------------------------------------

/**
 * Largest-remainder rounding: integers that sum to `total` (an integer), each the floor of its
 * value plus one for the largest fractional parts. Ties go to the earlier item.
 */
function largestRemainder(values: readonly number[], total: number): number[] {
  if (!Number.isInteger(total)) throw new Error(`largestRemainder: total ${total} is not an integer`);
  const sum = values.reduce((s, v) => s + v, 0);
  // Remove floating drift so that the values sum exactly to the total before flooring.
  const scaled = sum > 0 ? values.map((v) => (v * total) / sum) : values.map(() => 0);
  const floors = scaled.map((v) => Math.floor(v + 1e-9));
  let left = total - floors.reduce((s, v) => s + v, 0);
  const order = scaled
    .map((v, i) => ({ i, rem: v - floors[i]! }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) floors[order[k]!.i]!++;
  if (left < 0) throw new Error("largestRemainder: floors exceed the total");
  return floors;
}

// ---------------------------------------------------------------------------------------------
// Births
// ---------------------------------------------------------------------------------------------

interface CityBirths {
  /** Unrounded city births by year (published values where published). */
  readonly value: Map<number, number>;
  readonly published: Map<number, Published>;
  /** City/national ratio by year. */
  readonly ratio: Map<number, number>;
  readonly national: Map<number, number>;
}

/**
 * B0/B1. City births for `first..last`:
 *   N(y) = national births, N(y) = N(2010) for y < 2010 (A1);
 *   r(y) = B(y) / N(y) at published years y;
 *   r(y) linear between consecutive published years, held at the nearest published year outside;
 *   B(y) = published value where published, else r(y) × N(y).
 */
function cityBirths(first: number, last: number): CityBirths {
  const nat = readNationalBirths();
  const natYears = [...nat.keys()].sort((a, b) => a - b);
  const natFirst = natYears[0]!;
  const natLast = natYears[natYears.length - 1]!;
  const national = new Map<number, number>();
  for (let y = first; y <= last; y++) {
    if (y > natLast) throw new Error(`national births end in ${natLast}; cannot estimate ${y}`);
    national.set(y, nat.get(Math.max(y, natFirst))!);
  }
  const { city } = readYangjiangBirths();
  const published = new Map(city.map((p) => [p.year, p]));
  const known = city.map((p) => ({ year: p.year, r: p.births / national.get(p.year)! }));
  const ratio = new Map<number, number>();
  const value = new Map<number, number>();
  for (let y = first; y <= last; y++) {
    let r: number;
    if (y <= known[0]!.year) r = known[0]!.r;
    else if (y >= known[known.length - 1]!.year) r = known[known.length - 1]!.r;
    else {
      const k = known.findIndex((p) => p.year >= y);
      const a = known[k - 1]!;
      const b = known[k]!;
      r = a.r + ((b.r - a.r) * (y - a.year)) / (b.year - a.year);
    }
    ratio.set(y, r);
    value.set(y, published.get(y)?.births ?? r * national.get(y)!);
  }
  return { value, published, ratio, national };
}

/** B2. County shares of city births, from the 2008 county births mapped onto today's units. */
function countyShares(): { shares: Map<string, number>; births2008: Map<string, number> } {
  const { city, county2008 } = readYangjiangBirths();
  const total = [...county2008.values()].reduce((s, v) => s + v, 0);
  const city2008 = city.find((p) => p.year === 2008)?.births;
  if (total !== city2008) throw new Error(`2008 county births sum to ${total}, city total is ${city2008}`);
  const births2008 = new Map<string, number>(COUNTIES.map((c) => [c, 0]));
  for (const [unit, births] of county2008) {
    for (const [c, w] of Object.entries(UNIT_MAP_2008[unit]!)) births2008.set(c, births2008.get(c)! + births * w);
  }
  const shares = new Map(COUNTIES.map((c) => [c, births2008.get(c)! / total]));
  return { shares, births2008 };
}

// ---------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------

type Provenance = "reported" | "estimate";
interface BirthOut { area: string; year: number; births: number; provenance: Provenance; note: string }
interface EnrolOut { area: string; year: number; grade: string; pupils: number; provenance: Provenance; note: string }

function build() {
  const plan = readPlanFigures();
  const oldestAge = Math.max(...GRADES.map((g) => g.age));
  const youngestAge = Math.min(...GRADES.map((g) => g.age));
  const internalFirst = Math.min(BIRTHS_FIRST, ENROL_FIRST - oldestAge);
  const cb = cityBirths(internalFirst, BIRTHS_LAST);
  const { shares, births2008 } = countyShares();
  if (ENROL_LAST - youngestAge > BIRTHS_LAST) throw new Error("births do not reach the youngest cohort");

  // --- births records ---------------------------------------------------------------------
  const cityRounded = new Map<number, number>();
  for (let y = BIRTHS_FIRST; y <= BIRTHS_LAST; y++) cityRounded.set(y, Math.round(cb.value.get(y)!));
  const countyRounded = new Map<number, number[]>();
  for (let y = BIRTHS_FIRST; y <= BIRTHS_LAST; y++) {
    countyRounded.set(y, largestRemainder(COUNTIES.map((c) => cityRounded.get(y)! * shares.get(c)!), cityRounded.get(y)!));
  }
  const births: BirthOut[] = [];
  for (let y = BIRTHS_FIRST; y <= BIRTHS_LAST; y++) {
    const p = cb.published.get(y);
    births.push({
      area: CITY,
      year: y,
      births: cityRounded.get(y)!,
      provenance: p ? "reported" : "estimate",
      note: p
        ? `B0 ${p.note}`
        : `B1: national births × city/national ratio interpolated between published years${y < 2010 ? `; ${NATIONAL_HOLD_NOTE}` : ""}`,
    });
  }
  COUNTIES.forEach((c, ci) => {
    for (let y = BIRTHS_FIRST; y <= BIRTHS_LAST; y++) {
      const n = countyRounded.get(y)![ci]!;
      const same = SAME_UNIT_2008[c];
      if (y === 2008 && same && Math.abs(births2008.get(c)! - n) < 1e-9) {
        births.push({ area: c, year: y, births: n, provenance: "reported", note: `B0 reported: registered (hukou) births of ${same}, table 4-1 户籍人口及其变动情况` });
      } else {
        births.push({
          area: c,
          year: y,
          births: n,
          provenance: "estimate",
          note: `B2: city births × 2008 county share ${(shares.get(c)! * 100).toFixed(2)}%; largest-remainder rounding to the city total`,
        });
      }
    }
  });

  // --- enrolment: unrounded cells ----------------------------------------------------------
  const retentionPerGrade = Math.pow(plan.retention / 100, 1 / 8); // A4: 8 transitions P1 → J3
  const relative = (g: GradeDef, gi: number): number => {
    if (g.group === "preschool") return PRESCHOOL_RELATIVE[g.id]!;
    if (g.group === "senior") return SENIOR_RELATIVE[g.id]!;
    const k = gi - GRADES.findIndex((x) => x.group === "compulsory");
    return Math.pow(retentionPerGrade, k);
  };
  const countyBirth = (c: string, y: number) => cb.value.get(y)! * shares.get(c)!;
  const raw = (c: string, g: GradeDef, gi: number, t: number) => countyBirth(c, t - g.age) * relative(g, gi);
  const groups = ["preschool", "compulsory", "senior"] as const;
  const anchor: Record<(typeof groups)[number], number> = { preschool: plan.preschool, compulsory: plan.compulsory, senior: plan.senior };
  const scale = {} as Record<(typeof groups)[number], number>;
  for (const grp of groups) {
    let s = 0;
    GRADES.forEach((g, gi) => {
      if (g.group === grp) for (const c of COUNTIES) s += raw(c, g, gi, BASE_YEAR);
    });
    scale[grp] = anchor[grp] / s;
  }

  // --- enrolment: rounding per year and stage group -----------------------------------------
  const pupils = new Map<string, number>(); // `${c}|${t}|${g}`
  for (let t = ENROL_FIRST; t <= ENROL_LAST; t++) {
    for (const grp of groups) {
      const cells: { key: string; v: number }[] = [];
      for (const c of COUNTIES) {
        GRADES.forEach((g, gi) => {
          if (g.group === grp) cells.push({ key: `${c}|${t}|${g.id}`, v: scale[grp] * raw(c, g, gi, t) });
        });
      }
      const total = cells.reduce((s, x) => s + x.v, 0);
      const target = t === BASE_YEAR ? anchor[grp] : Math.round(total);
      const ints = largestRemainder(cells.map((x) => x.v), target);
      cells.forEach((x, i) => pupils.set(x.key, ints[i]!));
    }
  }
  const enrolment: EnrolOut[] = [];
  const noteFor = (g: GradeDef) =>
    `E1: county births of (year − ${g.age}) × ${g.group} participation, scaled so the 2020 city ${g.group} total equals the plan (${anchor[g.group]}); largest-remainder rounding`;
  for (const c of COUNTIES) {
    for (let t = ENROL_FIRST; t <= ENROL_LAST; t++) {
      for (const g of GRADES) {
        enrolment.push({ area: c, year: t, grade: g.id, pupils: pupils.get(`${c}|${t}|${g.id}`)!, provenance: "estimate", note: noteFor(g) });
      }
    }
  }

  const areas = AREAS.map((a) => ({
    id: a.id,
    name: { zh: a.name.zh, en: a.name.en },
    ...(a.parent ? { parent: a.parent } : {}),
    note: a.note,
  }));

  return { dataset: { areas, enrolment, births }, plan, cb, shares, births2008, scale, retentionPerGrade, relative };
}

// ---------------------------------------------------------------------------------------------
// Checks and the generated README section (computed from the written records)
// ---------------------------------------------------------------------------------------------

type Dataset = { areas: { id: string }[]; enrolment: EnrolOut[]; births: BirthOut[] };

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

function summarise(ds: Dataset, b: ReturnType<typeof build>): string {
  const { plan, cb, shares, scale } = b;
  const gradeGroup = new Map(GRADES.map((g) => [g.id, g.group]));
  const stageOf = (gid: string) => (gid[0] === "K" ? "preschool" : gid[0] === "P" ? "primary" : gid[0] === "J" ? "junior" : "senior");
  const sum = (f: (r: EnrolOut) => boolean) => ds.enrolment.filter(f).reduce((s, r) => s + r.pupils, 0);
  const out: string[] = [];

  // Anchors.
  const anchors = [
    { label: "preschool K1–K3 (在园幼儿)", group: "preschool", plan: plan.preschool, line: plan.lines.preschool!, published: "10.7万" },
    { label: "primary + junior P1–J3 (九年义务教育在校生)", group: "compulsory", plan: plan.compulsory, line: plan.lines.compulsory!, published: "36.5万" },
    { label: "senior S1–S3 (高中阶段教育在校生)", group: "senior", plan: plan.senior, line: plan.lines.senior!, published: "4.9万" },
  ];
  out.push("### Anchors matched: 2020 city totals", "");
  out.push("Sums of the 2020 enrolment records in `dataset.json` over the six county-level units, against the plan's indicator table (主要预期指标, 2020 column).", "");
  out.push("| stage group | sum of records, 2020 | plan, 2020 | plan line | difference |", "|---|---:|---:|---:|---:|");
  for (const a of anchors) {
    const s = sum((r) => r.year === BASE_YEAR && gradeGroup.get(r.grade) === a.group);
    if (s !== a.plan) throw new Error(`anchor ${a.group}: records sum to ${s}, plan says ${a.plan}`);
    out.push(`| ${a.label} | ${fmt(s)} | ${fmt(a.plan)} (${a.published}) | ${a.line} | ${s - a.plan} |`);
  }
  out.push("");

  // County totals 2020.
  out.push("### 2020 pupils by county-level unit and stage (estimates)", "");
  out.push("| area | preschool | primary | junior | senior | total |", "|---|---:|---:|---:|---:|---:|");
  const stages = ["preschool", "primary", "junior", "senior"];
  const colTotals = [0, 0, 0, 0];
  for (const c of COUNTIES) {
    const v = stages.map((s) => sum((r) => r.area === c && r.year === BASE_YEAR && stageOf(r.grade) === s));
    v.forEach((x, i) => (colTotals[i]! += x));
    out.push(`| ${c} | ${v.map(fmt).join(" | ")} | ${fmt(v.reduce((s, x) => s + x, 0))} |`);
  }
  out.push(`| **city** | ${colTotals.map(fmt).join(" | ")} | ${fmt(colTotals.reduce((s, x) => s + x, 0))} |`, "");

  // City totals by year.
  out.push("### City totals by school year (estimates)", "");
  out.push("| school year | preschool | primary | junior | senior | primary + junior |", "|---|---:|---:|---:|---:|---:|");
  for (let t = ENROL_FIRST; t <= ENROL_LAST; t++) {
    const v = stages.map((s) => sum((r) => r.year === t && stageOf(r.grade) === s));
    out.push(`| ${t} | ${v.map(fmt).join(" | ")} | ${fmt(v[1]! + v[2]!)} |`);
  }
  out.push("");

  // City pupils by grade, 2020, and progression ratios.
  const cityGrade = (g: string, t: number) => sum((r) => r.year === t && r.grade === g);
  out.push("### City progression ratios (pupils in grade g+1 in year t+1 / pupils in grade g in year t)", "");
  out.push("Computed from the rounded records, city level; min and max over the transitions 2014→2015 … 2019→2020.", "");
  out.push("| from → to | min | max |", "|---|---:|---:|");
  for (let i = 0; i + 1 < GRADES.length; i++) {
    const g = GRADES[i]!.id;
    const h = GRADES[i + 1]!.id;
    const rs: number[] = [];
    for (let t = ENROL_FIRST; t < ENROL_LAST; t++) rs.push(cityGrade(h, t + 1) / cityGrade(g, t));
    const note = g === "K3" ? " (not a progression: P1 enters from births)" : "";
    out.push(`| ${g} → ${h}${note} | ${Math.min(...rs).toFixed(3)} | ${Math.max(...rs).toFixed(3)} |`);
  }
  out.push("");
  const entry = (g: string, age: number) => {
    const rs: number[] = [];
    for (let t = ENROL_FIRST; t <= ENROL_LAST; t++) {
      const bi = ds.births.find((x) => x.area === CITY && x.year === t - age);
      if (bi) rs.push(cityGrade(g, t) / bi.births);
    }
    return `${Math.min(...rs).toFixed(3)}–${Math.max(...rs).toFixed(3)}`;
  };
  out.push(`Entry ratios against the city births records: K1 / births (t − 3) ${entry("K1", 3)}; P1 / births (t − 6) ${entry("P1", 6)} (school years whose cohort has a births record, i.e. born ${BIRTHS_FIRST} or later).`, "");

  // Births.
  out.push("### City births", "");
  out.push("| year | births | provenance | national births used | city/national ratio |", "|---|---:|---|---:|---:|");
  for (const r of ds.births.filter((x) => x.area === CITY)) {
    out.push(`| ${r.year} | ${fmt(r.births)} | ${r.provenance} | ${fmt(cb.national.get(r.year)!)}${r.year < 2010 ? " (A1)" : ""} | ${(cb.ratio.get(r.year)! * 1000).toFixed(3)}‰ |`);
  }
  out.push("");
  for (let y = BIRTHS_FIRST; y <= BIRTHS_LAST; y++) {
    const city = ds.births.find((x) => x.area === CITY && x.year === y)!.births;
    const counties = ds.births.filter((x) => x.area !== CITY && x.year === y).reduce((s, x) => s + x.births, 0);
    if (city !== counties) throw new Error(`births ${y}: counties sum to ${counties}, city is ${city}`);
  }
  out.push("County births sum exactly to the city births in every year (checked by the build).", "");

  // Shares and fitted scales.
  out.push("### County shares of births (B2) and fitted stage scales (E1)", "");
  out.push("| area | 2008 births mapped | share |", "|---|---:|---:|");
  for (const c of COUNTIES) out.push(`| ${c} | ${b.births2008.get(c)!.toFixed(1)} | ${(shares.get(c)! * 100).toFixed(3)}% |`);
  out.push("");
  const fig = (area: string, year: number, indicator: string) => {
    const r = parseCsv(readSource("yangjiang_figures.csv")).find((x) => x.area!.startsWith(area) && x.year === String(year) && x.indicator === indicator);
    if (!r) throw new Error(`figure ${area} ${year} ${indicator} not found`);
    return Number(r.value);
  };
  const ydPop = fig("阳东区", 2020, "census_resident_population");
  const cityPop = fig("阳江市", 2020, "census_resident_population");
  out.push(
    `Check of the fixed shares against the one 2020 county-level anchor: 阳东区 had ${fmt(ydPop)} of the city's ${fmt(cityPop)} census residents in 2020, ` +
      `a population share of ${((ydPop / cityPop) * 100).toFixed(2)}%, against its births share of ${(shares.get("yangdong")! * 100).toFixed(2)}% used here (assumption A6).`,
    "",
  );
  const sen06 = fig("阳江市", 2006, "senior_secondary_general_new_entrants");
  const jun06 = fig("阳江市", 2006, "junior_secondary_students");
  out.push(
    `Check of J3 → S1 against the 2006 city figures: general senior new entrants ${fmt(sen06)} / (junior students ${fmt(jun06)} / 3) = ${(sen06 / (jun06 / 3)).toFixed(3)}; ` +
      `the ratio implied here (unrounded) by the plan's 2020 totals is ${(scale.senior / scale.compulsory / Math.pow(b.retentionPerGrade, 8)).toFixed(3)}.`,
    "",
  );
  out.push(`Per-grade compulsory retention factor ρ = ${(plan.retention / 100).toFixed(3)}^(1/8) = ${b.retentionPerGrade.toFixed(5)}.`, "");
  out.push("Fitted scales s (pupils per birth of the cohort, for relative participation 1):", "");
  out.push(`- preschool: ${scale.preschool.toFixed(4)}`);
  out.push(`- primary + junior: ${scale.compulsory.toFixed(4)}`);
  out.push(`- senior: ${scale.senior.toFixed(4)}`);
  out.push("");
  return out.join("\n");
}

function main() {
  const b = build();
  // One record per line: readable diffs, stable order.
  const part = (name: string, rows: readonly unknown[]) => `  ${JSON.stringify(name)}: [\n${rows.map((r) => `    ${JSON.stringify(r)}`).join(",\n")}\n  ]`;
  const d = b.dataset;
  const json = `{\n${[part("areas", d.areas), part("enrolment", d.enrolment), part("births", d.births)].join(",\n")}\n}\n`;
  const datasetPath = join(HERE, "dataset.json");
  writeFileSync(datasetPath, json);
  // Checks and tables are computed from the file as written.
  const written = JSON.parse(readFileSync(datasetPath, "utf8")) as Dataset;
  const section = summarise(written, b);
  const readmePath = join(HERE, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const START = "<!-- generated:start (by build.ts; do not edit by hand) -->";
  const END = "<!-- generated:end -->";
  const i = readme.indexOf(START);
  const j = readme.indexOf(END);
  if (i < 0 || j < i) throw new Error(`README.md lacks the markers ${START} … ${END}`);
  writeFileSync(readmePath, readme.slice(0, i + START.length) + "\n\n" + section + "\n" + readme.slice(j));
  console.log(
    `wrote ${datasetPath}: ${written.areas.length} areas, ${written.enrolment.length} enrolment records, ${written.births.length} births records; README.md tables updated`,
  );
}

main();
