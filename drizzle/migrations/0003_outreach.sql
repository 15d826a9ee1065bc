CREATE TABLE `outreach_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`unipile_account_id` text,
	`name` text NOT NULL,
	`tier` text DEFAULT 'growth' NOT NULL,
	`time_zone` text DEFAULT 'America/Sao_Paulo' NOT NULL,
	`status` text DEFAULT 'connecting' NOT NULL,
	`paused_until` integer,
	`pause_reason` text,
	`next_check_at` integer DEFAULT 0 NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	`connected_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outreach_accounts_unipile_uq` ON `outreach_accounts` (`unipile_account_id`);--> statement-breakpoint
CREATE INDEX `outreach_accounts_owner_idx` ON `outreach_accounts` (`owner_id`);--> statement-breakpoint
CREATE INDEX `outreach_accounts_due_idx` ON `outreach_accounts` (`status`,`next_check_at`);--> statement-breakpoint
CREATE TABLE `automation_rules` (
	`account_id` text PRIMARY KEY NOT NULL,
	`active_from` text NOT NULL,
	`active_to` text NOT NULL,
	`weekdays` text NOT NULL,
	`daily_min` integer NOT NULL,
	`daily_max` integer NOT NULL,
	`weekly_cap` integer NOT NULL,
	`gap_minutes` integer NOT NULL,
	`gap_jitter_minutes` integer NOT NULL,
	`warmup_days` integer NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `outreach_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `linkedin_automation` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`lead_id` text,
	`kind` text NOT NULL,
	`target` text,
	`target_name` text,
	`text` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`approval_hash` text,
	`approved_by` text,
	`approved_at` integer,
	`scheduled_for` integer,
	`jitter_minutes` integer,
	`executed_at` integer,
	`error` text,
	`provider_ref` text,
	`parent_id` text,
	`withdrawal_id` text,
	`accepted_at` integer,
	`job_id` text,
	`reject_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `outreach_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `li_auto_account_status_idx` ON `linkedin_automation` (`account_id`,`status`,`scheduled_for`);--> statement-breakpoint
CREATE INDEX `li_auto_owner_idx` ON `linkedin_automation` (`owner_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `li_auto_lead_idx` ON `linkedin_automation` (`lead_id`);--> statement-breakpoint
CREATE INDEX `li_auto_target_idx` ON `linkedin_automation` (`account_id`,`target`);--> statement-breakpoint
CREATE TABLE `outreach_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` text NOT NULL,
	`action_id` text,
	`at` integer NOT NULL,
	`decision` text NOT NULL,
	`reason` text NOT NULL,
	`actor_id` text
);
--> statement-breakpoint
CREATE INDEX `outreach_decisions_action_idx` ON `outreach_decisions` (`action_id`,`at`);--> statement-breakpoint
CREATE INDEX `outreach_decisions_account_idx` ON `outreach_decisions` (`account_id`,`at`);--> statement-breakpoint
CREATE TABLE `outreach_webhook_events` (
	`id` text PRIMARY KEY NOT NULL,
	`event` text NOT NULL,
	`received_at` integer NOT NULL
);
