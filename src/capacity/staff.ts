import { sourced, type Sourced } from "../domain/sourced.js";
import type { Assessment } from "./assess.js";

/** A staffing norm of one stage: staff per pupil, or staff per class (kindergartens). */
export type StaffNorm =
  | {
      readonly stage: string;
      readonly kind: "pupils-per-staff";
      /** Pupils per member of staff (教职工与学生比 1 : x). */
      readonly pupilsPerStaff: Sourced<number>;
    }
  | {
      readonly stage: string;
      readonly kind: "per-class";
      /** Full-time teachers per class (专任教师). */
      readonly teachersPerClass: Sourced<number>;
      /** Carers per class (保育员). */
      readonly carersPerClass: Sourced<number>;
      /** Children per member of staff, all staff (教职工与幼儿比 1 : high … 1 : low). */
      readonly pupilsPerStaff: Sourced<{ readonly low: number; readonly high: number }>;
    };

const UNIFIED_2014 =
  "中央编办、教育部、财政部《关于统一城乡中小学教职工编制标准的通知》(中央编办发〔2014〕72号): 教职工与学生比 高中 1:12.5, 初中 1:13.5, 小学 1:19 (figures as cited in placecast issue 15; the notice's text was not found in the sources searched, so check them against it). The Yangjiang plan line 475 commits to 落实城乡统一中小学教职工编制标准";
const KINDERGARTEN_2013 =
  "教育部《幼儿园教职工配备标准（暂行）》(2013): 全日制幼儿园教职工与幼儿比 1:5–1:7, 保教人员与幼儿比 1:7–1:9; 全日制幼儿园每班配备2名专任教师和1名保育员，或配备3名专任教师 (as reported by 新华社, wanbao.xyxww.com.cn/html/2013-01/28/content_86039.htm, and m.handmsg.com/page/2013/0412/28118664.shtml)";

/**
 * China's staffing norms: primary 19, junior 13.5 and senior 12.5 pupils per member of staff
 * (the unified urban–rural norms of 2014); full-day kindergartens 2 teachers and 1 carer per
 * class, and 5 to 7 children per member of staff (2013 standard).
 *
 * @example
 * ```ts
 * chinaStaffNorms.map((n) => n.stage) // ["preschool", "primary", "junior", "senior"]
 * ```
 */
export const chinaStaffNorms: readonly StaffNorm[] = Object.freeze([
  {
    stage: "preschool",
    kind: "per-class",
    teachersPerClass: sourced(2, KINDERGARTEN_2013),
    carersPerClass: sourced(1, KINDERGARTEN_2013),
    pupilsPerStaff: sourced({ low: 5, high: 7 }, KINDERGARTEN_2013),
  },
  { stage: "primary", kind: "pupils-per-staff", pupilsPerStaff: sourced(19, UNIFIED_2014) },
  { stage: "junior", kind: "pupils-per-staff", pupilsPerStaff: sourced(13.5, UNIFIED_2014) },
  { stage: "senior", kind: "pupils-per-staff", pupilsPerStaff: sourced(12.5, UNIFIED_2014) },
] satisfies StaffNorm[]);

/** Staff in post (or posts established, 编制) in one stage of one area in one year; a dataset's `staff` records fit. */
export interface StaffCount {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  readonly staff: number;
  readonly source?: string;
}

/** Staff a stage needs by its norm, against the staff in post when known. */
export interface StaffDemand {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  readonly pupils: number;
  /** Classes the pupils need at the standard size (`classesNeeded` of the assessment). */
  readonly classes: number;
  /** All staff (教职工) the norm asks for: pupils / ratio (a range for kindergartens: pupils / 7 … pupils / 5). */
  readonly staff: { readonly low: number; readonly high: number };
  /** Per-class norms: teachers and carers (classes × per-class figures); null under a pupil ratio. */
  readonly teachers: number | null;
  readonly carers: number | null;
  /** Staff in post, when given. */
  readonly current: number | null;
  /** `short` when current < low; `above` when current > high; `within` otherwise; `unknown` without current staff. */
  readonly status: "short" | "within" | "above" | "unknown";
  /** current − low when short, current − high when above, 0 within; null when unknown. */
  readonly balance: number | null;
  readonly source: string;
}

/**
 * Staff needed per area, stage and year from the pupils of an assessment and sourced norms,
 * against the staff in post when given. Stages without a norm are left out.
 *
 * Formulas (n pupils, c classes needed at the standard size):
 * - pupils-per-staff norm r: staff = n / r (low = high);
 * - per-class norm (kindergartens): teachers = c · t, carers = c · k, all staff n / high … n / low.
 * Nothing is rounded (staff posts are whole; round when presenting).
 *
 * @param rows - assessment rows (any level)
 * @param norms - staffing norms per stage, e.g. `chinaStaffNorms`
 * @param current - staff in post per area, stage and year
 * @throws RangeError when a norm's ratio is not positive, a stage has two norms, or a staff count is not a non-negative finite number
 * @example
 * ```ts
 * const [d] = staffDemand([row], chinaStaffNorms); // row: primary, 1,900 pupils
 * d.staff.low // 100
 * ```
 */
export function staffDemand(rows: readonly Assessment[], norms: readonly StaffNorm[], current: readonly StaffCount[] = []): StaffDemand[] {
  const byStage = new Map<string, StaffNorm>();
  for (const n of norms) {
    if (byStage.has(n.stage)) throw new RangeError(`staffDemand: stage ${n.stage} has two norms`);
    const positive = n.kind === "pupils-per-staff" ? [n.pupilsPerStaff.value] : [n.pupilsPerStaff.value.low, n.pupilsPerStaff.value.high, n.teachersPerClass.value];
    const ok = positive.every((x) => Number.isFinite(x) && x > 0) && (n.kind === "pupils-per-staff" || (Number.isFinite(n.carersPerClass.value) && n.carersPerClass.value >= 0));
    if (!ok) throw new RangeError(`staffDemand: the norm of ${n.stage} must have positive finite ratios and teachers per class (carers per class may be 0)`);
    if (n.kind === "per-class" && n.pupilsPerStaff.value.low > n.pupilsPerStaff.value.high) throw new RangeError(`staffDemand: the norm of ${n.stage}: low pupils per staff (${n.pupilsPerStaff.value.low}) is above high (${n.pupilsPerStaff.value.high})`);
    byStage.set(n.stage, n);
  }
  const staffAt = new Map<string, number>();
  current.forEach((c, i) => {
    if (typeof c.staff !== "number" || !Number.isFinite(c.staff) || c.staff < 0) throw new RangeError(`staffDemand: current[${i}] (area ${c.area}, stage ${c.stage}, year ${c.year}): staff must be a non-negative number, got ${String(c.staff)}`);
    staffAt.set(`${c.area}\u0000${c.stage}\u0000${c.year}`, c.staff);
  });
  const out: StaffDemand[] = [];
  for (const r of rows) {
    const n = byStage.get(r.stage);
    if (!n) continue;
    const classes = r.classesNeeded;
    const staff = n.kind === "pupils-per-staff" ? { low: r.pupils / n.pupilsPerStaff.value, high: r.pupils / n.pupilsPerStaff.value } : { low: r.pupils / n.pupilsPerStaff.value.high, high: r.pupils / n.pupilsPerStaff.value.low };
    const cur = staffAt.get(`${r.area}\u0000${r.stage}\u0000${r.year}`) ?? null;
    const status = cur === null ? "unknown" : cur < staff.low ? "short" : cur > staff.high ? "above" : "within";
    out.push({
      area: r.area,
      stage: r.stage,
      year: r.year,
      pupils: r.pupils,
      classes,
      staff,
      teachers: n.kind === "per-class" ? classes * n.teachersPerClass.value : null,
      carers: n.kind === "per-class" ? classes * n.carersPerClass.value : null,
      current: cur,
      status,
      balance: cur === null ? null : status === "short" ? cur - staff.low : status === "above" ? cur - staff.high : 0,
      source: n.pupilsPerStaff.source,
    });
  }
  return out;
}
