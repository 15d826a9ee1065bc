-- domain.md §5.3 (ordering): the uncapped fit and the ranking score. Existing rows start from
-- their capped scores until they are ranked again.
ALTER TABLE `leads` ADD `raw_fit` real DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `leads` ADD `priority` real DEFAULT 0 NOT NULL;
--> statement-breakpoint
UPDATE `leads` SET `raw_fit` = `fit_score`, `priority` = `lead_score`;
--> statement-breakpoint
CREATE INDEX `leads_priority_idx` ON `leads` (`priority`,`id`);
