CREATE TYPE "public"."proposal_status" AS ENUM('draft', 'submitted', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."proposal_member_status" AS ENUM('invited', 'accepted', 'declined');--> statement-breakpoint
CREATE TABLE "guardian_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"competition_id" uuid NOT NULL,
	"applicant_id" uuid NOT NULL,
	"proposal_id" uuid,
	"guardian_email" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guardian_consents_email_lower" CHECK ("guardian_consents"."guardian_email" = lower("guardian_consents"."guardian_email"))
);
--> statement-breakpoint
CREATE TABLE "proposal_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_attachments_size" CHECK ("proposal_attachments"."size" > 0 and "proposal_attachments"."size" = octet_length("proposal_attachments"."data")),
	CONSTRAINT "proposal_attachments_sha256_hex" CHECK ("proposal_attachments"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "proposal_attachments_filename" CHECK (char_length("proposal_attachments"."filename") between 1 and 255)
);
--> statement-breakpoint
CREATE TABLE "proposal_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"email" text NOT NULL,
	"user_id" uuid,
	"status" "proposal_member_status" DEFAULT 'invited' NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_members_email_lower" CHECK ("proposal_members"."email" = lower("proposal_members"."email")),
	CONSTRAINT "proposal_members_accepted_user" CHECK ("proposal_members"."status" = 'invited' or "proposal_members"."user_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "proposal_revisions" (
	"proposal_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"competition_id" uuid NOT NULL,
	"submitted_by" uuid,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	CONSTRAINT "proposal_revisions_proposal_id_revision_pk" PRIMARY KEY("proposal_id","revision"),
	CONSTRAINT "proposal_revisions_revision_positive" CHECK ("proposal_revisions"."revision" >= 1),
	CONSTRAINT "proposal_revisions_hash_hex" CHECK ("proposal_revisions"."content_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"competition_id" uuid NOT NULL,
	"applicant_id" uuid NOT NULL,
	"organisation_id" uuid,
	"status" "proposal_status" DEFAULT 'draft' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"current_revision" integer,
	"unsubmitted_changes" boolean DEFAULT true NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"first_submitted_at" timestamp with time zone,
	"last_submitted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposals_submitted_has_revision" CHECK ("proposals"."status" <> 'submitted' or "proposals"."current_revision" is not null),
	CONSTRAINT "proposals_revision_positive" CHECK ("proposals"."current_revision" is null or "proposals"."current_revision" >= 1),
	CONSTRAINT "proposals_title_length" CHECK (char_length("proposals"."title") <= 300)
);
--> statement-breakpoint
ALTER TABLE "guardian_consents" ADD CONSTRAINT "guardian_consents_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardian_consents" ADD CONSTRAINT "guardian_consents_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardian_consents" ADD CONSTRAINT "guardian_consents_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_attachments" ADD CONSTRAINT "proposal_attachments_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_attachments" ADD CONSTRAINT "proposal_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_members" ADD CONSTRAINT "proposal_members_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_members" ADD CONSTRAINT "proposal_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_members" ADD CONSTRAINT "proposal_members_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_revisions" ADD CONSTRAINT "proposal_revisions_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_revisions" ADD CONSTRAINT "proposal_revisions_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_revisions" ADD CONSTRAINT "proposal_revisions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "guardian_consents_token_key" ON "guardian_consents" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "guardian_consents_applicant_idx" ON "guardian_consents" USING btree ("competition_id","applicant_id");--> statement-breakpoint
CREATE INDEX "proposal_attachments_proposal_idx" ON "proposal_attachments" USING btree ("proposal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_members_email_key" ON "proposal_members" USING btree ("proposal_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_members_user_key" ON "proposal_members" USING btree ("proposal_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_members_token_key" ON "proposal_members" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "proposal_members_user_idx" ON "proposal_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "proposal_revisions_competition_idx" ON "proposal_revisions" USING btree ("competition_id","received_at");--> statement-breakpoint
CREATE INDEX "proposals_competition_idx" ON "proposals" USING btree ("competition_id","status");--> statement-breakpoint
CREATE INDEX "proposals_applicant_idx" ON "proposals" USING btree ("applicant_id","competition_id");