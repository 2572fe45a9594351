// Explain my score (issue 18): the index of a locus or an institution taken apart into every
// number it is made of, each with its operation and exact operands (docs/domain.md §5.13). Pure.
export * from "./steps";
export * from "./locus";
