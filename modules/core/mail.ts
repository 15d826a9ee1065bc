/**
 * Sends one transactional email (invites, password resets) through the notifications email
 * channel. `undeliverable`: the channel is not configured here (an admin alert was raised).
 */
export interface Mailer {
  send(to: string, subject: string, text: string): Promise<"sent" | "undeliverable">;
}
