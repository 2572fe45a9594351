export * from "./dates";
export * from "./stages";
export * from "./status";
export * from "./instrument-version";
export * from "./overview";
export * from "./instrument-rows";
export * from "./instrument-paths";
export * from "./assignment-rule";
