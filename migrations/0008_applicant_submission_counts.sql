CREATE TABLE "applicant_submission_counts" (
	"competition_id" uuid NOT NULL,
	"applicant_id" uuid NOT NULL,
	"submitted" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "applicant_submission_counts_competition_id_applicant_id_pk" PRIMARY KEY("competition_id","applicant_id"),
	CONSTRAINT "applicant_submission_counts_not_negative" CHECK ("applicant_submission_counts"."submitted" >= 0)
);
--> statement-breakpoint
ALTER TABLE "applicant_submission_counts" ADD CONSTRAINT "applicant_submission_counts_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applicant_submission_counts" ADD CONSTRAINT "applicant_submission_counts_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The counters start from what is already stored.
INSERT INTO "applicant_submission_counts" ("competition_id", "applicant_id", "submitted")
SELECT "competition_id", "applicant_id", count(*)::int FROM "proposals" WHERE "status" = 'submitted' GROUP BY 1, 2;
