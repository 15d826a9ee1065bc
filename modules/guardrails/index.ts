export { BudgetCounter } from "./counter";
export { type GuardrailDeps, guardrailRoutes } from "./routes";
export { GuardrailService } from "./service";
export { Guardrails, loadGuardrails } from "./settings";
