-- Submitted revisions are evidence (receipts are signed over them): rows are only ever inserted.
CREATE FUNCTION "proposal_revisions_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'proposal_revisions is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "proposal_revisions_append_only" BEFORE UPDATE OR DELETE ON "proposal_revisions"
  FOR EACH ROW EXECUTE FUNCTION "proposal_revisions_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "proposal_revisions_no_truncate" BEFORE TRUNCATE ON "proposal_revisions"
  FOR EACH STATEMENT EXECUTE FUNCTION "proposal_revisions_refuse_change"();
