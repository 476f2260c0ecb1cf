/**
 * The submit path's two statements: one read that gathers every fact the submission rules need,
 * and one statement that stores submissions. Both are hand-written, named statements (planned
 * once, rows mapped directly) because a deadline rush is bound by them; see docs/proposals.md.
 * They read other features' tables only through SQL those features hand over (identity: a
 * person's facts; competitions: the deadline and the guard; events and audit: their rows).
 */
import type { Answers, RevisionContent, TEAM_MEMBER_STATUSES } from '../../db/schema/proposals.js';
import type { SubmissionFactsColumns } from '../competitions/competitions.service.js';
import type { SubmittedPayloadBase } from '../events/events.js';
import type { ProposalRow } from './proposals.queries.js';

type TeamMemberStatus = (typeof TEAM_MEMBER_STATUSES)[number];

/** The SQL other features hand to the submit path, in the shapes they document. */
export interface SubmissionSqlParts {
  /** identity: `left join lateral (…) alias` exposing display_name, email, country, birth_date of a user id expression. */
  personJoin(alias: string, userIdExpr: string): string;
  /** competitions: joins `c` (the competition) and `d` (the applicant's deadline). */
  submissionFactsJoin(competitionIdExpr: string, applicantIdExpr: string): string;
  /** competitions: the columns of `SubmissionFactsRow` that come from `c` and `d`. */
  submissionFactsColumns: string;
  /** competitions: the guard CTE body over an input relation. */
  submissionGuard(input: string): string;
  /** events: the payload expression of `proposal.submitted` and the INSERT of events from a source. */
  submittedPayload(baseExpr: string, receivedAtIsoExpr: string, lateExpr: string): string;
  eventsInsert(type: 'proposal.submitted', source: string): string;
  /** audit: the INSERT of audit rows from a source. */
  auditRows(source: string, action: string, subjectType: string): string;
}

export interface TeamJson {
  id: string;
  email: string;
  userId: string | null;
  status: TeamMemberStatus;
  displayName: string | null;
  country: string | null;
  birthDate: string | null;
  /** The member's facts as frozen for this competition (`frozen_eligibility_facts`); null when not frozen yet. */
  frozenCountry: string | null;
  frozenBirthDate: string | null;
  createdAt: string;
  respondedAt: string | null;
}

export interface AttachmentJson {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

/** The row of the facts statement, as the driver returns it. */
export interface SubmissionFactsRow extends SubmissionFactsColumns {
  id: string;
  competition_id: string;
  applicant_id: string;
  organisation_id: string | null;
  status: ProposalRow['status'];
  title: string;
  answers: Answers;
  current_revision: number | null;
  unsubmitted_changes: boolean;
  late: boolean;
  first_submitted_at: Date | null;
  last_submitted_at: Date | null;
  withdrawn_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  applicant_country: string;
  applicant_birth_date: string | null;
  /** The applicant's eligibility facts as frozen for this competition; null when not frozen yet. */
  frozen_country: string | null;
  frozen_birth_date: string | null;
  /** The current revision's hash and receipt facts (null before the first submit). */
  current_content_hash: string | null;
  current_received_at: string | null;
  current_late: boolean | null;
  has_guardian_consent: boolean;
  submitted_count: number;
  team: TeamJson[];
  attachments: AttachmentJson[];
}

/** The whole team of `proposals` (correlated on `proposals.id`), with each member's facts from identity. */
export function teamJsonSql(parts: SubmissionSqlParts): string {
  return `coalesce((
    select json_agg(json_build_object(
      'id', m.id, 'email', m.email, 'userId', m.user_id, 'status', m.status, 'displayName', mu.display_name,
      'country', mu.country, 'birthDate', mu.birth_date, 'frozenCountry', mf.country, 'frozenBirthDate', mf.birth_date::text,
      'createdAt', m.created_at, 'respondedAt', m.responded_at
    ) order by m.created_at, m.id)
    from proposal_members m ${parts.personJoin('mu', 'm.user_id')}
    left join frozen_eligibility_facts mf on mf.competition_id = proposals.competition_id and mf.user_id = m.user_id
    where m.proposal_id = proposals.id), '[]'::json)`;
}

const ATTACHMENTS_JSON = `coalesce((
    select json_agg(json_build_object(
      'id', a.id, 'filename', a.filename, 'contentType', a.content_type, 'size', a.size, 'sha256', a.sha256, 'createdAt', a.created_at
    ) order by a.created_at, a.id)
    from proposal_attachments a where a.proposal_id = proposals.id and a.removed_at is null), '[]'::json)`;

/** The proposals by id (`$1`, uuid[]) with every fact a submit decides on, by the database clock. */
export function submissionFactsSql(parts: SubmissionSqlParts): string {
  return `
  select proposals.id, proposals.competition_id, proposals.applicant_id, proposals.organisation_id,
    proposals.status, proposals.title, proposals.answers, proposals.current_revision, proposals.unsubmitted_changes,
    proposals.late, proposals.first_submitted_at, proposals.last_submitted_at, proposals.withdrawn_at,
    proposals.version, proposals.created_at, proposals.updated_at,
    u.country as applicant_country, u.birth_date as applicant_birth_date,
    ef.country as frozen_country, ef.birth_date::text as frozen_birth_date,
    cr.content_hash as current_content_hash, cr.late as current_late,
    to_char(cr.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as current_received_at,
    ${parts.submissionFactsColumns},
    exists (select 1 from guardian_consents g
      where g.competition_id = proposals.competition_id and g.applicant_id = proposals.applicant_id and g.confirmed_at is not null) as has_guardian_consent,
    coalesce((select k.submitted from applicant_submission_counts k
      where k.competition_id = proposals.competition_id and k.applicant_id = proposals.applicant_id), 0) as submitted_count,
    ${teamJsonSql(parts)} as team,
    ${ATTACHMENTS_JSON} as attachments
  from proposals
  ${parts.personJoin('u', 'proposals.applicant_id')}
  left join frozen_eligibility_facts ef on ef.competition_id = proposals.competition_id and ef.user_id = proposals.applicant_id
  left join proposal_revisions cr on cr.proposal_id = proposals.id and cr.revision = proposals.current_revision
  ${parts.submissionFactsJoin('proposals.competition_id', 'proposals.applicant_id')}
  where proposals.id = any($1::uuid[])`;
}

/** One submission to store, as the statement's `$1` JSON array carries it. */
export interface SubmissionInput {
  proposal_id: string;
  proposal_version: number;
  revision: number;
  competition_id: string;
  competition_version: number;
  applicant_id: string;
  submitted_by: string;
  local_date: string;
  content: RevisionContent;
  content_hash: string;
  /** The typed `proposal.submitted` payload without what the statement adds. */
  payload: SubmittedPayloadBase;
  first_submit: boolean;
  max_proposals: number;
  /** The people whose eligibility facts this submission freezes (first use, or a birth date added). */
  freeze_facts: FrozenFacts[];
  /** The facts the decision used, applicant and accepted team: the store refuses if frozen ones differ by now. */
  facts_used: FrozenFacts[];
}

/** One person's eligibility facts to freeze for a competition. */
export interface FrozenFacts {
  user_id: string;
  country: string;
  birth_date: string | null;
}

/** The one rule of freezing, shared by both statements: insert once; a missing birth date may be filled, nothing else changes. */
const FREEZE_CONFLICT = `on conflict (competition_id, user_id) do update set birth_date = excluded.birth_date
    where frozen_eligibility_facts.birth_date is null and excluded.birth_date is not null`;

/**
 * Freezes eligibility facts outside a submission (`$1` competition id, `$2` JSON array of
 * `FrozenFacts`): for a submit the rules refuse, whose own transaction stores nothing.
 */
export const FREEZE_FACTS_SQL = `
  insert into frozen_eligibility_facts (competition_id, user_id, country, birth_date)
  select $1::uuid, f.user_id, f.country, f.birth_date from jsonb_to_recordset($2::jsonb) as f(user_id uuid, country text, birth_date date)
  ${FREEZE_CONFLICT}`;

/**
 * Stores submissions -- an applicant's first of a proposal, or a resubmission -- in one statement
 * (`$1`: a JSON array of `SubmissionInput`, at most one per applicant). Each is judged alone and
 * stored only if, by the statement's `now()`, the competition still takes it (competitions'
 * guard: version, frozen rules, the applicant's deadline, the local date of the age rules), the
 * proposal is unchanged since the read (version and revision), the eligibility facts the
 * decision used are still the frozen ones (or none are frozen), and on a first submit the
 * applicant's quota counter could be raised (`submitted < max` on its latest version, waiting
 * for a concurrent submit of the same applicant). Locks: the competition FOR SHARE, the proposals
 * FOR UPDATE in id order. Revision, proposal, counter, frozen eligibility facts, event and audit
 * row are written together.
 * Returns the stored ones with `received_at` exactly as stored (microseconds) and `late`.
 */
export function storeSubmissionsSql(parts: SubmissionSqlParts): string {
  return `
  with input as (
    select * from jsonb_to_recordset($1::jsonb)
      as i(proposal_id uuid, proposal_version int, revision int, competition_id uuid, competition_version int, applicant_id uuid,
           submitted_by uuid, local_date date, content jsonb, content_hash text, payload jsonb, first_submit boolean, max_proposals int, freeze_facts jsonb, facts_used jsonb)
  ), window_ as (
    ${parts.submissionGuard('input')}
  ), proposal as (
    select p.id, i.first_submit from proposals p
    join input i on i.proposal_id = p.id
    where p.version = i.proposal_version and coalesce(p.current_revision, 0) = i.revision - 1
      and p.status = (case when i.first_submit then 'draft' else 'submitted' end)::proposal_status
      and exists (select 1 from window_ w where w.proposal_id = p.id)
      -- A concurrent submit (of another proposal, or on another instance) froze other facts since the read.
      and not exists (select 1 from jsonb_to_recordset(i.facts_used) as f(user_id uuid, country text, birth_date date)
        join frozen_eligibility_facts z on z.competition_id = i.competition_id and z.user_id = f.user_id
        where z.country <> f.country or (z.birth_date is not null and z.birth_date is distinct from f.birth_date))
    order by p.id
    for update of p
  ), counted as (
    insert into applicant_submission_counts (competition_id, applicant_id, submitted)
    select i.competition_id, i.applicant_id, 1 from proposal p join input i on i.proposal_id = p.id
    where p.first_submit
    order by i.competition_id, i.applicant_id
    on conflict (competition_id, applicant_id) do update set submitted = applicant_submission_counts.submitted + 1
      where applicant_submission_counts.submitted < (select i.max_proposals from input i
        where i.competition_id = excluded.competition_id and i.applicant_id = excluded.applicant_id)
    returning competition_id, applicant_id
  ), rev as (
    insert into proposal_revisions (proposal_id, revision, competition_id, submitted_by, content, content_hash, received_at, late)
    select i.proposal_id, i.revision, w.competition_id, i.submitted_by, i.content, i.content_hash, now(), w.late
    from proposal p
    join input i on i.proposal_id = p.id
    join window_ w on w.proposal_id = p.id
    where not p.first_submit
      or exists (select 1 from counted k where k.competition_id = i.competition_id and k.applicant_id = i.applicant_id)
    returning proposal_id, revision, competition_id, received_at, late,
      to_char(received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as received_at_iso
  ), frozen as (
    insert into frozen_eligibility_facts (competition_id, user_id, country, birth_date)
    select rev.competition_id, f.user_id, f.country, f.birth_date
    from rev join input i on i.proposal_id = rev.proposal_id
    cross join lateral jsonb_to_recordset(i.freeze_facts) as f(user_id uuid, country text, birth_date date)
    ${FREEZE_CONFLICT}
  ), updated as (
    update proposals p set
      status = 'submitted', current_revision = rev.revision, late = rev.late, unsubmitted_changes = false,
      first_submitted_at = coalesce(p.first_submitted_at, rev.received_at), last_submitted_at = rev.received_at,
      version = p.version + 1, updated_at = rev.received_at
    from rev where p.id = rev.proposal_id
    returning p.id
  ), recorded as (
    select w.organisation_id, rev.competition_id, rev.proposal_id as subject_id, i.submitted_by as actor_id,
      ${parts.submittedPayload('i.payload', 'rev.received_at_iso', 'rev.late')} as data
    from rev join input i on i.proposal_id = rev.proposal_id join window_ w on w.proposal_id = rev.proposal_id
  ), event as (
    ${parts.eventsInsert('proposal.submitted', 'recorded')}
  ), audit as (
    ${parts.auditRows('recorded', 'proposal.submitted', 'proposal')}
  )
  select rev.proposal_id, rev.received_at_iso as received_at, rev.late from rev join updated on updated.id = rev.proposal_id`;
}

export interface StoredRow {
  proposal_id: string;
  received_at: string;
  late: boolean;
}
