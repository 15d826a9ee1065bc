export * from "./content";
export * from "./guardrails";
export * from "./identity";
export * from "./jobs";
export * from "./leads";
export * from "./outreach";
export * from "./settings";
