import { contentJobTypes, seedContentDemo } from "../modules/content";
import { actorFor } from "../modules/core/actor";
import { type AppConfig, loadConfig } from "../modules/core/config";
import { createDb, type Db } from "../modules/core/db";
import type { Mailer } from "../modules/core/mail";
import { GuardrailService } from "../modules/guardrails";
import { type Auth, createAuth } from "../modules/identity/auth";
import { seedDevUsers } from "../modules/identity/seed";
import { UserAdminService } from "../modules/identity/users";
import {
  JobEngine,
  type JobMessage,
  JobRegistry,
  systemJobTypes,
  type WorkflowParams,
} from "../modules/jobs";
import { type LeadDeps, leadJobTypes, recordLeadEngagement, seedLeadsDemo } from "../modules/leads";
import {
  AlertService,
  ChannelNotConfigured,
  httpTransport,
  NotificationService,
  type NotifyMessage,
} from "../modules/notifications";
import {
  devClock,
  type OutreachClock,
  OutreachService,
  outreachJobTypes,
  PythonExecutor,
  PythonUnipileAdmin,
  parseDevClock,
  wallClock,
} from "../modules/outreach";
import { publisherFor, signalerFor } from "./realtime/publish";

/** Every feature's job types, one line each (NFR8). */
export const registry = new JobRegistry()
  .register(...systemJobTypes, ...contentJobTypes, ...leadJobTypes)
  .register(...outreachJobTypes);

export interface Services {
  config: AppConfig;
  db: Db;
  auth: Auth;
  engine: JobEngine;
  guard: GuardrailService;
  notifications: NotificationService;
  alerts: AlertService;
  users: UserAdminService;
  leads: LeadDeps;
  outreach: OutreachService;
}

/** Transactional email over the notifications email channel; unconfigured → alert, `undeliverable`. */
function mailerFor(config: AppConfig, alerts: AlertService): Mailer {
  const transport = httpTransport({
    emailApiUrl: config.email.apiUrl,
    emailApiKey: config.email.apiKey,
    from: config.email.from,
  });
  return {
    async send(to, subject, text) {
      try {
        await transport.email(to, subject, text);
        return "sent";
      } catch (err) {
        if (!(err instanceof ChannelNotConfigured)) throw err;
        await alerts.raise({
          kind: "channel_not_configured",
          message: `${err.message} Invitations and password resets cannot be emailed.`,
          dedupeKey: "channel_not_configured:email",
        });
        return "undeliverable";
      }
    },
  };
}

const cache = new WeakMap<object, Services>();
let seeded: Promise<void> | null = null;

/** Builds (once per isolate and env) the wired services the entrypoints share. */
export function services(env: Env): Services {
  const hit = cache.get(env);
  if (hit) return hit;
  const config = loadConfig(env as unknown as Record<string, unknown>);
  const db = createDb(env.DB);
  // The engine is built below with the guard's hooks; the guard asks it for counts only later.
  const guard = new GuardrailService(
    db,
    env.BUDGET,
    registry,
    (userId, since): Promise<Record<string, number>> => engine.countCreated(userId, since),
  );
  const alerts = new AlertService(db, config.adminSlackWebhookUrl);
  const notifications = new NotificationService(
    db,
    env.NOTIFY_QUEUE as Queue<NotifyMessage>,
    config.appUrl,
    config.isDev,
    registry,
    alerts,
  );
  const mailer = mailerFor(config, alerts);
  const auth = createAuth(db, config, mailer);
  const engine = new JobEngine({
    db,
    env,
    queue: env.JOBS_QUEUE as Queue<JobMessage>,
    workflow: env.JOB_WORKFLOW as Workflow<WorkflowParams>,
    publish: publisherFor(env, registry),
    registry,
    beforeEnqueue: [guard.beforeEnqueue],
    spend: guard,
    gate: guard,
    admission: guard.admission,
    onFinished: notifications.onFinished,
  });
  const built: Services = {
    config,
    db,
    auth,
    engine,
    guard,
    notifications,
    alerts,
    users: new UserAdminService(db, auth, mailer, config.appUrl, config.isDev),
    leads: { db, engine, webhookSecret: config.unipileWebhookSecret },
    outreach: outreachService(env, config, db, engine),
  };
  cache.set(env, built);
  return built;
}

/** Demo data per feature, development only; each seeder is idempotent. */
const devSeeders: Array<(db: Db, env: Env, engine: JobEngine) => Promise<void>> = [
  seedContentDemo,
  seedLeadsDemo,
];

export async function runDevSeeders(s: Services, env: Env): Promise<void> {
  await ensureDevSeed(s);
  for (const seed of devSeeders) await seed(s.db, env, s.engine);
}

/** Development seeds its users on first use in each isolate; never anywhere else. */
export function ensureDevSeed(s: Services): Promise<void> {
  if (!s.config.isDev) return Promise.resolve();
  seeded ??= seedDevUsers(s.db).catch((err) => {
    seeded = null;
    throw err;
  });
  return seeded;
}

/** Outreach wired to its ports: the per-account DO, the Python service, and leads' engagements. */
function outreachService(env: Env, config: AppConfig, db: Db, engine: JobEngine): OutreachService {
  const python = config.pythonServiceUrl
    ? { baseUrl: config.pythonServiceUrl.replace(/\/$/, ""), send: (req: Request) => fetch(req) }
    : {
        baseUrl: "http://lead-service",
        send: (req: Request) => env.LEAD_SERVICE.get(env.LEAD_SERVICE.idFromName("lead-service")).fetch(req),
      };
  return new OutreachService({
    db,
    signal: signalerFor(env),
    engine,
    budget: env.OUTREACH_BUDGET,
    executor: new PythonExecutor({ secret: config.pythonServiceSecret, ...python }),
    unipile: new PythonUnipileAdmin({ secret: config.pythonServiceSecret, userId: "outreach", ...python }),
    engagements: {
      record: async (e) => {
        // Engagements from Unipile are recorded as the lead's owner would see them: by the system.
        const owner = await db.query.leads.findFirst({ where: (l, { eq }) => eq(l.id, e.leadId) });
        const actor = actorFor(owner?.ownerId ?? "system", "admin", "job");
        return recordLeadEngagement(db, actor, { ...e, source: "unipile-webhook" });
      },
    },
    unipileConfigured: config.unipileConfigured,
    isDev: config.isDev,
    publicOrigin: config.publicOrigin.replace(/\/$/, ""),
    appUrl: config.appUrl,
    webhookSecret: config.unipileWebhookSecret,
    clock: outreachClock(config),
  });
}

/** The wall clock, or in development the time-lapse the local stack asked for. */
function outreachClock(config: AppConfig): OutreachClock {
  const lapse = config.isDev && config.outreachDevClock ? parseDevClock(config.outreachDevClock) : null;
  return lapse ? devClock(lapse.anchor, lapse.speed) : wallClock;
}
