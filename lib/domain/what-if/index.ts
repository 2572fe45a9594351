// The what-if planner (issue 18): exact projections of a locus's or an institution's index and
// grade for chosen levels, by the scoring module (docs/domain.md §5), the effect of each one-level
// step, and the fewest steps to the next grade band. Pure: no framework, no database.
export * from "./projection";
export * from "./effects";
export * from "./next-grade";
