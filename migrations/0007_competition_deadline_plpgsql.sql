-- competition_deadline() as PL/pgSQL. The SQL version (0006) holds a scalar subquery, so the
-- planner cannot inline it, and a non-inlined SQL function is parsed and planned again in every
-- statement that calls it: under a deadline rush that was a sixth of PostgreSQL's CPU. PL/pgSQL
-- keeps the lookup's plan for the session. Same signature, same result: the later of the
-- competition's closing instant and the applicant's individual extension.
CREATE OR REPLACE FUNCTION competition_deadline(p_competition_id uuid, p_closes_at timestamptz, p_user_id uuid)
RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
  extension_closes_at timestamptz;
BEGIN
  SELECT e.closes_at INTO extension_closes_at
  FROM competition_extensions e
  WHERE e.competition_id = p_competition_id AND e.user_id = p_user_id;
  RETURN greatest(extension_closes_at, p_closes_at);
END
$$;
