-- The one definition of an applicant's deadline: the competition's closing instant, or that
-- applicant's individual extension when it is later. Grace is added by callers that accept late
-- submissions. Inlined by the planner (a single-statement SQL function), so it costs nothing.
CREATE FUNCTION competition_deadline(p_competition_id uuid, p_closes_at timestamptz, p_user_id uuid)
RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT greatest(
    (SELECT e.closes_at FROM competition_extensions e WHERE e.competition_id = p_competition_id AND e.user_id = p_user_id),
    p_closes_at
  )
$$;
