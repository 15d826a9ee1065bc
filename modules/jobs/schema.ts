// The jobs API's wire shapes are contracts (modules/contracts/jobs.ts): the dashboard reads them too.
export * from "../contracts/jobs";
