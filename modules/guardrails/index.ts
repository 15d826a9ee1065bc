export { BudgetCounter } from "./counter";
export { guardrailRoutes } from "./routes";
export { GuardrailService } from "./service";
