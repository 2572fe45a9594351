export * from "./types";
export * from "./problems";
export { validateInstrument, type InstrumentValidation } from "./validate";
