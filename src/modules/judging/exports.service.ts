/**
 * The organiser's CSV exports of a competition (docs/judging.md, "Exports"): its proposals, its
 * reviews and its ranking. Proposals and reviews are read in keyset pages (EXPORT_PAGE rows by
 * id) and streamed, so an export of 30,000 rows holds one page; the ranking is computed whole
 * (scoring needs every review) and streamed out. Each export is audited: it carries applicants'
 * and judges' personal data.
 */
import type { Db } from '../../db/client.js';
import { current, transaction } from '../../db/unit-of-work.js';
import type { CsvColumn } from '../../lib/csv.js';
import { iso } from '../../lib/time.js';
import type { Access, Actor } from '../access/access.js';
import { appendAudit } from '../audit/audit.service.js';
import type { CompetitionService } from '../competitions/competitions.service.js';
import type { IdentityService } from '../identity/identity.service.js';
import type { JudgingDirectory } from '../proposals/proposals.service.js';
import * as queries from './judging.queries.js';
import type { ResultsService } from './results.service.js';
import { weightedScoreHundredths } from './scoring.js';

export const EXPORT_PAGE = 1000;
export const EXPORT_DATASETS = ['proposals', 'reviews', 'ranking'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];

export interface CsvExport {
  filename: string;
  columns: CsvColumn[];
  rows: AsyncIterable<Record<string, unknown>>;
}

export interface ExportDeps {
  db: Db;
  access: Access;
  competitions: Pick<CompetitionService, 'judgingFacts'>;
  identity: Pick<IdentityService, 'profiles'>;
  proposals: JudgingDirectory;
  organisationProfile: (organisationId: string) => Promise<{ name: string; country: string }>;
  results: Pick<ResultsService, 'ranking'>;
  /** Rows per keyset page (EXPORT_PAGE; smaller in tests of the paging). */
  pageSize?: number;
}

const col = (key: string, header = key): CsvColumn => ({ key, header });

export function createExportService({ db, access, competitions, identity, proposals, organisationProfile, results, pageSize = EXPORT_PAGE }: ExportDeps) {
  /** Organisation names and countries, looked up once per export. */
  function organisationCache() {
    const seen = new Map<string, Promise<{ name: string; country: string }>>();
    return (id: string) => {
      let found = seen.get(id);
      if (!found) seen.set(id, (found = organisationProfile(id)));
      return found;
    };
  }

  async function* proposalRows(competitionId: string) {
    const organisation = organisationCache();
    let after: string | null = null;
    for (;;) {
      const page = await proposals.exportPage(competitionId, after, pageSize);
      if (page.length === 0) return;
      const people = await identity.profiles([...new Set(page.map((p) => p.applicantId))]);
      for (const p of page) {
        const org = p.organisationId ? await organisation(p.organisationId) : null;
        yield {
          proposal_id: p.id,
          status: p.status,
          title: p.title,
          applicant_name: people.get(p.applicantId)?.displayName ?? '',
          organisation_name: org?.name ?? '',
          organisation_country: org?.country ?? '',
          team_size: p.teamSize,
          revision: p.revision,
          late: p.late,
          first_submitted_at: p.firstSubmittedAt ? iso(p.firstSubmittedAt) : '',
          last_submitted_at: p.lastSubmittedAt ? iso(p.lastSubmittedAt) : '',
          withdrawn_at: p.withdrawnAt ? iso(p.withdrawnAt) : '',
        };
      }
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.id;
    }
  }

  async function* reviewRows(competitionId: string, round: number | undefined, rubric: Awaited<ReturnType<CompetitionService['judgingFacts']>>['rubric']) {
    const panel = new Map((await queries.selectJudges(current(db), competitionId)).map((j) => [j.id, j]));
    const names = await identity.profiles([...panel.values()].flatMap((j) => (j.userId ? [j.userId] : [])));
    let after: string | null = null;
    for (;;) {
      const page = await queries.selectReviewsPage(current(db), competitionId, round, after, pageSize);
      if (page.length === 0) return;
      const titles = await proposals.submittedTitles([...new Set(page.map((r) => r.proposalId))]);
      for (const r of page) {
        const judge = panel.get(r.judgeId);
        const row: Record<string, unknown> = {
          review_id: r.id,
          round: r.round,
          proposal_id: r.proposalId,
          proposal_title: titles.get(r.proposalId) ?? '',
          judge_id: r.judgeId,
          judge_name: judge?.userId ? (names.get(judge.userId)?.displayName ?? '') : '',
          judge_email: judge?.email ?? '',
          judge_status: judge?.status ?? '',
          status: r.status,
          weighted_score: r.status === 'submitted' ? weightedScoreHundredths(rubric, r.scores) / 100 : '',
          comment_for_applicant: r.commentForApplicant,
          note_for_organisers: r.noteForOrganisers,
          submitted_at: r.submittedAt ? iso(r.submittedAt) : '',
          updated_at: iso(r.updatedAt),
        };
        for (const c of rubric) row[`score:${c.id}`] = r.scores[c.id] ?? '';
        yield row;
      }
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.id;
    }
  }

  return {
    /**
     * Checks the caller and returns the export's columns and its rows (read lazily as the
     * response is written). Organisers of the competition only.
     */
    async export(actor: Actor, competitionId: string, dataset: ExportDataset, query: { round?: number | undefined }): Promise<CsvExport> {
      await access.requireCompetitionOrganiser(actor, competitionId);
      const facts = await competitions.judgingFacts(competitionId);
      await transaction(db, (tx) =>
        appendAudit(tx, { competitionId, actorId: actor.userId, action: 'export.downloaded', subjectType: 'competition', subjectId: competitionId, data: { dataset, round: query.round ?? null } }),
      );
      const filename = `${dataset}-${competitionId}.csv`;
      if (dataset === 'proposals') {
        return {
          filename,
          columns: ['proposal_id', 'status', 'title', 'applicant_name', 'organisation_name', 'organisation_country', 'team_size', 'revision', 'late', 'first_submitted_at', 'last_submitted_at', 'withdrawn_at'].map((k) => col(k)),
          rows: proposalRows(competitionId),
        };
      }
      if (dataset === 'reviews') {
        const fixed = ['review_id', 'round', 'proposal_id', 'proposal_title', 'judge_id', 'judge_name', 'judge_email', 'judge_status', 'status', 'weighted_score'];
        return {
          filename,
          columns: [...fixed.map((k) => col(k)), ...facts.rubric.map((c) => col(`score:${c.id}`)), ...['comment_for_applicant', 'note_for_organisers', 'submitted_at', 'updated_at'].map((k) => col(k))],
          rows: reviewRows(competitionId, query.round, facts.rubric),
        };
      }
      const ranking = await results.ranking(actor, competitionId, query);
      async function* rankingRows() {
        for (const e of ranking.entries) {
          const row: Record<string, unknown> = {
            rank: e.rank,
            proposal_id: e.proposalId,
            title: e.title,
            score: e.score,
            raw_score: e.rawScore,
            normalised_score: e.normalisedScore ?? '',
            review_count: e.reviewCount,
            tie_break: e.tieBreak ?? '',
          };
          for (const c of e.criteria) row[`mean:${c.criterionId}`] = c.mean;
          yield row;
        }
      }
      return {
        filename: `ranking-round-${ranking.round}-${competitionId}.csv`,
        columns: [...['rank', 'proposal_id', 'title', 'score', 'raw_score', 'normalised_score', 'review_count', 'tie_break'].map((k) => col(k)), ...facts.rubric.map((c) => col(`mean:${c.id}`))],
        rows: rankingRows(),
      };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
