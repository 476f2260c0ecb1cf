CREATE TABLE "frozen_eligibility_facts" (
	"competition_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"country" text NOT NULL,
	"birth_date" date,
	"frozen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "frozen_eligibility_facts_competition_id_user_id_pk" PRIMARY KEY("competition_id","user_id"),
	CONSTRAINT "frozen_eligibility_facts_country_iso" CHECK ("frozen_eligibility_facts"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
ALTER TABLE "frozen_eligibility_facts" ADD CONSTRAINT "frozen_eligibility_facts_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frozen_eligibility_facts" ADD CONSTRAINT "frozen_eligibility_facts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;