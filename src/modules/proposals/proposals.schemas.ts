import { z } from 'zod';
import { Email, Instant, PageCursor, PageLimit, Uuid } from '../../lib/schemas.js';
import { ReceiptSchema } from '../receipts/receipts.schemas.js';
import { ALLOWED_ATTACHMENT_TYPES } from './attachment-types.js';

const QuestionId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be a question id (letters, digits, _ . -)');

export const AnswerValue = z
  .union([z.string().max(100_000), z.number().finite(), z.boolean(), z.array(z.string().max(1000)).max(200)])
  .meta({ id: 'AnswerValue', description: 'text, number, boolean, or a list of options (multichoice)' });

export const Answers = z.record(QuestionId, AnswerValue).meta({ id: 'Answers', description: 'Answers by question id' });

const Title = z.string().trim().max(300);

export const CompetitionParams = z.object({ competitionId: Uuid });
export const ProposalParams = z.object({ proposalId: Uuid });
export const RevisionParams = z.object({ proposalId: Uuid, revision: z.coerce.number().int().min(1).max(1_000_000) });
export const MemberParams = z.object({ proposalId: Uuid, memberId: Uuid });
export const AttachmentParams = z.object({ proposalId: Uuid, attachmentId: Uuid });

export const CreateProposalBody = z
  .strictObject({
    title: Title.default(''),
    answers: Answers.default({}),
    organisationId: Uuid.nullable().default(null).describe('Submit on behalf of an organisation you are a member of'),
  })
  .meta({ id: 'CreateProposal' });

export const UpdateProposalBody = z
  .strictObject({
    title: Title.optional(),
    answers: z
      .record(QuestionId, AnswerValue.nullable())
      .optional()
      .describe('Merged into the draft (JSON merge patch): a question set to null is cleared, questions left out are kept'),
    organisationId: Uuid.nullable().optional(),
  })
  .meta({ id: 'UpdateProposal' });

export { IfMatchHeaders } from '../../lib/schemas.js';

export const TeamMember = z
  .object({
    id: Uuid,
    userId: Uuid.nullable(),
    displayName: z.string().nullable(),
    email: z.string().nullable().describe('Shown to the applicant and the team only'),
    status: z.enum(['invited', 'accepted', 'declined']),
    invitedAt: Instant,
    respondedAt: Instant.nullable(),
  })
  .meta({ id: 'ProposalTeamMember' });

export const Attachment = z
  .object({
    id: Uuid,
    filename: z.string(),
    contentType: z.enum(ALLOWED_ATTACHMENT_TYPES),
    size: z.number().int(),
    sha256: z.string(),
    uploadedAt: Instant.optional(),
  })
  .meta({ id: 'ProposalAttachment' });

export const SubmittedSummary = z
  .object({
    revision: z.number().int(),
    contentHash: z.string(),
    receivedAt: Instant,
    late: z.boolean(),
  })
  .meta({ id: 'SubmittedRevisionSummary' });

export const Proposal = z
  .object({
    id: Uuid,
    competitionId: Uuid,
    applicantId: Uuid,
    organisationId: Uuid.nullable(),
    status: z.enum(['draft', 'submitted', 'withdrawn']),
    view: z
      .enum(['draft', 'submitted'])
      .describe('Which content is shown: the working draft (applicant and team) or the current submitted revision (organisers)'),
    viewerRole: z.enum(['applicant', 'member', 'organiser']),
    title: z.string(),
    answers: Answers,
    team: z.array(TeamMember),
    attachments: z.array(Attachment),
    currentRevision: z.number().int().nullable(),
    submitted: SubmittedSummary.nullable().describe('The current submitted revision'),
    unsubmittedChanges: z.boolean().describe('The draft differs from the current revision (always true before the first submit)'),
    eligibilityFacts: z
      .object({
        country: z.string(),
        birthDate: z.string().nullable(),
        frozenAt: Instant,
        changedSince: z
          .array(z.enum(['country', 'birthDate']))
          .describe("Facts the applicant's profile states differently today; eligibility still decides on the frozen ones"),
      })
      .nullable()
      .describe("Organisers only (null otherwise): the applicant's country and birth date as frozen at their first submit to this competition, self-declared"),
    late: z.boolean(),
    firstSubmittedAt: Instant.nullable(),
    lastSubmittedAt: Instant.nullable(),
    withdrawnAt: Instant.nullable(),
    version: z.number().int().describe('Also sent as the ETag header'),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Proposal' });

export const ProposalSummary = Proposal.pick({
  id: true,
  competitionId: true,
  applicantId: true,
  organisationId: true,
  status: true,
  title: true,
  currentRevision: true,
  unsubmittedChanges: true,
  late: true,
  version: true,
  updatedAt: true,
})
  .extend({ viewerRole: z.enum(['applicant', 'member']) })
  .meta({ id: 'ProposalSummary' });


export const MyProposalsQuery = z.object({ competitionId: Uuid.optional(), limit: PageLimit, cursor: PageCursor });
export const MyProposalList = z.object({ items: z.array(ProposalSummary), nextCursor: z.string().nullable() }).meta({ id: 'ProposalSummaryList' });

export const CompetitionProposalsQuery = z.object({
  status: z.enum(['submitted', 'withdrawn']).default('submitted'),
  limit: PageLimit,
  cursor: PageCursor,
});

export const SubmittedProposal = z
  .object({
    id: Uuid,
    status: z.enum(['submitted', 'withdrawn']),
    applicantId: Uuid,
    applicantName: z.string(),
    applicantCountry: z.string().describe('As frozen at the first submit to this competition (what eligibility decided on)'),
    eligibilityFactsChanged: z
      .array(z.enum(['country', 'birthDate']))
      .describe("Frozen eligibility facts the applicant's profile states differently today (empty: unchanged)"),
    organisationId: Uuid.nullable(),
    title: z.string(),
    currentRevision: z.number().int(),
    contentHash: z.string(),
    receivedAt: Instant,
    late: z.boolean(),
    firstSubmittedAt: Instant,
    withdrawnAt: Instant.nullable(),
  })
  .meta({ id: 'SubmittedProposal' });

export const SubmittedProposalList = z
  .object({ items: z.array(SubmittedProposal), nextCursor: z.string().nullable() })
  .meta({ id: 'SubmittedProposalList' });

export const RevisionContent = z
  .object({
    proposalId: Uuid,
    competitionId: Uuid,
    applicantId: Uuid,
    organisationId: Uuid.nullable(),
    title: z.string(),
    answers: Answers,
    team: z.array(Uuid),
    attachments: z.array(z.object({ id: Uuid, filename: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string() })),
  })
  .meta({ id: 'ProposalRevisionContent', description: 'What a revision freezes; `contentHash` is the SHA-256 of its canonical JSON (RFC 8785 style)' });

export const RevisionSummary = z
  .object({
    proposalId: Uuid,
    competitionId: Uuid,
    revision: z.number().int(),
    contentHash: z.string(),
    receivedAt: Instant.describe('Database clock, microseconds'),
    late: z.boolean(),
    submittedBy: Uuid.nullable(),
    current: z.boolean(),
  })
  .meta({ id: 'ProposalRevisionSummary' });

export const RevisionList = z.object({ items: z.array(RevisionSummary) }).meta({ id: 'ProposalRevisionList' });

export const Revision = RevisionSummary.extend({ content: RevisionContent, receipt: ReceiptSchema }).meta({ id: 'ProposalRevision' });

export const SubmitResult = z
  .object({ proposal: Proposal, receipt: ReceiptSchema })
  .meta({ id: 'SubmitResult', description: 'The submitted proposal and a signed receipt; verify it with GET /v1/receipts/public-key' });

export const InviteMemberBody = z.strictObject({ email: Email }).meta({ id: 'InviteProposalMember' });
export const InvitationTokenBody = z.strictObject({ token: z.string().min(10).max(200) }).meta({ id: 'ProposalInvitationToken' });

export const GuardianConsentBody = z.strictObject({ guardianEmail: Email }).meta({ id: 'RequestGuardianConsent' });
export const GuardianConsentTokenBody = z.strictObject({ token: z.string().min(10).max(200) }).meta({ id: 'GuardianConsentToken' });
export const GuardianConsent = z
  .object({
    id: Uuid,
    competitionId: Uuid,
    applicantId: Uuid,
    guardianEmail: z.string(),
    status: z.enum(['pending', 'confirmed', 'expired']),
    requestedAt: Instant,
    expiresAt: Instant,
    confirmedAt: Instant.nullable(),
  })
  .meta({ id: 'GuardianConsent' });
export const GuardianConsentConfirmation = z
  .object({ confirmed: z.literal(true), competitionId: Uuid, competitionTitle: z.string(), confirmedAt: Instant })
  .meta({ id: 'GuardianConsentConfirmation' });

export const AttachmentUploadQuery = z.object({
  filename: z.string().min(1).max(255).optional().describe('File name; or send it in the `x-filename` header (URL-encoded)'),
});
