export { AccountBudget } from "./budget";
export { devClock, type OutreachClock, parseDevClock, wallClock } from "./clock";

export { PythonExecutor, PythonUnipileAdmin } from "./python";
export { outreachRoutes } from "./routes";
export { OutreachService } from "./service";

import { outreachDraft } from "./draft";

export const outreachJobTypes = [outreachDraft];
