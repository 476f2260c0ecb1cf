/**
 * The composition root: every service is built here once, in dependency order, and receives the
 * services it needs as typed dependencies. Route plugins get their service from here; no feature
 * builds another's. Per-process state (the proposal identity cache, the submit path's batching,
 * the rules-freeze de-duplication) therefore exists once per app.
 */
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { createReceiptSigner } from './lib/receipts.js';
import { createAccess } from './modules/access/access.js';
import { auditRowsSql } from './modules/audit/audit.service.js';
import { createCompetitionDirectory, createCompetitionService, type CompetitionService } from './modules/competitions/competitions.service.js';
import { eventsInsertSql, submittedPayloadSql } from './modules/events/events.js';
import { createIdentityService, type IdentityService } from './modules/identity/identity.service.js';
import { createMembershipDirectory, createOrganisationService } from './modules/organisations/organisations.service.js';
import { createJudgingService } from './modules/judging/judging.service.js';
import { createResultsService } from './modules/judging/results.service.js';
import { createExportService } from './modules/judging/exports.service.js';
import { createApplicantDirectory, createJudgingDirectory, createProposalService } from './modules/proposals/proposals.service.js';
import { createSubmissions } from './modules/proposals/submission.service.js';
import type { SubmissionSqlParts } from './modules/proposals/submission.queries.js';
import type { AccessTokenClaims } from './plugins/auth.js';

export interface ServiceDeps {
  config: Config;
  database: Database;
  /** Signs access tokens (the auth plugin's, built on @fastify/jwt). */
  signAccessToken(claims: AccessTokenClaims): string;
}

export function createServices({ config, database, signAccessToken }: ServiceDeps) {
  const { db } = database;
  const receipts = createReceiptSigner(config.receiptPrivateKey);
  const identity = createIdentityService({ db, config, signAccessToken });
  // Access decides on facts owned by organisations (roles) and competitions (owners): their
  // read-only directories come first, so the full services can depend on access.
  const memberships = createMembershipDirectory(db);
  const access = createAccess({ ...memberships, ...createCompetitionDirectory(db), emailVerified: identity.isEmailVerified });
  const organisations = createOrganisationService({ db, config, access, identity });
  const competitions = createCompetitionService({ db, access, identity, applicants: createApplicantDirectory(db),
    organisationName: organisations.sql.organisationName,
    organisationProfileKey: organisations.sql.organisationProfileKey,
    organisationProfile: organisations.get,
  });
  const submissions = createSubmissions({ db, access, competitions, receipts, sql: submissionSql({ identity, competitions }) });
  const proposals = createProposalService({ db, config, access, competitions, identity, receipts, submissions });
  const judgingDirectory = createJudgingDirectory(db);
  const judging = createJudgingService({ db, config, access, competitions, identity, proposals: judgingDirectory, memberships });
  const results = createResultsService({ db, access, competitions, identity, proposals: judgingDirectory, organisationProfile: organisations.get, judging, receipts });
  const exports = createExportService({ db, access, competitions, identity, proposals: judgingDirectory, organisationProfile: organisations.get, results });
  return { receipts, identity, access, organisations, competitions, proposals, judging, results, exports };
}

export type Services = ReturnType<typeof createServices>;

/** The SQL the submit path's statements take from the owners of the tables they read and write. */
export function submissionSql(owners: { identity: Pick<IdentityService, 'sql'>; competitions: Pick<CompetitionService, 'sql'> }): SubmissionSqlParts {
  return {
    personJoin: owners.identity.sql.personJoin,
    ...owners.competitions.sql,
    submittedPayload: submittedPayloadSql,
    eventsInsert: eventsInsertSql,
    auditRows: auditRowsSql,
  };
}
