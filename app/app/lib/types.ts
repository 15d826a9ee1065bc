// Wire types come from the backend's zod contracts (type-only: nothing from the backend is bundled).
export type { Job, JobEvent, JobStatus } from "../../../modules/jobs/schema";

export type Role = "admin" | "marketing" | "sales";

export type Me = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: "pt-BR" | "en";
};

export type Problem = { type?: string; title: string; status: number; detail?: string };
