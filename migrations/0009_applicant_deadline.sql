-- applicant_deadline(): the applicant's deadline as a table function. A LANGUAGE sql function
-- that returns a table and is called in FROM is inlined into the calling statement, subquery and
-- all, so the submit path's batched statements plan the extension lookup once, with the
-- statement, instead of entering PL/pgSQL for every row (PL/pgSQL was about a tenth of
-- PostgreSQL's CPU in a deadline rush). The rule itself is unchanged: the later of the
-- competition's closing instant and the applicant's individual extension. competition_deadline()
-- stays for scalar callers and now reads this one, so the rule is still written once.
CREATE FUNCTION applicant_deadline(p_competition_id uuid, p_closes_at timestamptz, p_user_id uuid)
RETURNS TABLE (deadline timestamptz)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT greatest(
    (SELECT e.closes_at FROM competition_extensions e WHERE e.competition_id = p_competition_id AND e.user_id = p_user_id),
    p_closes_at
  )
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION competition_deadline(p_competition_id uuid, p_closes_at timestamptz, p_user_id uuid)
RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
  RETURN (SELECT d.deadline FROM applicant_deadline(p_competition_id, p_closes_at, p_user_id) d);
END
$$;
