// The leads API's wire shapes are contracts (modules/contracts/leads.ts): the dashboard reads them too.
export * from "../contracts/leads";
