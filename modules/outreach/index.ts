export { AccountBudget } from "./budget";
export { devClock, type OutreachClock, parseDevClock, wallClock } from "./clock";
export { outreachDraft } from "./draft";
export { PythonExecutor, PythonUnipileAdmin } from "./python";
export { outreachRoutes } from "./routes";
export { type EngagementPort, OutreachService, type UnipileAdmin } from "./service";

import { outreachDraft } from "./draft";

export const outreachJobTypes = [outreachDraft];
