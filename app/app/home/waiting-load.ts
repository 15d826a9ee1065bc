import type { Content } from "../content/types";
import type { Lead } from "../leads/types";
import type { ApiResult } from "../lib/api.server";
import type { Role } from "../lib/types";
import type { Action } from "../outreach/types";
import type { Waiting } from "./waiting";

/** Items per "waiting for you" list: the page is a glance, each list links to the whole. */
const WAITING = 5;

type Get = (path: string) => Promise<ApiResult<unknown>>;

/** The lists the home page shows this role, read through the API as the person signed in. */
export async function loadWaiting(role: Role, get: Get): Promise<Waiting> {
  const list = async <T>(path: string): Promise<T[] | "unavailable"> => {
    // One list the API cannot give now must not take the home page down with it.
    const r = await get(path).catch(() => null);
    return r?.ok ? (r.data as { items: T[] }).items : "unavailable";
  };
  const marketing = role === "marketing" || role === "admin";
  const sales = role === "sales" || role === "admin";
  // A salesperson's own hot leads; an admin sees the team's.
  const hotLeadsMine = role === "sales";
  const [drafts, hotLeads, outreach] = await Promise.all([
    marketing ? list<Content>(`/api/content?status=draft&limit=${WAITING}`) : null,
    sales
      ? list<Lead>(`/api/leads?heat=HOT&sort=-priority&limit=${WAITING}${hotLeadsMine ? "&owner=me" : ""}`)
      : null,
    sales ? list<Action>(`/api/outreach/actions?status=draft&limit=${WAITING}`) : null,
  ]);
  return { drafts, hotLeads, outreach, hotLeadsMine };
}
