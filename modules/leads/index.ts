export { leadBodyRules } from "./bodies";
export { decayEngagement } from "./decay";
export { recordLeadEngagement } from "./engagement-port";
export { leadJobTypes } from "./jobs";
export { type LeadDeps, leadRoutes } from "./routes";
export { seedLeadsDemo } from "./seed";
