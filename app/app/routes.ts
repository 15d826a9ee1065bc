import { index, layout, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  route("sign-in", "routes/sign-in.tsx"),
  route("sign-out", "routes/sign-out.tsx"),
  route("invite", "routes/invite.tsx"),
  route("forgot-password", "routes/forgot-password.tsx"),
  route("reset-password", "routes/reset-password.tsx"),
  layout("routes/app-layout.tsx", [
    index("routes/home.tsx"),
    route("content", "routes/content.tsx"),
    route("content/library", "routes/content-library.tsx"),
    route("content/:id", "routes/content-detail.tsx"),
    route("leads", "routes/leads.tsx"),
    route("leads/:id", "routes/lead-detail.tsx"),
    route("outreach", "routes/outreach.tsx"),
    route("jobs/:id", "routes/job-detail.tsx"),
    route("admin", "routes/admin-overview.tsx"),
    route("admin/jobs", "routes/admin-jobs.tsx"),
    route("settings", "routes/settings.tsx"),
    route("settings/users", "routes/settings-users.tsx"),
    route("*", "routes/not-found.tsx"),
  ]),
] satisfies RouteConfig;
