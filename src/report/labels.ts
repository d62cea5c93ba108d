import type { Lang } from "../domain/sourced.js";

/**
 * Every fixed text of the charts and the report, per language. Texts are data: `{name}` marks a
 * slot filled by `fillLabel`. Add a language by adding one object of this shape.
 */
export interface ReportLabels {
  readonly schoolYear: string;
  readonly birthYear: string;
  readonly pupils: string;
  readonly pupilsActual: string;
  readonly pupilsForecast: string;
  readonly places: string;
  /** Slots: lo, hi (percent). */
  readonly interval: string;
  readonly area: string;
  readonly stage: string;
  readonly count: string;
  /** Appended to a title whose figures include estimates. */
  readonly estimateSuffix: string;
  readonly estimateNote: string;
  /** Slots: area. */
  readonly forecastTitle: string;
  /** Slots: area. */
  readonly forecastTitleNoPlaces: string;
  readonly forecastSubtitle: string;
  /** Slots: lo, hi, draws, seed. */
  readonly intervalSubtitle: string;
  readonly heatmapTitle: string;
  readonly heatmapLegend: string;
  readonly heatmapSubtitle: string;
  /** Legend of the heat map coloured by surplus per place. */
  readonly heatmapShareLegend: string;
  readonly heatmapShareSubtitle: string;
  /** Slots: year. */
  readonly heatmapProxyTitle: string;
  /** Slots: year. */
  readonly heatmapProxySubtitle: string;
  /** Slots: min (the band's minimum, or each stage's when they differ: "46 (Primary), 51 (Junior secondary)"). */
  readonly classTitle: string;
  readonly largestClass: string;
  /** Slots: min (as in `classTitle`). */
  readonly classSubtitle: string;
  readonly noClasses: string;
  /** Colour of a class-size cell whose largest class is in no band. */
  readonly withinStandard: string;
  /** Slots: area. */
  readonly birthsTitle: string;
  readonly births: string;
  readonly birthsReported: string;
  readonly birthsEstimate: string;
  readonly birthsProjected: string;
  /** Slots: grade, age. */
  readonly entrants: string;
  readonly birthsSubtitle: string;
  readonly actual: string;
  readonly forecast: string;

  /** Slots: place, from, to. */
  readonly reportTitle: string;
  /** Slots: base, to, areas. */
  readonly reportIntro: string;
  readonly reportEstimateIntro: string;
  readonly summaryHeading: string;
  readonly summaryWithPlaces: string;
  /** Slots: base. */
  readonly summaryNoPlaces: string;
  readonly noFlags: string;
  readonly flag: string;
  readonly years: string;
  readonly worst: string;
  readonly flagShortfall: string;
  readonly flagLowHeadroom: string;
  readonly flagSurplusRisk: string;
  /** Slots: pct. */
  readonly flagProxyGrowth: string;
  /** Slots: pct. */
  readonly flagProxyDecline: string;
  readonly classNotAssessed: string;
  readonly chartsHeading: string;
  readonly countiesHeading: string;
  readonly totalSuffix: string;
  readonly surplus: string;
  readonly measure: string;
  readonly change: string;
  readonly methodHeading: string;
  /** The advice section (`ReportInput.advice`): heading, intro ({risk}, {from}, {to}, {seed}), columns. */
  readonly adviceHeading: string;
  readonly adviceIntro: string;
  readonly adviceColumns: readonly [string, string, string, string, string, string, string];
  readonly advicePlan: string;
  readonly adviceAdvised: string;
  readonly methodCohort: string;
  /** Slots: methods. */
  readonly methodRatios: string;
  /** Slots: method. */
  readonly methodBirths: string;
  /** Slots: draws, seed, quantiles. */
  readonly methodSimulation: string;
  readonly methodNoSimulation: string;
  readonly methodCapacity: string;
  readonly fitNotes: string;
  readonly simulationNotes: string;
  readonly capacityNotes: string;
  readonly rulesHeading: string;
  readonly rule: string;
  readonly value: string;
  readonly source: string;
  readonly provenanceHeading: string;
  readonly provenanceIntro: string;
  readonly table: string;
  readonly records: string;
  readonly reported: string;
  readonly estimate: string;
  readonly estimateMethods: string;
  /** Slots: n. */
  readonly recordsUsing: string;
  readonly estimatedAreas: string;
  readonly noEstimates: string;
  readonly chartMissing: string;
  /** Slots: n, year. */
  readonly worstShortfall: string;
  /** Slots: pct, year. */
  readonly worstHeadroom: string;
  /** Slots: n, year, pct. */
  readonly worstSurplus: string;
  /** Slots: n, year. */
  readonly worstClasses: string;
  /** Slots: n, base, year. */
  readonly worstGrowth: string;
  /** Slots: n, base, year. */
  readonly worstDecline: string;
  /** Slots: year. */
  readonly yearActual: string;
  readonly tablePupils: string;
  readonly tablePlaces: string;
  /** Slots: lo, hi. */
  readonly rangeRow: string;
  readonly pShortfall: string;
  /** Names of the ratio methods; slots: years, alpha, phi. */
  readonly ratioMethod: Readonly<Record<"mean" | "weighted" | "median" | "ses" | "trend" | "damped", string>>;
  /** Names of the births methods; slot: years. */
  readonly birthsMethod: Readonly<Record<"last" | "mean" | "trend", string>>;
  /** Names of the input tables. */
  readonly tables: Readonly<Record<"enrolment" | "births" | "capacity" | "plannedPlaces" | "housing", string>>;
  readonly ruleHeadroom: string;
  readonly ruleUtilisation: string;
  readonly ruleStandard: string;
  /** Slots: n (areas), years. */
  readonly seriesCount: string;
  /** Slots: n, k. */
  readonly recordsVariants: string;
  /** Slots: flag, n, of, years, area, stage, worst. */
  readonly overviewLine: string;
  /** Slots: n. */
  readonly moreNotes: string;
  /** Slots: n. */
  readonly areasCount: string;
  /** The schools section (`ReportInput.schools`). */
  readonly schools: SchoolSectionLabels;
}

/** Fixed texts of the report's schools section (`{name}` marks a slot). */
export interface SchoolSectionLabels {
  readonly heading: string;
  /** Slots: floor (percent), level (percent). */
  readonly intro: string;
  /** Shown when any school record is an estimate; followed by the records' notes. */
  readonly estimateIntro: string;
  /** Slots: n (schools), from, to. */
  readonly reconciled: string;
  /** Caption of the per-year flags table of an area. */
  readonly flagsCaption: string;
  readonly year: string;
  readonly schools: string;
  readonly schoolsShort: string;
  readonly shortBy: string;
  /** Slots: floor (percent). */
  readonly underUsed: string;
  readonly spare: string;
  readonly netSurplus: string;
  /** Slots: min (class size). */
  readonly classesAtLeast: string;
  /** Slots: min (class size). */
  readonly areaViewClasses: string;
  readonly overStandard: string;
  /** Slots: min (class size), year. */
  readonly largeCaption: string;
  readonly school: string;
  readonly noLargeClasses: string;
  /** Slots: n. */
  readonly moreSchools: string;
  /** Slots: year, level (percent). */
  readonly extremesCaption: string;
  readonly status: string;
  readonly statusShort: string;
  readonly statusUnderUsed: string;
  readonly statusSurplus: string;
  /** Slots: level (percent). */
  readonly intervalColumn: string;
  readonly surplusInterval: string;
  readonly utilisation: string;
  readonly noPlaces: string;
  /** Chart: slots area, year. */
  readonly chartTitle: string;
  /** Chart: slots floor (percent), level (percent). */
  readonly chartSubtitle: string;
  readonly chartUtilisation: string;
  readonly chartStatus: string;
  readonly statusOk: string;
}

/** The label dictionary: English and Simplified Chinese. */
export const reportLabels: Readonly<Record<Lang, ReportLabels>> = {
  en: {
    schoolYear: "School year",
    birthYear: "Birth year",
    pupils: "Pupils",
    pupilsActual: "Pupils (actual)",
    pupilsForecast: "Pupils (forecast)",
    places: "Places",
    interval: "Simulated {lo}–{hi}% range",
    area: "Area",
    stage: "Stage",
    count: "Number",
    estimateSuffix: " (estimate)",
    estimateNote: "Estimate: the figures rest on estimated history, births or places (see data provenance).",
    forecastTitle: "{area}: pupils against places",
    forecastTitleNoPlaces: "{area}: pupils",
    forecastSubtitle: "Solid: actual; dashed: forecast; stepped: places.",
    intervalSubtitle: "Band: {lo}th–{hi}th percentile of {draws} simulated paths (seed {seed}).",
    heatmapTitle: "Surplus (+) or shortfall (−) of places",
    heatmapLegend: "Places − pupils",
    heatmapSubtitle: "Red: shortfall; blue: places standing empty.",
    heatmapShareLegend: "Surplus per place",
    heatmapShareSubtitle: "Colour: surplus as a share of places (red: shortfall, blue: places standing empty; ±30% and beyond in full colour); number: places − pupils.",
    heatmapProxyTitle: "Change in pupils against {year} (no places data)",
    heatmapProxySubtitle: "Places assumed equal to the {year} pupils: red = more pupils than in {year}, blue = fewer.",
    classTitle: "Where classes of {min} or more appear",
    largestClass: "Largest class",
    classSubtitle: "Colour: largest class if pupils are spread as evenly as the classes allow; number: classes of {min} or more.",
    noClasses: "no classes",
    withinStandard: "within the standard",
    birthsTitle: "{area}: births and entry cohorts",
    births: "Births",
    birthsReported: "Births (reported)",
    birthsEstimate: "Births (estimate)",
    birthsProjected: "Births (projected)",
    entrants: "{grade} entrants (age {age})",
    birthsSubtitle: "Entrants are plotted at their birth year (school year − entry age); dashed: forecast.",
    actual: "actual",
    forecast: "forecast",

    reportTitle: "{place}: school places forecast {from}–{to}",
    reportIntro: "Pupils by area, stage and school year from {base} (actual) to {to} (forecast) for {areas}. School year 2020 = 2020/21.",
    reportEstimateIntro: "Figures marked “estimate” rest on estimated inputs; the data provenance section says which.",
    summaryHeading: "Summary of flags",
    summaryWithPlaces: "Where and when places run short or stand empty, and where classes exceed the system's class-size bands (from the capacity assessment).",
    summaryNoPlaces: "No places data were given, so there is no capacity assessment: the flags below compare the forecast with the {base} enrolment (as if places equalled the {base} pupils), and class sizes are not assessed.",
    noFlags: "No flags.",
    flag: "Flag",
    years: "Years",
    worst: "Worst",
    flagShortfall: "Places run short",
    flagLowHeadroom: "Little spare room",
    flagSurplusRisk: "Places may stand empty",
    flagProxyGrowth: "Pupils above base by more than {pct}",
    flagProxyDecline: "Pupils below {pct} of base",
    classNotAssessed: "Class sizes: not assessed without places and classes data.",
    chartsHeading: "Charts",
    countiesHeading: "By area",
    totalSuffix: " (total)",
    surplus: "Surplus",
    measure: "Measure",
    change: "Change",
    methodHeading: "Method and data provenance",
    adviceHeading: "The plan's places against the advised ones",
    adviceIntro:
      "Per stage over the areas: new permanent places first serving in {from}–{to}, expected empty place-years and pupil-years short over every year advised, cost (in the levers' unit) and the largest P(shortfall) of any area-year. The advice keeps P(shortfall) at or below {risk} in every area-stage-year, from the simulated paths (seed {seed}). Costs rest on the levers given; see each lever's source.",
    adviceColumns: ["Stage", "Side", "New places", "Empty place-years", "Pupil-years short", "Cost", "Largest P(shortfall)"],
    advicePlan: "plan",
    adviceAdvised: "advised",
    methodCohort: "Cohort progression: each grade next year = this year's grade below × a progression ratio; entry grades = births of (year − entry age) × an entry ratio. Kernels do not round; tables round for display only.",
    methodRatios: "Progression and entry ratios: {methods}.",
    methodBirths: "Births after the last known year: {method}.",
    methodSimulation: "Uncertainty: {draws} simulated paths, seed {seed}, quantiles {quantiles}.",
    methodNoSimulation: "Uncertainty: not simulated for this report (no interval bands).",
    methodCapacity: "Capacity: places against pupils per area, stage and year; class counts assume pupils are spread as evenly as the number of classes allows.",
    fitNotes: "Fitting notes",
    simulationNotes: "Simulation notes",
    capacityNotes: "Capacity notes",
    rulesHeading: "Rules and thresholds",
    rule: "Rule",
    value: "Value",
    source: "Source",
    provenanceHeading: "Data provenance",
    provenanceIntro: "Records by table and provenance. “Estimate” marks a figure made to fill a gap; every output built on one is marked.",
    table: "Table",
    records: "Records",
    reported: "Reported",
    estimate: "Estimate",
    estimateMethods: "How the estimates were made",
    recordsUsing: "records: {n}",
    estimatedAreas: "Areas whose forecast rests on estimates",
    noEstimates: "No figure in the input is marked as an estimate.",
    chartMissing: "(chart not rendered)",
    worstShortfall: "{n} places short in {year}",
    worstHeadroom: "{pct} spare in {year}",
    worstSurplus: "{n} places empty in {year} ({pct} used)",
    worstClasses: "{n} classes in {year}",
    worstGrowth: "{n} more pupils than in {base} ({year})",
    worstDecline: "{n} fewer pupils than in {base} ({year})",
    yearActual: "{year} (actual)",
    tablePupils: "Pupils by stage",
    tablePlaces: "Pupils, places and surplus by stage",
    rangeRow: "{lo}–{hi}% range",
    pShortfall: "P(shortfall)",
    ratioMethod: {
      mean: "mean of the last {years} ratios",
      weighted: "recency-weighted mean of the last {years} ratios",
      median: "median of the last {years} ratios",
      ses: "simple exponential smoothing (α = {alpha})",
      trend: "linear trend of the last {years} ratios, clamped",
      damped: "damped trend (φ = {phi}) of the last {years} ratios, clamped",
    },
    birthsMethod: {
      last: "the last known value carried forward",
      mean: "the mean of the last {years} known values",
      trend: "the linear trend of the last {years} known values",
    },
    tables: { enrolment: "Enrolment", births: "Births", capacity: "Places", plannedPlaces: "Planned places", housing: "Housing" },
    ruleHeadroom: "Headroom below which places are tight",
    ruleUtilisation: "Utilisation below which places may stand empty",
    ruleStandard: "Standard class size",
    seriesCount: "{n} series",
    recordsVariants: "records: {n}, in {k} variants; the first shown",
    overviewLine: "{flag}: {years}, in {n} of {of} area–stage series; worst: {area}, {stage}: {worst}",
    moreNotes: "… and {n} more",
    areasCount: "{n} areas",
    schools: {
      heading: "Schools: where places run short or stand empty, school by school",
      intro:
        "Each school's pupils are forecast inside its area's forecast and reconciled to it, so the schools of an area add up to the area. Places and classes are each school's own. The flags count schools, never netting one school's shortfall against another's empty places: an area total shows only the net surplus. Under-used: fewer pupils than {floor} of the places. Intervals: {level} of school totals, from the model's errors in the history.",
      estimateIntro: "The school records below are estimates or illustrations, not reported data:",
      reconciled: "{n} schools, forecast {from}–{to}.",
      flagsCaption: "Schools short and under-used, and large classes, per year",
      year: "Year",
      schools: "Schools",
      schoolsShort: "Schools short",
      shortBy: "Places short",
      underUsed: "Under {floor} used",
      spare: "Their spare places",
      netSurplus: "Net surplus (area total)",
      classesAtLeast: "Classes ≥ {min}",
      areaViewClasses: "Classes ≥ {min}, area view",
      overStandard: "Share of pupils in classes over the standard",
      largeCaption: "Schools with classes of {min} or more (per year; in brackets, of the next band up), by the count in {year}",
      school: "School",
      noLargeClasses: "No school has classes of {min} or more in the years shown.",
      moreSchools: "… and {n} more schools.",
      extremesCaption: "The largest shortfalls and surpluses of places by school, {year} ({level} intervals)",
      status: "Status",
      statusShort: "short",
      statusUnderUsed: "under-used",
      statusSurplus: "surplus",
      intervalColumn: "Pupils, {level} interval",
      surplusInterval: "Surplus, interval",
      utilisation: "Utilisation",
      noPlaces: "No school of this area has places: shortfalls and surpluses are not assessed.",
      chartTitle: "{area}: utilisation per school, {year}",
      chartSubtitle: "Pupils / places; whiskers: the {level} interval of pupils; rules at {floor} and 100%.",
      chartUtilisation: "Pupils / places",
      chartStatus: "Status",
      statusOk: "within places",
    },
  },
  "zh-CN": {
    schoolYear: "学年",
    birthYear: "出生年份",
    pupils: "在校生",
    pupilsActual: "在校生（实际）",
    pupilsForecast: "在校生（预测）",
    places: "学位",
    interval: "模拟区间 {lo}–{hi}%",
    area: "县区",
    stage: "学段",
    count: "人数",
    estimateSuffix: "（估算）",
    estimateNote: "估算：数据基于估算的历史在校生、出生人口或学位（见数据来源）。",
    forecastTitle: "{area}：在校生与学位",
    forecastTitleNoPlaces: "{area}：在校生",
    forecastSubtitle: "实线：实际；虚线：预测；阶梯线：学位。",
    intervalSubtitle: "阴影：{draws} 次模拟的第 {lo}–{hi} 百分位（种子 {seed}）。",
    heatmapTitle: "学位富余（+）或缺口（−）",
    heatmapLegend: "学位 − 在校生",
    heatmapSubtitle: "红色：学位不足；蓝色：学位闲置。",
    heatmapShareLegend: "余缺占学位比例",
    heatmapShareSubtitle: "颜色：学位余缺占学位的比例（红色：不足，蓝色：闲置；±30% 及以上为最深色）；数字：学位 − 在校生。",
    heatmapProxyTitle: "在校生相对 {year} 年的变化（无学位数据）",
    heatmapProxySubtitle: "假定学位等于 {year} 年在校生：红色 = 多于 {year} 年，蓝色 = 少于 {year} 年。",
    classTitle: "{min} 人及以上班额出现在哪里",
    largestClass: "最大班额",
    classSubtitle: "颜色：学生尽量平均分班时的最大班额；数字：{min} 人及以上的班级数。",
    noClasses: "无班级",
    withinStandard: "未超标准",
    birthsTitle: "{area}：出生人口与入学队列",
    births: "出生人口",
    birthsReported: "出生人口（公布）",
    birthsEstimate: "出生人口（估算）",
    birthsProjected: "出生人口（推算）",
    entrants: "{grade}入学（{age} 岁）",
    birthsSubtitle: "入学人数按出生年份（学年 − 入学年龄）对齐；虚线：预测。",
    actual: "实际",
    forecast: "预测",

    reportTitle: "{place}学位供需预测（{from}–{to}）",
    reportIntro: "{areas}分县区、分学段在校生：{base} 年为实际，至 {to} 年为预测。学年按起始年份标注（2020 = 2020/21 学年）。",
    reportEstimateIntro: "标注“估算”的数字基于估算的输入数据，见“数据来源”一节。",
    summaryHeading: "预警摘要",
    summaryWithPlaces: "学位不足、学位闲置和班额超标出现的地区与年份（依据学位评估）。",
    summaryNoPlaces: "未提供学位数据，因此没有学位评估：以下预警将预测与 {base} 年在校生比较（相当于假定学位等于 {base} 年在校生），班额未作评估。",
    noFlags: "无预警。",
    flag: "预警",
    years: "年份",
    worst: "最严重",
    flagShortfall: "学位不足",
    flagLowHeadroom: "学位余量偏紧",
    flagSurplusRisk: "学位可能闲置",
    flagProxyGrowth: "在校生比基年增加超过 {pct}",
    flagProxyDecline: "在校生低于基年的 {pct}",
    classNotAssessed: "班额：缺少学位和班级数据，未作评估。",
    chartsHeading: "图表",
    countiesHeading: "分县区",
    totalSuffix: "（合计）",
    surplus: "余缺",
    measure: "指标",
    change: "变化",
    methodHeading: "方法与数据来源",
    adviceHeading: "规划学位与建议学位对照",
    adviceIntro:
      "按学段汇总各县区：{from}—{to} 年首次启用的新增永久学位、各建议年份预期闲置学位（学位·年）和预期缺位学生（人·年）、成本（按所给调控手段的单位）以及任一县区年份的最大学位不足概率。建议方案使每个县区、学段、年份的学位不足概率不超过 {risk}，依据模拟路径（随机种子 {seed}）。成本取决于所给调控手段，见其来源。",
    adviceColumns: ["学段", "方案", "新增学位", "闲置学位（学位·年）", "缺位学生（人·年）", "成本", "最大学位不足概率"],
    advicePlan: "规划",
    adviceAdvised: "建议",
    methodCohort: "队列推移法：下一年某年级人数 = 本年低一年级人数 × 升级比；入学年级 = （学年 − 入学年龄）年出生人口 × 入学比。计算过程不取整，表格仅为展示取整。",
    methodRatios: "升级比与入学比：{methods}。",
    methodBirths: "最后已知年份之后的出生人口：{method}。",
    methodSimulation: "不确定性：{draws} 次模拟，随机种子 {seed}，分位数 {quantiles}。",
    methodNoSimulation: "不确定性：本报告未作模拟（无区间带）。",
    methodCapacity: "学位：按县区、学段、年份比较学位与在校生；班级数按学生在现有班级中尽量平均分班估算。",
    fitNotes: "拟合说明",
    simulationNotes: "模拟说明",
    capacityNotes: "学位说明",
    rulesHeading: "规则与阈值",
    rule: "规则",
    value: "取值",
    source: "来源",
    provenanceHeading: "数据来源",
    provenanceIntro: "各数据表按来源统计的记录数。“估算”表示为填补缺口而推算的数字；基于估算的输出均已标注。",
    table: "数据表",
    records: "记录数",
    reported: "公布",
    estimate: "估算",
    estimateMethods: "估算方法",
    recordsUsing: "{n} 条记录",
    estimatedAreas: "预测基于估算数据的县区",
    noEstimates: "输入数据中没有标注为估算的数字。",
    chartMissing: "（图表未生成）",
    worstShortfall: "{year} 年缺 {n} 个学位",
    worstHeadroom: "{year} 年余量 {pct}",
    worstSurplus: "{year} 年闲置 {n} 个学位（使用率 {pct}）",
    worstClasses: "{year} 年 {n} 个班",
    worstGrowth: "{year} 年比 {base} 年多 {n} 人",
    worstDecline: "{year} 年比 {base} 年少 {n} 人",
    yearActual: "{year}（实际）",
    tablePupils: "分学段在校生",
    tablePlaces: "分学段在校生、学位与余缺",
    rangeRow: "{lo}–{hi}% 区间",
    pShortfall: "学位不足概率",
    ratioMethod: {
      mean: "最近 {years} 个比率的平均值",
      weighted: "最近 {years} 个比率的近期加权平均",
      median: "最近 {years} 个比率的中位数",
      ses: "简单指数平滑（α = {alpha}）",
      trend: "最近 {years} 个比率的线性趋势（限幅）",
      damped: "最近 {years} 个比率的阻尼趋势（φ = {phi}，限幅）",
    },
    birthsMethod: {
      last: "沿用最后一个已知值",
      mean: "最近 {years} 个已知值的平均",
      trend: "最近 {years} 个已知值的线性趋势",
    },
    tables: { enrolment: "在校生", births: "出生人口", capacity: "现有学位", plannedPlaces: "规划学位", housing: "住房" },
    ruleHeadroom: "学位余量低于此值视为偏紧",
    ruleUtilisation: "学位使用率低于此值视为可能闲置",
    ruleStandard: "标准班额",
    seriesCount: "{n} 个序列",
    recordsVariants: "{n} 条记录，{k} 种写法，列出第一种",
    overviewLine: "{flag}：{years}，{of} 个县区学段中有 {n} 个；最严重：{area}{stage}，{worst}",
    moreNotes: "……另有 {n} 条",
    areasCount: "{n} 个地区",
    schools: {
      heading: "分校视角：哪些学校缺学位、哪些学校学位闲置",
      intro:
        "各校学生数在所在片区的预测之内预测并与之平衡，片区内各校之和等于片区总数。学位和班级按各校自身计。下表按学校计数，不以一所学校的缺口抵消另一所学校的闲置学位：片区合计只显示净余缺。使用不足：学生数少于学位的 {floor}。区间：学校总人数的 {level} 区间，依据模型在历史数据中的误差。",
      estimateIntro: "以下学校数据为估计或示例，并非统计上报数据：",
      reconciled: "{n} 所学校，预测 {from}—{to} 年。",
      flagsCaption: "逐年缺学位与使用不足的学校及大班额",
      year: "年份",
      schools: "学校数",
      schoolsShort: "缺学位学校",
      shortBy: "缺学位数",
      underUsed: "使用率低于 {floor}",
      spare: "其空余学位",
      netSurplus: "净余缺（片区合计）",
      classesAtLeast: "{min} 人及以上班级",
      areaViewClasses: "{min} 人及以上班级（片区口径）",
      overStandard: "超标准班额的学生占比",
      largeCaption: "有 {min} 人及以上班级的学校（逐年；括号内为更高一档的班数），按 {year} 年班数排序",
      school: "学校",
      noLargeClasses: "所列年份中没有学校有 {min} 人及以上的班级。",
      moreSchools: "……另有 {n} 所学校。",
      extremesCaption: "{year} 年学位缺口最大和空余最多的学校（{level} 区间）",
      status: "状态",
      statusShort: "缺学位",
      statusUnderUsed: "使用不足",
      statusSurplus: "有空余",
      intervalColumn: "学生数 {level} 区间",
      surplusInterval: "余缺区间",
      utilisation: "使用率",
      noPlaces: "本片区学校均无学位数据，未评估缺口与空余。",
      chartTitle: "{area}：{year} 年各校学位使用率",
      chartSubtitle: "学生数 / 学位数；须线：学生数的 {level} 区间；参考线 {floor} 与 100%。",
      chartUtilisation: "学生数 / 学位数",
      chartStatus: "状态",
      statusOk: "学位够用",
    },
  },
};

/**
 * Fills the `{name}` slots of a label; unknown slots are left as they are.
 *
 * @example
 * ```ts
 * fillLabel("{area}: pupils", { area: "江城区" }) // "江城区: pupils"
 * ```
 */
export function fillLabel(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m));
}
