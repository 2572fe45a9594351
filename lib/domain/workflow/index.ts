export * from "./state-machine";
export * from "./stage-window";
export * from "./completeness";
export * from "./visibility";
export * from "./appeal";
export * from "./why-not";
