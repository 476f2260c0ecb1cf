CREATE TYPE "public"."competition_status" AS ENUM('draft', 'published', 'judging', 'results_published', 'archived');--> statement-breakpoint
CREATE TABLE "competition_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"competition_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"granted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"challenge_id" uuid,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "competition_status" DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"timezone" text NOT NULL,
	"grace_period_seconds" integer DEFAULT 0 NOT NULL,
	"prize_amount" bigint NOT NULL,
	"prize_currency" text NOT NULL,
	"prize_winners" integer DEFAULT 1 NOT NULL,
	"prize_split" bigint[] NOT NULL,
	"eligibility" jsonb NOT NULL,
	"form" jsonb NOT NULL,
	"rubric" jsonb NOT NULL,
	"judging" jsonb NOT NULL,
	"rules_frozen_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "competitions_window" CHECK ("competitions"."closes_at" > "competitions"."opens_at"),
	CONSTRAINT "competitions_grace" CHECK ("competitions"."grace_period_seconds" >= 0),
	CONSTRAINT "competitions_prize" CHECK ("competitions"."prize_amount" >= 0 and "competitions"."prize_winners" >= 1),
	CONSTRAINT "competitions_currency" CHECK ("competitions"."prize_currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "competition_extensions" ADD CONSTRAINT "competition_extensions_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competition_extensions" ADD CONSTRAINT "competition_extensions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competition_extensions" ADD CONSTRAINT "competition_extensions_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competitions" ADD CONSTRAINT "competitions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competitions" ADD CONSTRAINT "competitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "competition_extensions_user_key" ON "competition_extensions" USING btree ("competition_id","user_id");--> statement-breakpoint
CREATE INDEX "competitions_org_idx" ON "competitions" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "competitions_public_idx" ON "competitions" USING btree ("status","closes_at");