// Wire types come from the backend's zod contracts (type-only: nothing from the backend is bundled).
import type { Me as MeWire } from "../../../modules/contracts/identity";

export type { Job, JobEvent, JobStatus } from "../../../modules/contracts/jobs";

/** The signed-in user, as `GET /api/me` names them. */
export type Me = MeWire["user"];
export type Role = Me["role"];

export type Problem = { type?: string; title: string; status: number; detail?: string };
