/**
 * placecast: school place-supply forecasting. The core entry point imports nothing from Node and
 * runs in browsers; `placecast/node` adds file input/output and rendering, `placecast/seeds` the
 * embedded Yangjiang seed.
 *
 * The public names are listed one by one (test/api.test.ts holds the sorted list): anything not
 * listed here is internal and may change without notice. Each group says what it is for.
 * @packageDocumentation
 */

// School systems: stages, grades, entry ages and class-size bands as data with sources.
export {
  chinaSchoolSystem, // 幼儿园/小学/初中/高中 with GB 50099-2011 class sizes
  usK12SchoolSystem, // US K-12 (elementary, middle, high)
  englandSchoolSystem, // England Reception-Y13
  defineSchoolSystem, // checks and freezes a school system of your own
  indexSystem, // lookups of a system by grade and stage id, in order
  bandsForStage, // the class-size bands that apply to a stage
} from "./domain/index.js";
export type { SchoolSystem, StageDef, GradeDef, StageEntry, ClassSizeBand, ClassSizeBandDef, BandStart, MonthDay, SystemIndex, GradeInfo, Sourced, Label, Lang } from "./domain/index.js";

// School years: dates to the school year they fall in (2020 = 2020/21).
export {
  schoolYear, // an integer branded as a school year
  schoolYearLabel, // "2020/21"
  birthCohort, // the cohort a date of birth belongs to, against the entry cut-off
  entrySchoolYear, // the school year a child born on a date enters school
  firstSchoolYearOccupied, // the first school year a dwelling completed on a date is occupied
} from "./domain/index.js";
export type { SchoolYear } from "./domain/index.js";

// Notes: coded data (code + parameters) that the report renders in each language.
export { note } from "./domain/index.js"; // builds a coded note
export type { Note, NoteValue } from "./domain/index.js";

// Input: tidy records validated into a Dataset, with located issues.
export {
  parseDataset, // records -> Dataset, throws DatasetError listing every issue
  safeParseDataset, // records -> { ok, value } | { ok: false, issues }
  DatasetError, // the error parseDataset throws (its `issues` are located)
  formatIssues, // issues as lines people read
  enrolmentCube, // a Dataset's enrolment as a dense area x grade x year cube (the kernels' input)
} from "./data/index.js";
export type { Dataset, DatasetInput, DataIssue, IssuePath, IssueSeverity, IssueCode, Result, EnrolmentCube, BirthTable, Cube } from "./data/index.js";
// Issue 17 (zh): the options of formatIssues (a text per issue, e.g. issueText of placecast/node).
export type { FormatIssuesOptions } from "./data/index.js";
export type {
  AreaRecord,
  EnrolmentRecord,
  BirthRecord,
  PopulationRecord,
  StaffRecord,
  HousingInput,
  HousingRecord,
  CapacityRecord,
  PlannedPlacesRecord,
  Sector,
  PlannedKind,
  Provenance,
} from "./data/index.js";

// Readers' help: wide tables (one column per grade) to tidy records, and the lenient cell rules.
export {
  fromWide, // wide rows (one column per grade) -> areas and enrolment records, with notes
  validLabels, // every name a reader accepts for each grade and stage (for templates)
  systemLabelIndex, // normalised grade and stage names -> ids
  readNumber, // "1,234人" -> 1234 (and the rule used)
  readYear, // "2016年", "2016-17" -> 2016
  readDate, // "2026/9/30", "2026年9月" -> "2026-09-30"
  isMissingMark, // "-", "—", "–": a missing figure
} from "./data/readers.js";
export type { WideCell, WideRow, WideOptions, WideResult, LenientRead, LenientRule, SystemLabelIndex, ValidLabels } from "./data/readers.js";

// Cohort model: fit progression and entry ratios, forecast pupils per area, grade and year.
export {
  fitModel, // Dataset -> CohortModel (ratios per area, grade and method)
  forecast, // CohortModel -> Forecast to a year
  ratioMethods, // the progression-ratio methods by name
  resolveRatioOptions, // ratio options with their defaults filled in
  resolveBirthsOptions, // births-projection options with their defaults filled in
  pupilRecords, // Forecast -> one row per area, grade and year
  stageTotals, // Forecast -> one row per area, stage and year
  sumOverAreas, // stage rows summed over areas into one total
  // Basis per value (issue 14): which forecast values rest on estimated figures.
  valueBasis, // Forecast -> 1 per value that is an estimate, in the forecast's layout
} from "./cohort/index.js";
export type {
  CohortModel,
  ModelOptions,
  RatioChoice,
  RatioOptions,
  RatioMethod,
  ResolvedRatioOptions,
  BirthsOptions,
  ResolvedBirthsOptions,
  RatioFit,
  FitNote,
  Forecast,
  ForecastOptions,
  PupilRecord,
  PupilTrace,
  StageRecord,
} from "./cohort/index.js";

// Housing: pupils from new dwellings (yield by stage, phasing) added to the cohort forecast.
export {
  forecastWithHousing, // CohortModel + housing -> cohort, housing and total pupils
  componentRecords, // per grade rows of each component (baseline, housing, total)
  componentStageTotals, // per stage rows of each component (cohort, housing, total)
  developmentStageTotals, // housing pupils per development, stage and year
  defineYieldTable, // checks and freezes a pupil-yield table
  yieldFromPerThousand, // a yield given per 1,000 dwellings as pupils per dwelling
  gradeYields, // lifetime pupils per dwelling for each grade
  lifetimeYield, // lifetime pupils per dwelling over all stages
  chinaDefaultYieldTable, // the China yield table with its sources
  // Housing remedy by evidence (issue 14): does the history show past completions' pupils?
  housingEvidence, // per area: share of predicted housing pupils seen in the ratios, and the finding
  defaultEvidenceRule, // the sourced decision rule of housingEvidence
} from "./housing/index.js";
export type {
  HousingOptions,
  HousingForecast,
  HousingProgression,
  DevelopmentPupils,
  CountedHousing,
  TrendRate,
  DoubleCountRemedy,
  YieldTable,
  PhasingCurve,
  PupilComponent,
  ComponentRecord,
  ComponentStageRecord,
  DevelopmentStageRecord,
  HousingEvidence,
  EvidenceRule,
  EvidenceFinding,
} from "./housing/index.js";

// Capacity: the places schedule, pupils held against places, flags, classes; the plan check.
export {
  capacitySchedule, // existing places plus planned projects, per area, stage and year
  assessCapacity, // stage rows + Dataset -> Assessment rows (surplus, utilisation, classes, flags)
  sumAssessments, // assessment rows summed into a parent area
  defaultCapacityRules, // headroom and utilisation thresholds with sources
  checkPlan, // a plan's targets against the capacity assessment of the forecast
  planTargetsFromJson, // a plan's targets from JSON, checked
  impliedRates, // the pupils per birth each pupil target needs against the ratio observed, and the gap
  grossEnrolmentRates, // pupils per person of the stage's ages (gross enrolment rates), with forecasts
  retentionRates, // J3 over the same cohort's P1 (the 巩固率 proxy)
  assessAtPlanningLevel, // each stage assessed at its planning level (senior high city-wide)
  staffDemand, // staff needed per stage from sourced norms, against staff in post
  chinaStaffNorms, // the unified pupil-staff ratios and kindergarten staffing standard
  placesCube, // the schedule as a dense cube, for assessForecast
  assessForecast, // the fast path: Forecast x places cube -> flags per cell
  flaggedCells, // the cells of an assessment cube with a flag
  AssessBit, // the flag bits of an assessment cube
  bandBit, // the flag bit of a class-size band
} from "./capacity/index.js";
export type {
  CapacitySchedule,
  CapacityInput,
  ScheduleOptions,
  PlacesRow,
  PlacesTotal,
  SectorKey,
  Assessment,
  AssessOptions,
  CapacityRules,
  CapacityFlag,
  StandardClassSizes,
  SupplyLine,
  PlannedChange,
  AssessmentRows,
  PlanTargets,
  PlanTarget,
  PlanLine,
  Comparator,
  PupilsTarget,
  RateTarget,
  PlacesTarget,
  ClassSizeTarget,
  ShareTarget,
  StaffTarget,
  OtherTarget,
  PlanCheck,
  Verdict,
  TargetCheck,
  SectorPupils,
  AreaPlacesCheck,
  ClassSizeCheck,
  CheckPlanOptions,
  PupilTarget,
  ImpliedRate,
  ImpliedRateOptions,
  Denominator,
  GrossRate,
  GrossRateOptions,
  RetentionRate,
  PlanningLevel,
  PlanningLevelId,
  PlannedAssessment,
  StaffNorm,
  StaffCount,
  StaffDemand,
  PlacesCube,
  AssessmentCube,
  AssessCubeOptions,
  StageCubeAxes,
} from "./capacity/index.js";

// Uncertainty: seeded simulation of pupils and places, quantiles, probabilities of shortfall.
export {
  simulate, // CohortModel -> quantiles and P(shortfall) per area, stage and year
  quantiles, // quantiles of unsorted values (R's type 7)
} from "./uncertainty/index.js";
export type {
  RatioErrorModel, // calibrated intervals (issue 14): how ratio errors grow with the horizon
  SimulateOptions,
  Simulation,
  SimulationRow,
  SimulationSources,
  SlipOptions,
} from "./uncertainty/index.js";
// Totals at every level and kept paths: all grades, stage groups, containing areas (stageTotals options;
// simulate's sums per path), draw-major simulated paths per cell.
export { simulationSourcesNote } from "./uncertainty/index.js"; // what a simulation's bands include, as a coded note
export type { StageTotalsOptions } from "./cohort/index.js";
export type { SimulateTotals, SimulatedCellPaths, SimulatedPaths } from "./uncertainty/index.js";

// Evaluation: rolling-origin backtests, error metrics, baselines and method selection.
export {
  backtest, // forecasts from past origins scored against what happened
  errorSummary, // MAPE, bias and interval coverage of error cells
  truncateDataset, // a Dataset cut at an origin year
  plain, // baseline: mean of the last 3 progression ratios and entry counts
  persistence, // baseline: last year's pupils carried forward
  plainOptions, // the ModelOptions of the plain baseline (for fitModel)
  withoutBirths, // a Dataset without births (entry by progression)
  selectMethods, // the progression and entry method per stage, chosen by backtest
  defaultCandidates, // the methods selectMethods tries by default
  // Baselines as forecasts, lookup by area, backtest levels (issues 14 and 18).
  plainWithBirths, // baseline: plain with entry from births (= plain(ds, to, { births: true }))
  persistenceModel, // the persistence baseline as a CohortModel (for simulate)
  forecastFor, // one area of a forecast, by id, with get(grades, year)
  ALL_GRADES, // the stage id of all-grades totals (stageTotals, simulate) and of backtest cells at level "all"
} from "./evaluate/index.js";
export type {
  BacktestPlan,
  BacktestResult,
  BacktestCell,
  BacktestSimulation,
  Forecaster,
  PupilPaths,
  ErrorCell,
  ErrorSummary,
  TruncateOptions,
  TruncatedDataset,
  SelectOptions,
  MethodChoice,
  Selection,
  Baseline,
  PlainOptions,
  AreaForecast,
  BacktestLevel,
} from "./evaluate/index.js";

// Schools: school-level forecasts inside each area (pooled ratios, intake shares, reconciliation), places and classes per school.
export { schoolGradesIn } from "./data/index.js"; // the grades a school teaches in a year (spans, opening, closing)
export {
  schoolPanel, // Dataset + area forecast -> the dense school panel
  forecastSchools, // Dataset + area forecast -> pupils per school, grade and year, reconciled, with intervals
  schoolTotalRecords, // one row per school and year (pupils, raw, adjustment, interval)
  schoolPupilRecords, // one row per school, grade and year
  assessSchools, // school forecast x places -> per school surplus, classes, bands; area flags without netting
  backtestSchools, // rolling-origin backtest of school totals against plain and persistence
  resolveSchoolOptions, // school model options with defaults
  fitSchoolPanel, // the kernel's fit (pooled ratios, shares)
  projectSchoolPanel, // the kernel's projection and reconciliation
  chooseShrinkage, // κ by one-year-ahead cross-validation in the history
  simulateSchools, // seeded paths of school totals from the rolling-origin errors
  groupInterval, // the interval of any group of schools from the paths
  // Feeder intake, combination weights by horizon, reconciled school paths (issue 16, this round):
  fitFeeders, // feeder weights from a feeder map or learned (ridge toward a common rate)
  chooseBlend, // the combination weight per horizon by rolling origins in the history
  reconcileSchoolDraws, // the kernel of school paths summing to their area's simulated paths
  schoolErrorTable, // rolling-origin log errors of school totals (area targets plain or actual)
  schoolPlaceFlags, // the typed kernel of places per school (short, under the floor)
} from "./schools/index.js";
export type { SchoolRecord, GradeSpan, UrbanRural, SchoolEnrolmentRecord, SchoolPlacesRecord, FeederRecord } from "./data/index.js";
export type {
  SchoolPanel,
  SchoolModelOptions,
  ResolvedSchoolModelOptions,
  SchoolFit,
  SchoolProjection,
  SchoolForecast,
  SchoolForecastOptions,
  SchoolTotalRecord,
  SchoolPupilRecord,
  SchoolAssessOptions,
  SchoolAssessment,
  AreaSchoolFlags,
  SchoolAssessmentResult,
  SchoolBacktestPlan,
  SchoolBacktestResult,
  SchoolErrorRow,
  SchoolErrorTable,
  SchoolPaths,
  SchoolSimulateOptions,
  SchoolPlaceFlags,
  FeederLink,
  FeederFit,
} from "./schools/index.js";

// Report: a document of tables, paragraphs and Vega-Lite charts, as Markdown or HTML.
export {
  buildReport, // forecast (+ assessment, simulation, backtest) -> ReportDocument
  reportMarkdown, // ReportDocument -> Markdown
  reportHtml, // ReportDocument -> self-contained HTML
  reportCharts, // the chart blocks of a document
  reportLabels, // the report's texts in en and zh-CN
  forecastChart, // Vega-Lite: pupils and places of an area over time, with intervals
  surplusHeatmap, // Vega-Lite: surplus by area and year
  classSizeChart, // Vega-Lite: where classes of a band's minimum size or more appear
  birthsChart, // Vega-Lite: births and entrants
  tracedBirths, // the births a forecast traced forward, for birthsChart
  historyStageTotals, // the recorded history as stage rows, for charts
  textTable, // a plain-text table (CJK-width aware)
  markdownTable, // a Markdown table
  formatCount, // a count with thousands separators
  VEGA_LITE_SCHEMA, // the Vega-Lite schema URL the specs declare
  renderNote, // a coded note as a sentence in en or zh-CN
  noteTexts, // the catalogue of every note code's texts
  chartBand, // the class-size band a system's chart shows (its eliminate band, or its first)
} from "./report/index.js";
export type {
  NoteText,
  NoteTexts,
  ReportInput,
  ReportAdvice,
  ReportAdviceSide,
  ReportOptions,
  ReportDocument,
  ReportBlock,
  ReportLabels,
  MarkdownOptions,
  HtmlOptions,
  ChartSpec,
  ChartRow,
  ChartOptions,
  ForecastChartData,
  PlacesPoint,
  SimulatedQuantiles,
  SurplusPoint,
  HeatmapOptions,
  ClassSizePoint,
  ClassSizeChartOptions,
  BirthPoint,
  GradePoint,
  BirthsChartData,
  AreaName,
  Align,
  JsonValue,
  JsonObject,
  JsonScalar,
} from "./report/index.js";

// Report: the schools section (issue 16): per area from the schools, never netted; utilisation per school.
export { schoolUtilisationChart } from "./report/index.js"; // Vega-Lite: pupils / places per school, with intervals
export type { SchoolSectionLabels, SchoolUtilisationPoint, SchoolUtilisationOptions } from "./report/index.js";

// Advisor (issue 19): which places, where and when, at what risk; the solver (HiGHS) is loaded on demand.
export { advise, compareWithPlan, evaluatePlaces, loadHighsSolver, lpText, newsvendorPlaces, riskQuantile, estimatedLevers } from "./advise/index.js";
export type {
  Advice,
  AdviceRow,
  AdviseOptions,
  CellAdvice,
  ClosureLever,
  Constraint,
  HighsSolverOptions,
  Levers,
  LinearProgram,
  LpSolution,
  NewsvendorCosts,
  PathCost,
  PermanentLever,
  ProjectDecision,
  ProjectLever,
  Solver,
  StageComparison,
  StageSide,
  TemporaryLever,
  Term,
  Variable,
  YearRisk,
} from "./advise/index.js";
export { adviseNoteTexts } from "./report/notes/advise.js";
// Advisor: places moving between neighbouring areas (the moves lever) and advice per school (issue 19).
export { estimatedMoves, schoolAdviceInput, siblingGroups } from "./advise/index.js";
export type { MoveAdvice, MoveLever, SchoolAdviceInput, SchoolSupplyInput } from "./advise/index.js";
