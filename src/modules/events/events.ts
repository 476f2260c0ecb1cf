/**
 * The events module owns `domain_events` (the outbox): what happened, as one typed union of event
 * types and payloads, written in the transaction of the change it describes. Webhook deliveries
 * will make these payloads a public contract, so a payload is built here and nowhere else.
 */
import type { DbOrTx } from '../../db/client.js';
import { domainEvents } from '../../db/schema/events.js';

/** A competition moved along its lifecycle (`TRANSITIONS` in competitions.rules.ts). */
export interface CompetitionTransitioned {
  competitionId: string;
  title: string;
  from: string;
  to: string;
  closesAt: string;
}

export interface EventPayloads {
  'competition.published': CompetitionTransitioned;
  'competition.judging_started': CompetitionTransitioned;
  'competition.archived': CompetitionTransitioned;
  'competition.updated': { competitionId: string; fields: string[]; version: number };
  'competition.extended': { competitionId: string; previousClosesAt: string; closesAt: string; effectiveClosesAt: string };
  'competition.extension_granted': { competitionId: string; userId: string; closesAt: string; effectiveClosesAt: string };
  'competition.extension_revoked': { competitionId: string; userId: string };
  'proposal.submitted': ProposalSubmitted;
  'proposal.withdrawn': { proposalId: string; competitionId: string; revision: number | null };
  'results.published': CompetitionTransitioned;
  'judge.invited': { competitionId: string; judgeId: string };
  'judge.responded': { competitionId: string; judgeId: string; status: 'accepted' | 'declined' };
  'judge.removed': { competitionId: string; judgeId: string; keepReviews: boolean };
  'assignments.applied': { competitionId: string; round: number; planId: string | null; added: number };
  'review.submitted': { competitionId: string; proposalId: string; reviewId: string; round: number };
  'round.created': { competitionId: string; round: number; proposals: number };
}

/** `receivedAt` and `late` are the database's: the submit statement adds them (see `submittedEventsSql`). */
export interface ProposalSubmitted {
  proposalId: string;
  competitionId: string;
  revision: number;
  contentHash: string;
  receivedAt: string;
  late: boolean;
}

export type EventType = keyof EventPayloads;

export const EVENT_TYPES = [
  'competition.published',
  'competition.judging_started',
  'competition.archived',
  'competition.updated',
  'competition.extended',
  'competition.extension_granted',
  'competition.extension_revoked',
  'proposal.submitted',
  'proposal.withdrawn',
  'results.published',
  'judge.invited',
  'judge.responded',
  'judge.removed',
  'assignments.applied',
  'review.submitted',
  'round.created',
] as const satisfies readonly EventType[];

export type DomainEvent = {
  [T in EventType]: {
    type: T;
    organisationId: string;
    competitionId: string;
    /** The object the event is about (a competition, proposal or user id). */
    subjectId: string;
    payload: EventPayloads[T];
  };
}[EventType];

/** Writes one event in the caller's transaction: it exists exactly when the change commits. */
export async function recordEvent(tx: DbOrTx, event: DomainEvent): Promise<void> {
  await tx.insert(domainEvents).values({
    type: event.type,
    organisationId: event.organisationId,
    competitionId: event.competitionId,
    subjectId: event.subjectId,
    payload: event.payload as unknown as Record<string, unknown>,
  });
}

/** The part of a `proposal.submitted` payload known before the statement that stores the submission runs. */
export type SubmittedPayloadBase = Omit<ProposalSubmitted, 'receivedAt' | 'late'>;

/**
 * For statements that record many changes at once (proposals' submission writer). The payload
 * of `proposal.submitted` completed with what only the statement knows (`receivedAt`, `late`):
 * the keys `ProposalSubmitted` names, over the jsonb of a `SubmittedPayloadBase`.
 */
export function submittedPayloadSql(baseExpr: string, receivedAtIsoExpr: string, lateExpr: string): string {
  return `(${baseExpr} || jsonb_build_object('receivedAt', ${receivedAtIsoExpr}, 'late', ${lateExpr}))`;
}

/** The INSERT of events of one type from `source`, a relation with `organisation_id, competition_id, subject_id, data`. */
export function eventsInsertSql(type: EventType, source: string): string {
  if (!(EVENT_TYPES as readonly string[]).includes(type)) throw new Error(`unknown event type ${type}`);
  return `insert into domain_events (type, organisation_id, competition_id, subject_id, payload)
    select '${type}', s.organisation_id, s.competition_id, s.subject_id, s.data from ${source} s`;
}
