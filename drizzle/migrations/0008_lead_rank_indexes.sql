DROP INDEX `leads_score_idx`;--> statement-breakpoint
DROP INDEX `leads_owner_idx`;--> statement-breakpoint
DROP INDEX `leads_heat_idx`;--> statement-breakpoint
DROP INDEX `leads_updated_idx`;--> statement-breakpoint
DROP INDEX `leads_priority_idx`;--> statement-breakpoint
CREATE INDEX `leads_owner_rank_idx` ON `leads` (`owner_id`,cast(round("priority" * 100) as integer),`id`);--> statement-breakpoint
CREATE INDEX `leads_heat_rank_idx` ON `leads` (`heat`,cast(round("priority" * 100) as integer),`id`);--> statement-breakpoint
CREATE INDEX `leads_rank_priority_idx` ON `leads` (cast(round("priority" * 100) as integer),`id`);--> statement-breakpoint
CREATE INDEX `leads_rank_score_idx` ON `leads` (cast(round("lead_score" * 100) as integer),`id`);--> statement-breakpoint
CREATE INDEX `leads_updated_id_idx` ON `leads` (`updated_at`,`id`);