-- Website citations ("Do site"): the sentence a fact was read from.
ALTER TABLE `lead_sources` ADD `quote` text;--> statement-breakpoint
-- Issue #13, "what changed this week": the weekly diff reads versions by time.
CREATE INDEX `lead_versions_created_idx` ON `lead_versions` (`created_at`,`lead_id`);
