CREATE UNIQUE INDEX "proposals_competition_id_key" ON "proposals" USING btree ("competition_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "judges_competition_id_key" ON "judges" USING btree ("competition_id","id");--> statement-breakpoint
ALTER TABLE "assignments" DROP CONSTRAINT "assignments_competition_id_competitions_id_fk";
--> statement-breakpoint
ALTER TABLE "assignments" DROP CONSTRAINT "assignments_judge_id_judges_id_fk";
--> statement-breakpoint
ALTER TABLE "assignments" DROP CONSTRAINT "assignments_proposal_id_proposals_id_fk";
--> statement-breakpoint
ALTER TABLE "assignments" DROP CONSTRAINT "assignments_plan_id_assignment_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_judge_fk" FOREIGN KEY ("competition_id","judge_id") REFERENCES "public"."judges"("competition_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_proposal_fk" FOREIGN KEY ("competition_id","proposal_id") REFERENCES "public"."proposals"("competition_id","id") ON DELETE cascade ON UPDATE no action;
