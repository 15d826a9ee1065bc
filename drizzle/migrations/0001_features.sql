CREATE TABLE `content_items` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`user_id` text NOT NULL,
	`job_id` text,
	`sequence_id` text,
	`sequence_index` integer,
	`topic` text NOT NULL,
	`profile` text NOT NULL,
	`persona_id` text,
	`language` text DEFAULT 'pt-BR' NOT NULL,
	`title` text,
	`body` text NOT NULL,
	`caption` text,
	`asset_keys` text NOT NULL,
	`pdf_key` text,
	`citations` text NOT NULL,
	`quality_score` real,
	`metadata` text NOT NULL,
	`offline` integer DEFAULT false NOT NULL,
	`reviewed_by` text,
	`reviewed_at` integer,
	`reject_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `content_user_idx` ON `content_items` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `content_seq_idx` ON `content_items` (`sequence_id`);--> statement-breakpoint
CREATE INDEX `content_job_idx` ON `content_items` (`job_id`);--> statement-breakpoint
CREATE TABLE `personas` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`profile` text NOT NULL,
	`audience` text NOT NULL,
	`tone_words` text NOT NULL,
	`do_rules` text NOT NULL,
	`dont_rules` text NOT NULL,
	`example_posts` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `product_images` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`r2_key` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`width` integer,
	`height` integer,
	`public_ok` integer DEFAULT false NOT NULL,
	`alt` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `product_images_product_idx` ON `product_images` (`product_id`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`category` text NOT NULL,
	`metadata` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cost_ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`job_id` text,
	`job_type` text,
	`model` text NOT NULL,
	`kind` text NOT NULL,
	`input_tokens` integer DEFAULT 0 NOT NULL,
	`output_tokens` integer DEFAULT 0 NOT NULL,
	`images` integer DEFAULT 0 NOT NULL,
	`usd` real NOT NULL,
	`day` text NOT NULL,
	`month` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cost_user_day_idx` ON `cost_ledger` (`user_id`,`day`);--> statement-breakpoint
CREATE INDEX `cost_day_idx` ON `cost_ledger` (`day`);--> statement-breakpoint
CREATE TABLE `guardrail_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`scope` text NOT NULL,
	`user_id` text,
	`message` text NOT NULL,
	`data` text,
	`day` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alerts_day_idx` ON `guardrail_alerts` (`day`,`kind`);--> statement-breakpoint
CREATE TABLE `notification_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`dedupe_key` text NOT NULL,
	`user_id` text NOT NULL,
	`job_id` text NOT NULL,
	`channel` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_uq` ON `notification_outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `notification_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `notification_settings` (
	`user_id` text PRIMARY KEY NOT NULL,
	`email` text,
	`slack_webhook_url` text,
	`enabled` integer DEFAULT false NOT NULL,
	`only_failures` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `lead_decision_makers` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`name` text NOT NULL,
	`headline` text,
	`profile_url` text,
	`provider_id` text,
	`source` text NOT NULL,
	`fetched_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lead_dm_lead_idx` ON `lead_decision_makers` (`lead_id`);--> statement-breakpoint
CREATE TABLE `lead_engagements` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`kind` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`source` text NOT NULL,
	`external_id` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lead_eng_lead_idx` ON `lead_engagements` (`lead_id`,`occurred_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `lead_eng_external_uq` ON `lead_engagements` (`external_id`);--> statement-breakpoint
CREATE TABLE `lead_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`field` text NOT NULL,
	`source` text NOT NULL,
	`url` text,
	`value` text,
	`job_id` text,
	`fetched_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lead_src_lead_idx` ON `lead_sources` (`lead_id`);--> statement-breakpoint
CREATE TABLE `lead_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`diff` text NOT NULL,
	`reason` text NOT NULL,
	`changed_by` text,
	`job_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lead_versions_uq` ON `lead_versions` (`lead_id`,`version`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`dedupe_key` text NOT NULL,
	`company` text NOT NULL,
	`website` text,
	`segment` text,
	`tier` integer,
	`products` text,
	`city` text,
	`state` text,
	`country` text,
	`linkedin_url` text,
	`employees` integer,
	`years_in_business` integer,
	`countries_served` integer,
	`certifications` text NOT NULL,
	`has_rnd` integer DEFAULT false NOT NULL,
	`is_manufacturer` integer DEFAULT false NOT NULL,
	`fit_score` real DEFAULT 0 NOT NULL,
	`engagement_score` real DEFAULT 0 NOT NULL,
	`lead_score` real DEFAULT 0 NOT NULL,
	`heat` text DEFAULT 'COLD' NOT NULL,
	`territory` text DEFAULT 'unassigned' NOT NULL,
	`owner_id` text,
	`owner_manual` integer DEFAULT false NOT NULL,
	`breakdown` text NOT NULL,
	`enrichment_status` text DEFAULT 'pending' NOT NULL,
	`enriched_at` integer,
	`ranked_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leads_dedupe_uq` ON `leads` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `leads_score_idx` ON `leads` (`lead_score`,`id`);--> statement-breakpoint
CREATE INDEX `leads_owner_idx` ON `leads` (`owner_id`,`lead_score`);--> statement-breakpoint
CREATE INDEX `leads_heat_idx` ON `leads` (`heat`,`lead_score`);--> statement-breakpoint
CREATE INDEX `leads_updated_idx` ON `leads` (`updated_at`);--> statement-breakpoint
CREATE TABLE `app_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
