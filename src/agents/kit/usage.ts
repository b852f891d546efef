// Helpers the agents' usage readers share (kept in api/ because the core's ledger checks the same shapes).
export { byModelProblem, count, isCounts, isObject, parseLine, zeroCounts } from "../../api/usage-counts.js";
