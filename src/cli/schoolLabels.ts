/**
 * Labels of the command line's school tables (issue 16), read by `presentTable`: headers in
 * English (with units) and Chinese, sheet names, coded values in Chinese, and which columns are
 * counts (whole numbers) or shares (percent). Kept apart from present.ts so that the school
 * tables' labels live in one place.
 */

/** Headers of the school tables' columns (keys not already in the result tables' headers). */
export const SCHOOL_HEADERS: Readonly<Record<string, readonly [string, string]>> = {
  school: ["school", "学校代码"],
  school_name: ["school_name", "学校名称"],
  raw: ["before_reconciliation", "平衡前预测（人）"],
  adjustment: ["reconciliation_adjustment", "平衡调整（人）"],
  classes: ["classes", "班数（个）"],
  classes_basis: ["classes_basis", "班数来源"],
  pupils_over_standard: ["pupils_over_standard", "超标准班额学生（人）"],
  schools: ["schools", "学校数（所）"],
  schools_short: ["schools_short", "缺学位学校数（所）"],
  short_by: ["short_by", "缺学位数（个）"],
  schools_under_used: ["schools_under_used", "使用率偏低学校数（所）"],
  spare_in_under_used: ["spare_in_under_used", "使用率偏低学校空余学位（个）"],
  net_surplus: ["net_surplus", "净学位余缺（个）"],
  share_over_standard: ["share_over_standard_pct", "超标准班额学生占比（%）"],
  summary: ["summary", "概况"],
};

/** Sheet names (and Chinese CSV file stems) of the school tables. */
export const SCHOOL_SHEETS: Readonly<Record<string, string>> = {
  school_pupils: "学校在校生预测",
  school_places: "学校学位评估",
  school_areas: "片区学校预警",
};

/** Coded values of the school tables, in Chinese. */
export const SCHOOL_VALUES_ZH: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  classes_basis: { reported: "上报班数", standard: "按标准班额推算", mixed: "部分年级上报" },
  topic: { schools: "学校预测" },
};

/** Columns of whole pupils or places. */
export const SCHOOL_COUNTS: ReadonlySet<string> = new Set(["raw", "adjustment", "short_by", "spare_in_under_used", "net_surplus", "pupils_over_standard"]);
/** Columns of shares held as fractions (shown as percent). */
export const SCHOOL_SHARES: ReadonlySet<string> = new Set(["share_over_standard"]);
