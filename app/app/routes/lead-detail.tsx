import { data, Link } from "react-router";
import { buttonClass, Card, Forbidden, HomeLink, Notice, PageHeader } from "../components/page";
import { useI18n } from "../i18n";
import { CompanyFacts } from "../leads/detail/company-facts";
import { DecisionMakers } from "../leads/detail/decision-makers";
import { EngagementTimeline } from "../leads/detail/engagement-timeline";
import { OwnerCard } from "../leads/detail/owner-card";
import { ScoreBreakdown } from "../leads/detail/score-breakdown";
import { ScoreStrip } from "../leads/detail/score-strip";
import { VersionHistory } from "../leads/detail/version-history";
import { WebsiteFacts } from "../leads/detail/website-facts";
import { LeadJobList, useLeadJobs } from "../leads/jobs";
import { canWriteLeads, type LeadDetail, type LeadVersion, type UserLite } from "../leads/types";
import { HeatBadge } from "../leads/ui";
import { apiJson } from "../lib/api.server";
import { userContext } from "../lib/session.server";
import { LeadOutreachCard } from "../outreach/lead-card";
import type { Account, Action } from "../outreach/types";
import type { Route } from "./+types/lead-detail";

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const me = context.get(userContext);
  if (me.role === "marketing") return data({ state: "forbidden" as const }, { status: 403 });
  const path = `/api/leads/${encodeURIComponent(params.id)}`;
  const [lead, versions, users, accounts, actions] = await Promise.all([
    apiJson<{ lead: LeadDetail }>(context, request, path),
    apiJson<{ items: LeadVersion[] }>(context, request, `${path}/versions`),
    apiJson<{ items: UserLite[] }>(context, request, "/api/users"),
    apiJson<{ items: Account[] }>(context, request, "/api/outreach/accounts"),
    apiJson<{ items: Action[] }>(
      context,
      request,
      `/api/outreach/actions?leadId=${encodeURIComponent(params.id)}&limit=10`,
    ),
  ]);
  if (!lead.ok) {
    if (lead.status === 404) return data({ state: "missing" as const }, { status: 404 });
    throw data(lead.problem, { status: lead.status });
  }
  return {
    state: "ok" as const,
    role: me.role,
    lead: lead.data.lead,
    versions: versions.ok ? versions.data.items : [],
    users: users.ok ? users.data.items : [],
    outreach: {
      accounts: accounts.ok ? accounts.data.items : [],
      actions: actions.ok ? actions.data.items : [],
    },
  };
}

export function meta({ loaderData }: Route.MetaArgs) {
  const name = loaderData && loaderData.state === "ok" ? loaderData.lead.company : "Lead";
  return [{ title: `Lifetrek — ${name}` }];
}

export default function LeadPage({ loaderData }: Route.ComponentProps) {
  const { t } = useI18n();
  if (loaderData.state === "forbidden") return <Forbidden />;
  if (loaderData.state === "missing")
    return (
      <Notice icon="?" title={t.leadsPage.notFoundTitle} body={t.leadsPage.notFoundBody}>
        <HomeLink />
      </Notice>
    );
  return (
    <LeadView
      lead={loaderData.lead}
      versions={loaderData.versions}
      users={loaderData.users}
      role={loaderData.role}
      outreach={loaderData.outreach}
    />
  );
}

function LeadView({
  lead,
  versions,
  users,
  role,
  outreach,
}: {
  lead: LeadDetail;
  versions: LeadVersion[];
  users: UserLite[];
  role: string;
  outreach: { accounts: Account[]; actions: Action[] };
}) {
  const { t } = useI18n();
  const L = t.leadsPage;
  const writable = canWriteLeads(role);
  const jobs = useLeadJobs();
  const place = [lead.city, lead.state].filter(Boolean).join("/");
  return (
    <>
      <Link
        to="/leads"
        className="mb-4 inline-block text-sm text-brand-blue hover:underline dark:text-blue-300"
      >
        {L.back}
      </Link>
      <PageHeader
        title={lead.company}
        subtitle={[lead.segment, place, L.territory[lead.territory]].filter(Boolean).join(" · ")}
        actions={
          writable ? (
            <div className="flex flex-wrap gap-2">
              <button
                type="button"
                className={buttonClass.primary}
                disabled={jobs.busy}
                onClick={() => void jobs.start("leads.enrich", { leadIds: [lead.id] })}
              >
                {L.enrich}
              </button>
              <button
                type="button"
                className={buttonClass.cta}
                disabled={jobs.busy}
                onClick={() => void jobs.start("leads.rank", { leadIds: [lead.id] })}
              >
                <span aria-hidden="true">↻</span> {L.rerank}
              </button>
            </div>
          ) : (
            <p className="text-xs text-slate-500">{L.readOnly}</p>
          )
        }
      />
      <LeadJobList ids={jobs.ids} onDismiss={jobs.dismiss} />
      <Card className="mb-6">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <ScoreStrip lead={lead} />
          <span className="text-lg">
            <HeatBadge heat={lead.heat} label={lead.heatLabel} />
          </span>
        </div>
      </Card>
      <div className="grid gap-6 xl:grid-cols-2">
        <div className="space-y-6">
          <ScoreBreakdown lead={lead} />
          <EngagementTimeline lead={lead} writable={writable} />
          <VersionHistory lead={lead} versions={versions} users={users} writable={writable} />
        </div>
        <div className="space-y-6">
          {writable && <LeadOutreachCard leadId={lead.id} hasPerson={hasPerson(lead)} {...outreach} />}
          <OwnerCard key={`${lead.ownerId}-${lead.version}`} lead={lead} users={users} writable={writable} />
          <DecisionMakers lead={lead} />
          <CompanyFacts lead={lead} />
          <WebsiteFacts lead={lead} />
        </div>
      </div>
    </>
  );
}

/**
 * Whether the lead has a LinkedIn member to invite: a decision maker with a provider id or a
 * member profile URL, or a member URL of its own (a company page is nobody). The API decides;
 * this only spares a click that would be refused.
 */
function hasPerson(lead: {
  linkedinUrl: string | null;
  decisionMakers: Array<{ providerId: string | null; profileUrl: string | null }>;
}) {
  const member = (u: string | null) => !!u && /linkedin\.com\/in\/[^/?#\s]+/i.test(u);
  return lead.decisionMakers.some((m) => !!m.providerId || member(m.profileUrl)) || member(lead.linkedinUrl);
}
