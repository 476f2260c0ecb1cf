import { z } from 'zod';
import * as ex from '../../lib/examples.js';
import { Email, Instant, instantOf, nextCursorOf, PageCursor, PageLimit, Uuid, uuidOf } from '../../lib/schemas.js';
import { ReceiptSchema } from '../receipts/receipts.schemas.js';
import { ALLOWED_ATTACHMENT_TYPES } from './attachment-types.js';
import { UploadedFile } from './attachment-upload.js';

const QuestionId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be a question id (letters, digits, _ . -)');

export const AnswerValue = z
  .union([z.string().max(100_000), z.number().finite(), z.boolean(), z.array(z.string().max(1000)).max(200)])
  .meta({
    id: 'AnswerValue',
    description: 'An answer: a string (text, longtext, url, choice; date as YYYY-MM-DD), a number, a boolean, or a list of options (multichoice)',
    examples: ['Secondary-school students (15–18)', 120, true, ['Active citizenship', 'Impact measurement']],
  });

export const Answers = z
  .record(QuestionId, AnswerValue)
  .meta({ id: 'Answers', description: 'Answers by question id (the form’s `id`s); checked against the form on submit', examples: [ex.answers] });

const Title = z.string().trim().max(300).meta({ description: 'The proposal’s title, at most 300 characters; needed to submit', examples: [ex.proposalTitle] });

export const CompetitionParams = z.object({ competitionId: uuidOf('The competition’s id', ex.ids.competition) });
const proposalIdParam = uuidOf('The proposal’s id', ex.ids.proposal);
export const ProposalParams = z.object({ proposalId: proposalIdParam });
export const RevisionParams = z.object({ proposalId: proposalIdParam, revision: z.coerce.number().int().min(1).max(1_000_000).describe('Revision number, from 1') });
export const MemberParams = z.object({ proposalId: proposalIdParam, memberId: uuidOf('The team member entry’s `id` (not the user id)', ex.ids.teamMember) });
export const AttachmentParams = z.object({ proposalId: proposalIdParam, attachmentId: uuidOf('The attachment’s id', ex.ids.attachment) });

export const CreateProposalBody = z
  .strictObject({
    title: Title.default(''),
    answers: Answers.default({}).describe('Answers so far, by question id; a draft may be incomplete'),
    organisationId: Uuid.nullable()
      .default(null)
      .meta({ description: 'Submit on behalf of an organisation you are a member of; null: as yourself', examples: [null, ex.ids.organisation] }),
  })
  .meta({
    id: 'CreateProposal',
    description: 'A new draft proposal; you are its applicant',
    examples: [{ title: ex.proposalTitle, answers: { target_group: ex.answers.target_group, participants: 120 }, organisationId: null }],
  });

export const UpdateProposalBody = z
  .strictObject({
    title: Title.optional(),
    answers: z
      .record(QuestionId, AnswerValue.nullable())
      .optional()
      .describe('Merged into the draft (JSON merge patch): a question set to null is cleared, questions left out are kept'),
    organisationId: Uuid.nullable()
      .optional()
      .meta({ description: 'Applicant only: the organisation you submit for; null: as yourself', examples: [null, ex.ids.organisation] }),
  })
  .meta({
    id: 'UpdateProposal',
    description: 'Changes to the draft (applicant and accepted team members)',
    examples: [{ answers: { skills: ex.answers.skills, tested_before: true, participants: null } }],
  });

export { IfMatchHeaders } from '../../lib/schemas.js';

export const TeamMember = z
  .object({
    id: uuidOf('The team member entry (use it to remove them)', ex.ids.teamMember),
    userId: Uuid.nullable().meta({ description: 'Their account; null until they respond', examples: [ex.ids.teammate] }),
    displayName: z.string().nullable().meta({ description: 'Their display name; null until they respond', examples: ['Matej Horváth'] }),
    email: z.string().nullable().meta({ description: 'The invited address; shown to the applicant and the team only (null for organisers)', examples: ['matej.horvath@example.sk'] }),
    status: z.enum(['invited', 'accepted', 'declined']).describe('Only accepted members count in the team and are frozen into a revision'),
    invitedAt: Instant.describe('When the invitation was sent; UTC'),
    respondedAt: Instant.nullable().describe('When they accepted or declined; UTC; null while invited'),
  })
  .meta({ id: 'ProposalTeamMember', description: 'A person invited to the proposal’s team', examples: [ex.teamMember, ex.invitedTeamMember] });

export const Attachment = z
  .object({
    id: uuidOf('The attachment’s id', ex.ids.attachment),
    filename: z.string().meta({ description: 'The file name given at upload', examples: [ex.attachment.filename] }),
    contentType: z.enum(ALLOWED_ATTACHMENT_TYPES).describe('Media type, checked against the file’s own bytes'),
    size: z.number().int().meta({ description: 'Bytes', examples: [ex.attachment.size] }),
    sha256: z.string().meta({ description: 'SHA-256 of the bytes, 64 hex digits', examples: [ex.attachment.sha256] }),
    uploadedAt: Instant.optional().describe('When it was uploaded; UTC'),
  })
  .meta({ id: 'ProposalAttachment', description: 'A file attached to the proposal', examples: [ex.attachment] });

export const SubmittedSummary = z
  .object({
    revision: z.number().int().describe('Revision number, from 1'),
    contentHash: z.string().meta({ description: 'SHA-256 (hex) of the revision’s canonical content', examples: [ex.contentHash] }),
    receivedAt: instantOf('When the server received it; UTC, microseconds', ex.at.received),
    late: z.boolean().describe('Received in the grace period after the (applicant’s) deadline'),
  })
  .meta({ id: 'SubmittedRevisionSummary', description: 'The current submitted revision, in short', examples: [ex.submitted] });

export const Proposal = z
  .object({
    id: uuidOf('The proposal’s id', ex.ids.proposal),
    competitionId: uuidOf('The competition', ex.ids.competition),
    applicantId: uuidOf('The applicant, who created it', ex.ids.applicant),
    organisationId: Uuid.nullable().meta({ description: 'The organisation it is submitted for; null: the applicant as a person', examples: [null, ex.ids.organisation] }),
    status: z.enum(['draft', 'submitted', 'withdrawn']).describe('`draft` until the first submit; `withdrawn` is final'),
    view: z
      .enum(['draft', 'submitted'])
      .describe('Which content is shown: the working draft (applicant and team) or the current submitted revision (organisers)'),
    viewerRole: z.enum(['applicant', 'member', 'organiser']).describe('Your relation to it: the applicant, a team member, or an organiser of the competition'),
    title: z.string().meta({ description: 'Title of the shown content', examples: [ex.proposalTitle] }),
    answers: Answers.describe('Answers of the shown content, by question id'),
    team: z.array(TeamMember).describe('The team: every invitation for applicant and team; accepted members for organisers'),
    attachments: z.array(Attachment).describe('Files of the shown content'),
    currentRevision: z.number().int().nullable().describe('Number of the current submitted revision; null before the first submit'),
    submitted: SubmittedSummary.nullable().describe('The current submitted revision'),
    unsubmittedChanges: z.boolean().describe('The draft differs from the current revision (always true before the first submit)'),
    eligibilityFacts: z
      .object({
        country: z.string().meta({ description: 'Country of residence, ISO 3166-1 alpha-2', examples: ['SK'] }),
        birthDate: z.string().nullable().describe('Date of birth, YYYY-MM-DD; null when not given'),
        frozenAt: Instant.describe('The first submit that froze them; UTC'),
        changedSince: z
          .array(z.enum(['country', 'birthDate']))
          .describe("Facts the applicant's profile states differently today; eligibility still decides on the frozen ones"),
      })
      .nullable()
      .describe("Organisers only (null otherwise): the applicant's country and birth date as frozen at their first submit to this competition, self-declared"),
    late: z.boolean().describe('The current revision arrived in the grace period'),
    firstSubmittedAt: Instant.nullable().describe('UTC; null before the first submit'),
    lastSubmittedAt: Instant.nullable().describe('UTC; null before the first submit'),
    withdrawnAt: Instant.nullable().describe('UTC; null unless withdrawn'),
    version: z.number().int().meta({ description: 'Increases with every change; also sent as the ETag `"v<version>"`: send it back in If-Match', examples: [9] }),
    createdAt: Instant.describe('When it was created; UTC, milliseconds'),
    updatedAt: Instant.describe('Last change; UTC'),
  })
  .meta({
    id: 'Proposal',
    description: 'A proposal as you may see it: applicant and team see the draft, organisers the current submitted revision',
    examples: [ex.proposal, ex.proposalForOrganiser],
  });

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
  .extend({ viewerRole: z.enum(['applicant', 'member']).describe('You are its applicant or a team member') })
  .meta({ id: 'ProposalSummary', description: 'One of your proposals, in short', examples: [ex.proposalSummary] });


export const MyProposalsQuery = z.object({
  competitionId: Uuid.optional().meta({ description: 'Only proposals to this competition', examples: [ex.ids.competition] }),
  limit: PageLimit,
  cursor: PageCursor,
});
export const MyProposalList = z
  .object({ items: z.array(ProposalSummary).describe('Proposals you are applicant or team member of, last changed first'), nextCursor: nextCursorOf(ex.proposalCursor) })
  .meta({ id: 'ProposalSummaryList', description: 'One page of your proposals', examples: [{ items: [ex.proposalSummary], nextCursor: null }] });

export const CompetitionProposalsQuery = z.object({
  status: z.enum(['submitted', 'withdrawn']).default('submitted').describe('Submitted or withdrawn proposals; drafts are never listed'),
  limit: PageLimit,
  cursor: PageCursor,
});

export const SubmittedProposal = z
  .object({
    id: uuidOf('The proposal’s id', ex.ids.proposal),
    status: z.enum(['submitted', 'withdrawn']).describe('`withdrawn` is final'),
    applicantId: uuidOf('The applicant', ex.ids.applicant),
    applicantName: z.string().meta({ description: 'The applicant’s display name', examples: ['Zuzana Kováčová'] }),
    applicantCountry: z.string().describe('As frozen at the first submit to this competition (what eligibility decided on)'),
    eligibilityFactsChanged: z
      .array(z.enum(['country', 'birthDate']))
      .describe("Frozen eligibility facts the applicant's profile states differently today (empty: unchanged)"),
    organisationId: Uuid.nullable().meta({ description: 'The organisation it is submitted for; null: the applicant as a person', examples: [null, ex.ids.organisation] }),
    title: z.string().meta({ description: 'Title of the current revision', examples: [ex.proposalTitle] }),
    currentRevision: z.number().int().describe('Number of the current revision, from 1'),
    contentHash: z.string().meta({ description: 'SHA-256 (hex) of the current revision’s canonical content', examples: [ex.contentHash] }),
    receivedAt: instantOf('When the current revision was received; UTC, microseconds', ex.at.received),
    late: z.boolean().describe('The current revision arrived in the grace period'),
    firstSubmittedAt: instantOf('The first submit; UTC', ex.at.firstSubmitted),
    withdrawnAt: Instant.nullable().describe('UTC; null unless withdrawn'),
  })
  .meta({ id: 'SubmittedProposal', description: 'A submitted proposal as organisers list it', examples: [ex.submittedProposal] });

export const SubmittedProposalList = z
  .object({ items: z.array(SubmittedProposal).describe('This page, first submitted first'), nextCursor: nextCursorOf(ex.proposalCursor) })
  .meta({ id: 'SubmittedProposalList', description: 'One page of a competition’s submitted proposals (organisers)', examples: [{ items: [ex.submittedProposal], nextCursor: ex.proposalCursor }] });

export const RevisionContent = z
  .object({
    proposalId: uuidOf('The proposal', ex.ids.proposal),
    competitionId: uuidOf('The competition', ex.ids.competition),
    applicantId: uuidOf('The applicant', ex.ids.applicant),
    organisationId: Uuid.nullable().meta({ description: 'The organisation it was submitted for; null: the applicant as a person', examples: [null, ex.ids.organisation] }),
    title: z.string().meta({ description: 'The title submitted', examples: [ex.proposalTitle] }),
    answers: Answers.describe('The answers submitted, without blanks'),
    team: z.array(Uuid).meta({ description: 'User ids of the accepted team members, the applicant excluded', examples: [[ex.ids.teammate]] }),
    attachments: z
      .array(
        z.object({
          id: uuidOf('The attachment’s id', ex.ids.attachment),
          filename: z.string().describe('File name'),
          contentType: z.string().describe('Media type'),
          size: z.number().int().describe('Bytes'),
          sha256: z.string().describe('SHA-256 of the bytes, hex'),
        }),
      )
      .describe('The files submitted, each fixed by its SHA-256'),
  })
  .meta({
    id: 'ProposalRevisionContent',
    description: 'What a revision freezes; `contentHash` is the SHA-256 of its canonical JSON (RFC 8785 style)',
    examples: [ex.revisionContent],
  });

export const RevisionSummary = z
  .object({
    proposalId: uuidOf('The proposal', ex.ids.proposal),
    competitionId: uuidOf('The competition', ex.ids.competition),
    revision: z.number().int().describe('Revision number, from 1'),
    contentHash: z.string().meta({ description: 'SHA-256 (hex) of the content’s canonical JSON', examples: [ex.contentHash] }),
    receivedAt: instantOf('When the server received it: database clock, UTC, microseconds', ex.at.received),
    late: z.boolean().describe('Received in the grace period'),
    submittedBy: Uuid.nullable().meta({ description: 'Who submitted it (applicant or a team member); null if that account is gone', examples: [ex.ids.applicant] }),
    current: z.boolean().describe('This is the revision organisers see and judge'),
  })
  .meta({ id: 'ProposalRevisionSummary', description: 'One submitted revision, in short', examples: [ex.revisionSummary] });

export const RevisionList = z
  .object({ items: z.array(RevisionSummary).describe('Every revision, oldest first') })
  .meta({ id: 'ProposalRevisionList', description: 'The proposal’s submitted revisions', examples: [{ items: [ex.revisionSummary] }] });

export const Revision = RevisionSummary.extend({
  content: RevisionContent.describe('What it froze'),
  receipt: ReceiptSchema.describe('The signed receipt of this revision'),
}).meta({
  id: 'ProposalRevision',
  description: 'One submitted revision with its content and receipt',
  examples: [{ ...ex.revisionSummary, content: ex.revisionContent, receipt: ex.receipt }],
});

export const SubmitResult = z
  .object({ proposal: Proposal.describe('The proposal after the submit'), receipt: ReceiptSchema.describe('Keep it: signed proof of what was received when') })
  .meta({
    id: 'SubmitResult',
    description: 'The submitted proposal and a signed receipt; verify it with GET /v1/receipts/public-key',
    examples: [{ proposal: ex.proposal, receipt: ex.receipt }],
  });

const emailToken = (description: string) => z.string().min(10).max(200).meta({ description, examples: [ex.secretToken] });

export const InviteMemberBody = z
  .strictObject({ email: Email.meta({ description: 'Who to invite to the team; the link goes there (valid 14 days)', examples: ['matej.horvath@example.sk'] }) })
  .meta({ id: 'InviteProposalMember', description: 'Invite someone to the proposal’s team (applicant only)', examples: [{ email: 'matej.horvath@example.sk' }] });
export const InvitationTokenBody = z
  .strictObject({ token: emailToken('The token from the team invitation link') })
  .meta({ id: 'ProposalInvitationToken', description: 'Accept or decline a team invitation', examples: [{ token: ex.secretToken }] });

export const GuardianConsentBody = z
  .strictObject({ guardianEmail: Email.meta({ description: 'The parent’s or guardian’s address; the consent link goes there (valid 30 days)', examples: [ex.guardianConsent.guardianEmail] }) })
  .meta({
    id: 'RequestGuardianConsent',
    description: 'Ask a guardian to consent to your taking part (applicants under the competition’s `guardianConsentUnderAge`)',
    examples: [{ guardianEmail: ex.guardianConsent.guardianEmail }],
  });
export const GuardianConsentTokenBody = z
  .strictObject({ token: emailToken('The token from the consent link; the guardian needs no account') })
  .meta({ id: 'GuardianConsentToken', description: 'The guardian confirms their consent', examples: [{ token: ex.secretToken }] });
export const GuardianConsent = z
  .object({
    id: uuidOf('The consent request’s id', ex.ids.guardianConsent),
    competitionId: uuidOf('The competition it is for', ex.ids.competition),
    applicantId: uuidOf('The applicant it is for', ex.ids.youngApplicant),
    guardianEmail: z.string().meta({ description: 'Where the consent link was sent', examples: [ex.guardianConsent.guardianEmail] }),
    status: z.enum(['pending', 'confirmed', 'expired']).describe('`pending` until the guardian confirms or the link expires'),
    requestedAt: Instant.describe('When the consent was asked for; UTC'),
    expiresAt: instantOf('The link stops working at this instant; UTC', ex.guardianConsent.expiresAt),
    confirmedAt: Instant.nullable().describe('UTC; null until confirmed'),
  })
  .meta({ id: 'GuardianConsent', description: 'A request for a guardian’s consent and its state', examples: [ex.guardianConsent] });
export const GuardianConsentConfirmation = z
  .object({
    confirmed: z.literal(true).describe('Always true'),
    competitionId: uuidOf('The competition consented to', ex.ids.competition),
    competitionTitle: z.string().meta({ description: 'Its title, to show the guardian', examples: ['Be Social, Be Maker'] }),
    confirmedAt: Instant.describe('When the guardian confirmed; UTC'),
  })
  .meta({
    id: 'GuardianConsentConfirmation',
    description: 'The guardian’s consent is recorded',
    examples: [{ confirmed: true, competitionId: ex.ids.competition, competitionTitle: 'Be Social, Be Maker', confirmedAt: ex.guardianConsent.confirmedAt }],
  });
export const GuardianConsentList = z
  .object({ items: z.array(GuardianConsent).describe('Your consent requests for this competition, newest first') })
  .meta({ id: 'GuardianConsentList', description: 'Your guardian consent requests for a competition', examples: [{ items: [ex.guardianConsent] }] });

export const AttachmentUploadQuery = z.object({
  filename: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe("The file's name, if not the one in the `file` part's Content-Disposition (which a client sending a bare Blob sets to `blob`)"),
});

/** The multipart form of an upload; the raw form is turned into the same shape (attachment-upload.ts). */
export const AttachmentUploadBody = z
  .strictObject({
    file: z
      .custom<UploadedFile>((value) => value instanceof UploadedFile, { message: 'must be one file part (with a filename in its Content-Disposition)' })
      .meta({
        type: 'string',
        format: 'binary',
        description:
          `The file, its name in the part's Content-Disposition and its type in the part's Content-Type: one of ${ALLOWED_ATTACHMENT_TYPES.join(', ')}. ` +
          'A part typed `application/octet-stream` is taken as the allowed type its bytes are.',
      }),
  })
  .meta({ id: 'ProposalAttachmentUpload', description: 'An attachment upload: `multipart/form-data` with exactly one part, `file`' });
