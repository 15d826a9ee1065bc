export { AlertService } from "./alerts";
export { alertRoutes, notificationRoutes } from "./routes";
export { NotifyMessage } from "./schema";
export { ChannelNotConfigured, httpTransport, NotificationService } from "./service";
