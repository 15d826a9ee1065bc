export { notificationRoutes } from "./routes";
export { NotifyMessage } from "./schema";
export { httpTransport, NotificationService, type Transport } from "./service";
