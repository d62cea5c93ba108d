/** The advisor: which places, where and when, at what risk (issue 19). */
export { advise } from "./advise.js";
export type { Advice, AdviceRow, AdviseOptions, CellAdvice, MoveAdvice, PathCost, ProjectDecision } from "./advise.js";
export { cellProgram, groupProgram, solveCell, solveGroup } from "./cell.js";
export type { CellMove, CellPlan, CellProblem, CellProject, GroupPlan, MoveProblem } from "./cell.js";
export { evaluatePlaces } from "./evaluate.js";
export type { YearRisk } from "./evaluate.js";
export { estimatedLevers, estimatedMoves, siblingGroups } from "./levers.js";
export type { ClosureLever, Levers, MoveLever, PermanentLever, ProjectLever, TemporaryLever } from "./levers.js";
export { schoolAdviceInput } from "./schools.js";
export type { SchoolAdviceInput, SchoolSupplyInput } from "./schools.js";
export { newsvendorPlaces, riskQuantile } from "./newsvendor.js";
export type { NewsvendorCosts } from "./newsvendor.js";
export { loadHighsSolver, lpText } from "./solver.js";
export type { Constraint, HighsSolverOptions, LinearProgram, LpSolution, Solver, Term, Variable } from "./solver.js";
export { compareWithPlan } from "./summary.js";
export type { StageComparison, StageSide } from "./summary.js";
