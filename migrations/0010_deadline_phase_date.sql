-- The rules of time, each written once in SQL; every statement that needs one calls it (all are
-- LANGUAGE sql without subqueries of their own or table functions, so the planner inlines them).
--
-- with_grace(): the instant after which nothing is accepted, given a deadline and the grace period.
CREATE FUNCTION with_grace(p_deadline timestamptz, p_grace_seconds integer)
RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT p_deadline + make_interval(secs => p_grace_seconds)
$$;
--> statement-breakpoint
-- competition_phase(): where a competition stands by the database clock. Drafts have no phase;
-- judging and later are closed; a published one is upcoming, open, or closed at the given
-- effective closing instant (the competition's own, or an applicant's with their extension).
CREATE FUNCTION competition_phase(p_status competition_status, p_opens_at timestamptz, p_effective_closes_at timestamptz)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN p_status = 'draft' THEN NULL
    WHEN p_status <> 'published' THEN 'closed'
    WHEN now() < p_opens_at THEN 'upcoming'
    WHEN now() < p_effective_closes_at THEN 'open'
    ELSE 'closed' END
$$;
--> statement-breakpoint
-- competition_local_date(): today in the competition's time zone by the database clock -- the
-- reference date of the age rules when the competition sets none.
CREATE FUNCTION competition_local_date(p_timezone text)
RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT (now() AT TIME ZONE p_timezone)::date
$$;
