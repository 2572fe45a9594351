export * from "./columns";
export * from "./fields";
export * from "./file-rows";
export * from "./plan";
export * from "./validate";
