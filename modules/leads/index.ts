export { decayEngagement } from "./decay";
export { recordLeadEngagement } from "./engagement-port";
export { makeLeadJobTypes } from "./jobs";
export type { LinkedInBudget } from "./linkedin-budget";
export { type LeadDeps, leadRoutes } from "./routes";
export { seedLeadsDemo } from "./seed";
