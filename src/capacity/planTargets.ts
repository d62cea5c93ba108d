import * as z from "zod/mini";
import { zodEnglish } from "../data/zodEnglish.js";
import { DatasetError, issue, type DataIssue } from "../data/issues.js";
import { sectorSchema, type Sector } from "../data/records/capacity.js";
import type { Label } from "../domain/sourced.js";
import type { PlanningLevel } from "./planningLevel.js";

/** Where a target is written in the plan: line number, section path, and the plan's own words. */
export interface PlanLine {
  readonly line: number;
  readonly section: string;
  /** The words of the plan, quoted verbatim from that line. */
  readonly quote: string;
}

/** How a measured value is held against a target value. */
export type Comparator = ">=" | ">" | "<=" | "=";

interface TargetBase {
  readonly id: string;
  readonly label: Label;
  readonly stages: readonly string[];
  readonly at: PlanLine;
  /** A second place the plan states the same target. */
  readonly alsoAt?: PlanLine;
  /** 预期性 (expected) or 约束性 (binding), as the plan's indicator table says. */
  readonly attribute?: string;
  readonly note?: string;
}

/** Pupils of some stages in a year (在园幼儿 11万 in 2025). */
export interface PupilsTarget extends TargetBase {
  readonly kind: "pupils";
  readonly year: number;
  readonly value: number;
  readonly comparator: Comparator;
  readonly baseline?: { readonly year: number; readonly value: number };
}
/** A rate: gross enrolment (pupils / persons of the ages) or cohort retention (巩固率), as a share. */
export interface RateTarget extends TargetBase {
  readonly kind: "rate";
  readonly rate: "gross-enrolment" | "retention";
  readonly year: number;
  readonly value: number;
  readonly comparator: Comparator;
  readonly baseline?: { readonly year: number; readonly value: number; readonly comparator?: Comparator };
}
/** New places over the plan period, in a sector (新增公办学位). */
export interface PlacesTarget extends TargetBase {
  readonly kind: "places";
  readonly period: { readonly from: number; readonly to: number };
  readonly value: number;
  readonly comparator: Comparator;
  readonly sector?: Sector;
  /** The plan counts places bought from private schools in the figure (含政府购买学位数). */
  readonly includesPurchased?: boolean;
}
/**
 * No class above a size by a year: `limit: "standard"` means no class above each stage's
 * standard class size (45 primary, 50 junior); a number n means no class of n or more (56).
 */
export interface ClassSizeTarget extends TargetBase {
  readonly kind: "class-size";
  readonly year: number;
  readonly limit: "standard" | number;
}
/** A share of a stage's pupils in some sectors (公办园在园幼儿占比). */
export interface ShareTarget extends TargetBase {
  readonly kind: "share";
  readonly sectors: readonly Sector[];
  readonly year: number;
  readonly value: number;
  readonly comparator: Comparator;
}
/** Staff at the staffing norms (落实城乡统一中小学教职工编制标准). */
export interface StaffTarget extends TargetBase {
  readonly kind: "staff";
  readonly year: number;
}
/** A quantitative target on something the dataset does not hold (teacher qualifications, schools per town). */
export interface OtherTarget extends TargetBase {
  readonly kind: "other";
  /** What the check would need, e.g. `teacher-qualifications`. */
  readonly needs: string;
  readonly year: number;
  readonly value: number;
  readonly comparator: Comparator;
}

/** One quantitative target of a plan. */
export type PlanTarget = PupilsTarget | RateTarget | PlacesTarget | ClassSizeTarget | ShareTarget | StaffTarget | OtherTarget;

/** The figures of an education plan that placecast checks: every quantitative target, and the planning level per stage. */
export interface PlanTargets {
  readonly period: { readonly from: number; readonly to: number };
  readonly baseYear: number;
  readonly targets: readonly PlanTarget[];
  readonly planningLevels: readonly PlanningLevel[];
}

const label = z.object({ en: z.string().check(z.minLength(1)), zh: z.optional(z.string()) });
const at = z.object({ line: z.int().check(z.positive()), section: z.string().check(z.minLength(1)), quote: z.string().check(z.minLength(1)) });
const comparator = z.enum([">=", ">", "<=", "="]);
const base = {
  id: z.string().check(z.minLength(1)),
  label,
  stages: z.array(z.string().check(z.minLength(1))),
  at,
  alsoAt: z.optional(at),
  attribute: z.optional(z.string()),
  note: z.optional(z.string()),
};
const year = z.int().check(z.gte(1800), z.lte(2300));
const targetSchema = z.discriminatedUnion("kind", [
  z.object({ ...base, kind: z.literal("pupils"), year, value: z.number().check(z.nonnegative()), comparator, baseline: z.optional(z.object({ year, value: z.number().check(z.nonnegative()) })) }),
  z.object({ ...base, kind: z.literal("rate"), rate: z.enum(["gross-enrolment", "retention"]), year, value: z.number().check(z.nonnegative()), comparator, baseline: z.optional(z.object({ year, value: z.number().check(z.nonnegative()), comparator: z.optional(comparator) })) }),
  z.object({ ...base, kind: z.literal("places"), period: z.object({ from: year, to: year }), value: z.number().check(z.nonnegative()), comparator, sector: z.optional(sectorSchema), includesPurchased: z.optional(z.boolean()) }),
  z.object({ ...base, kind: z.literal("class-size"), year, limit: z.union([z.literal("standard"), z.int().check(z.gte(2))]) }),
  z.object({ ...base, kind: z.literal("share"), sectors: z.array(sectorSchema).check(z.minLength(1)), year, value: z.number().check(z.gte(0), z.lte(1)), comparator }),
  z.object({ ...base, kind: z.literal("staff"), year }),
  z.object({ ...base, kind: z.literal("other"), needs: z.string().check(z.minLength(1)), year, value: z.number(), comparator }),
]);
const planJsonSchema = z.object({
  document: z.object({ period: z.object({ from: year, to: year }), baseYear: year }),
  targets: z.array(targetSchema),
  planningLevels: z.optional(z.array(z.object({ stages: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)), level: z.enum(["area", "parent", "root"]), at }))),
});

/** The citation text of a plan line: `section, line n: quote`. */
export function citeLine(a: PlanLine): string {
  return `${a.section}, line ${a.line}: ${a.quote}`;
}

/**
 * Reads a plan in the shape of `seeds/yangjiang/plan.json`: its period and base year, every
 * quantitative target (`targets`, each with the plan line, section and quoted words), and the
 * planning level per stage (`planningLevels`). Other fields are ignored.
 *
 * @throws DatasetError with located issues (`plan.targets.3.value: …`) when the plan does not have that shape
 * @example
 * ```ts
 * const plan = planTargetsFromJson(yangjiangPlan);
 * plan.targets.filter((t) => t.kind === "places").map((t) => t.value) // [14200, 114000, 74000, 40000, 15000]
 * ```
 */
export function planTargetsFromJson(plan: unknown): PlanTargets {
  const r = planJsonSchema.safeParse(plan, { error: zodEnglish });
  if (!r.success) {
    const issues: DataIssue[] = r.error.issues.map((zi) => {
      const path = ["plan", ...zi.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
      return issue(zi.code === "invalid_type" ? "invalid_type" : "invalid_value", path, `plan.${zi.path.join(".")}: ${zi.message}`);
    });
    throw new DatasetError(issues);
  }
  const p = r.data;
  const ids = new Set<string>();
  const dup: DataIssue[] = [];
  p.targets.forEach((t, i) => {
    if (ids.has(t.id)) dup.push(issue("duplicate", ["plan", "targets", i, "id"], `plan.targets.${i}.id: ${JSON.stringify(t.id)} is given twice; target ids must be unique`));
    ids.add(t.id);
  });
  if (dup.length) throw new DatasetError(dup);
  return {
    period: p.document.period,
    baseYear: p.document.baseYear,
    targets: p.targets as PlanTarget[],
    planningLevels: (p.planningLevels ?? []).map((l) => ({ stages: l.stages, level: l.level, source: citeLine(l.at) })),
  };
}
