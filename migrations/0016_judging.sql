CREATE TYPE "public"."assignment_source" AS ENUM('automatic', 'manual');--> statement-breakpoint
CREATE TYPE "public"."judge_conflict_source" AS ENUM('declared_by_judge', 'declared_by_organiser');--> statement-breakpoint
CREATE TYPE "public"."judge_bid" AS ENUM('eager', 'willing', 'unwilling');--> statement-breakpoint
CREATE TYPE "public"."judge_status" AS ENUM('invited', 'accepted', 'declined', 'removed');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('draft', 'submitted');--> statement-breakpoint
CREATE TABLE "assignment_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"competition_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"input_digest" text NOT NULL,
	"plan" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"competition_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"judge_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"source" "assignment_source" NOT NULL,
	"plan_id" uuid,
	"explanation" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competition_results" (
	"competition_id" uuid PRIMARY KEY NOT NULL,
	"document" jsonb NOT NULL,
	"signature" text NOT NULL,
	"key_id" text NOT NULL,
	"prize_total" bigint NOT NULL,
	"override_reason" text,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judge_bids" (
	"judge_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"competition_id" uuid NOT NULL,
	"bid" "judge_bid" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "judge_bids_judge_id_proposal_id_pk" PRIMARY KEY("judge_id","proposal_id")
);
--> statement-breakpoint
CREATE TABLE "judge_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"competition_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"proposal_id" uuid,
	"organisation_id" uuid,
	"source" "judge_conflict_source" NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "judge_conflicts_target" CHECK (("judge_conflicts"."proposal_id" is null) <> ("judge_conflicts"."organisation_id" is null))
);
--> statement-breakpoint
CREATE TABLE "judges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"competition_id" uuid NOT NULL,
	"email" text NOT NULL,
	"user_id" uuid,
	"status" "judge_status" DEFAULT 'invited' NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"max_load" integer,
	"keep_reviews" boolean DEFAULT false NOT NULL,
	"invited_by" uuid,
	"responded_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "judges_max_load" CHECK ("judges"."max_load" is null or "judges"."max_load" >= 0),
	CONSTRAINT "judges_accepted_user" CHECK ("judges"."status" <> 'accepted' or "judges"."user_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "judging_decisions" (
	"competition_id" uuid PRIMARY KEY NOT NULL,
	"winners" jsonb NOT NULL,
	"departure_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"decided_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judging_round_proposals" (
	"round_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	CONSTRAINT "judging_round_proposals_round_id_proposal_id_pk" PRIMARY KEY("round_id","proposal_id")
);
--> statement-breakpoint
CREATE TABLE "judging_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"competition_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"reviews_per_proposal" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "judging_rounds_number" CHECK ("judging_rounds"."number" >= 1),
	CONSTRAINT "judging_rounds_reviews" CHECK ("judging_rounds"."reviews_per_proposal" >= 1)
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"competition_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"judge_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"status" "review_status" DEFAULT 'draft' NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment_for_applicant" text DEFAULT '' NOT NULL,
	"note_for_organisers" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_submitted_at" CHECK (("reviews"."status" = 'submitted') = ("reviews"."submitted_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "assignment_plans" ADD CONSTRAINT "assignment_plans_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_plans" ADD CONSTRAINT "assignment_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_plan_id_assignment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."assignment_plans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competition_results" ADD CONSTRAINT "competition_results_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competition_results" ADD CONSTRAINT "competition_results_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_bids" ADD CONSTRAINT "judge_bids_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_bids" ADD CONSTRAINT "judge_bids_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_bids" ADD CONSTRAINT "judge_bids_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_conflicts" ADD CONSTRAINT "judge_conflicts_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_conflicts" ADD CONSTRAINT "judge_conflicts_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_conflicts" ADD CONSTRAINT "judge_conflicts_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_conflicts" ADD CONSTRAINT "judge_conflicts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_conflicts" ADD CONSTRAINT "judge_conflicts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judges" ADD CONSTRAINT "judges_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judges" ADD CONSTRAINT "judges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judges" ADD CONSTRAINT "judges_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judging_decisions" ADD CONSTRAINT "judging_decisions_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judging_decisions" ADD CONSTRAINT "judging_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judging_round_proposals" ADD CONSTRAINT "judging_round_proposals_round_id_judging_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."judging_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judging_round_proposals" ADD CONSTRAINT "judging_round_proposals_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judging_rounds" ADD CONSTRAINT "judging_rounds_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judging_rounds" ADD CONSTRAINT "judging_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignment_plans_competition_idx" ON "assignment_plans" USING btree ("competition_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_pair_key" ON "assignments" USING btree ("competition_id","round","judge_id","proposal_id");--> statement-breakpoint
CREATE INDEX "assignments_judge_idx" ON "assignments" USING btree ("judge_id","round");--> statement-breakpoint
CREATE INDEX "assignments_proposal_idx" ON "assignments" USING btree ("proposal_id","round");--> statement-breakpoint
CREATE INDEX "judge_bids_competition_idx" ON "judge_bids" USING btree ("competition_id");--> statement-breakpoint
CREATE INDEX "judge_conflicts_judge_idx" ON "judge_conflicts" USING btree ("judge_id");--> statement-breakpoint
CREATE INDEX "judge_conflicts_competition_idx" ON "judge_conflicts" USING btree ("competition_id");--> statement-breakpoint
CREATE UNIQUE INDEX "judges_email_key" ON "judges" USING btree ("competition_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "judges_user_key" ON "judges" USING btree ("competition_id","user_id");--> statement-breakpoint
CREATE INDEX "judges_user_idx" ON "judges" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "judging_rounds_number_key" ON "judging_rounds" USING btree ("competition_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_assignment_key" ON "reviews" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "reviews_competition_idx" ON "reviews" USING btree ("competition_id","round");--> statement-breakpoint
CREATE INDEX "reviews_proposal_idx" ON "reviews" USING btree ("proposal_id");