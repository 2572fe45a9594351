export * from "./correlation";
export * from "./file";
export * from "./plan";
export * from "./zones";
