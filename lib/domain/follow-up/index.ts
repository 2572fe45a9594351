export * from "./rules";
export * from "./completion";
export * from "./previous-cycle";
