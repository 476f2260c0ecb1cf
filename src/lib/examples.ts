/**
 * The examples of the OpenAPI document (docs/api-contract.md, "Descriptions and examples"), all
 * from one case: the Social(i)Makers partnership's competition "Be Social, Be Maker" (SPEC §3,
 * the same data as `npm run seed`), EUR 5,000 for the best educational proposal for 15–23-year-
 * olds in Central Europe, open 1 September – 31 October 2026 in Europe/Rome, and the Slovak team
 * proposal "I4I: Inspire for Innovation". The values agree with each other (ids, instants, hashes;
 * the receipt's signature verifies with the example public key), and test/openapi/examples.test.ts
 * validates each one against the schema it illustrates. Data only: no behaviour depends on it.
 */

export const ids = {
  organisation: '3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c',
  competition: '7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15',
  owner: '0e5d8f3a-2c1b-4a9e-b7d6-4f3e2a1c9b8d',
  manager: '1f3b5d7e-9a0c-4e2b-8d4f-6a8c0e2b4d5f',
  applicant: '9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c',
  teammate: '5c3e1a9f-7b2d-4e8c-9f6a-1b4d7e2c8a3f',
  proposal: 'd2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e',
  teamMember: '6b8d0f2a-4c6e-4b9d-8a1c-3e5f7b9d1a2c',
  invitedMember: 'a3c5e7f9-1b3d-4f5a-9c7e-2d4f6a8c0b1e',
  attachment: '8e0a2c4d-6f8b-4d1e-a3c5-7b9d1f3e5a6b',
  invitation: '2a4c6e8f-0b2d-4f6a-8c9e-1d3f5b7a9c0e',
  guardianConsent: '4d6f8a0b-2c4e-4a6c-b8d0-9e1f3a5c7b2d',
  /** Tomáš Baláž, 16, from Košice: another applicant, who needs a guardian's consent. */
  youngApplicant: 'e7a9c1b3-5d7f-4a1c-8e3b-0f2d4a6c8e1b',
  /** Judges of the "Be Social, Be Maker" panel. */
  judge: 'c4e6a8b0-2d4f-4c6e-9a8b-1d3f5a7c9e0b',
  judgeUser: 'b5d7f9a1-3c5e-4d7f-8b9a-2e4a6c8e0f1d',
  conflict: 'f6a8c0e2-4b6d-4e8f-9c1a-3f5b7d9e1a2c',
  plan: '0a2c4e6f-8b0d-4f2a-8c4e-6a8c0e2f4b6d',
  assignment: '1b3d5f7a-9c1e-4a3b-8d5f-7b9d1f3a5c7e',
  review: '2c4e6a8b-0d2f-4b4c-9e6a-8c0e2a4b6d8f',
} as const;

/** Instants as the API returns them: UTC, milliseconds (revisions, receipts and audit rows: microseconds). */
export const at = {
  organisationCreated: '2026-06-15T08:30:00.000Z',
  competitionCreated: '2026-07-01T09:15:00.000Z',
  published: '2026-07-15T10:00:00.000Z',
  /** 1 September 2026, 00:00 in Europe/Rome (CEST, +02:00). */
  opens: '2026-08-31T22:00:00.000Z',
  /** The end of 31 October 2026 in Europe/Rome: 1 November, 00:00 CET (+01:00); exclusive. */
  closes: '2026-10-31T23:00:00.000Z',
  /** closes + 300 s of grace. */
  effectiveCloses: '2026-10-31T23:05:00.000Z',
  rulesFrozen: '2026-09-14T11:20:05.133Z',
  proposalCreated: '2026-09-10T16:42:10.512Z',
  teammateAccepted: '2026-09-11T07:58:41.020Z',
  teamInvited: '2026-09-10T16:50:03.274Z',
  attachmentUploaded: '2026-10-27T21:14:52.906Z',
  firstSubmitted: '2026-10-20T18:31:09.774Z',
  /** The current (second) revision, exactly as stored: microseconds. */
  received: '2026-10-28T19:03:27.418362Z',
  receivedMs: '2026-10-28T19:03:27.418Z',
  /** An individual extension to the end of 3 November 2026 in Europe/Rome. */
  extensionCloses: '2026-11-03T23:00:00.000Z',
  extensionEffectiveCloses: '2026-11-03T23:05:00.000Z',
  extensionGranted: '2026-10-29T08:12:44.301Z',
} as const;

export const etag = '"v3"';

const countries = ['AT', 'CZ', 'DE', 'HR', 'HU', 'IT', 'PL', 'SI', 'SK'];

export const prizeRequest = { amount: 500000, currency: 'EUR', winners: 1 };
export const prize = { amount: 500000, currency: 'EUR', winners: 1, split: [500000] };

export const timingRequest = { opensAt: '2026-09-01', closesAt: '2026-10-31', timezone: 'Europe/Rome', gracePeriodSeconds: 300 };
export const timing = {
  opensAt: at.opens,
  closesAt: at.closes,
  timezone: 'Europe/Rome',
  gracePeriodSeconds: 300,
  effectiveClosesAt: at.effectiveCloses,
  local: { opensAt: '2026-09-01T00:00:00+02:00', closesAt: '2026-11-01T00:00:00+01:00', effectiveClosesAt: '2026-11-01T00:05:00+01:00' },
};

export const eligibility = {
  minAge: 15,
  maxAge: 23,
  ageReferenceDate: null,
  allowedCountries: countries,
  minTeamSize: 1,
  maxTeamSize: 5,
  maxProposalsPerApplicant: 1,
  guardianConsentUnderAge: 18,
};

export const formQuestion = {
  id: 'skills',
  type: 'multichoice',
  label: 'Social-innovation skills taught',
  help: 'Choose the competences of the Social Innovation Academy your programme teaches.',
  required: true,
  min: 1,
  options: ['Active citizenship', 'Social entrepreneurship', 'Technology for social good', 'Stakeholder engagement', 'Impact measurement', 'Financing', 'Policy'],
};

export const form = [
  { id: 'summary', type: 'longtext', label: 'Summary', help: 'What will participants learn, and how?', required: true, maxWords: 300 },
  {
    id: 'target_group',
    type: 'choice',
    label: 'Main target group',
    required: true,
    options: ['Secondary-school students (15–18)', 'Young adults (19–23)', 'Both'],
  },
  formQuestion,
  { id: 'participants', type: 'number', label: 'Expected number of participants', required: true, min: 1, max: 100000 },
  { id: 'tested_before', type: 'boolean', label: 'Has the programme been tested before?', required: true },
];

export const rubricCriterion = {
  id: 'social_impact',
  label: 'Social impact',
  description: 'Relevance for young people and expected change',
  weight: 40,
  scaleMin: 1,
  scaleMax: 10,
};
export const rubric = [
  rubricCriterion,
  { id: 'innovation', label: 'Innovation', description: 'Originality of content and format', weight: 30, scaleMin: 1, scaleMax: 10 },
  { id: 'feasibility', label: 'Feasibility', description: 'Plan, resources and capacity to deliver', weight: 30, scaleMin: 1, scaleMax: 10 },
];

export const tieBreak = { kind: 'criterion', criterionId: 'social_impact' };
export const judging = {
  reviewsPerProposal: 3,
  blind: true,
  aggregation: 'mean',
  normalisation: 'zscore',
  tieBreaks: [tieBreak, { kind: 'earliest_submission' }],
  judgingOpensAt: '2026-11-05',
  judgingClosesAt: '2026-11-30',
  shortlistSize: 10,
  showScoresToApplicants: true,
  bidding: true,
  bidTitlesInBlind: false,
  attachmentsForJudges: 'stripped',
  publishFullRanking: false,
};
export const judgingOut = { ...judging, judgingOpensAt: '2026-11-04T23:00:00.000Z', judgingClosesAt: '2026-11-30T23:00:00.000Z' };

const title = 'Be Social, Be Maker';
const summary =
  'EUR 5,000 for the best educational proposal teaching social-innovation skills and tools to young people aged 15–23 living in Central Europe.';
const description =
  'The Social(i)Makers partnership invites proposals for an educational programme that brings social innovation to young people ' +
  'aged 15 to 23 living in Austria, Czechia, Germany, Croatia, Hungary, Italy, Poland, Slovenia and Slovakia. One winner receives the whole prize.';

export const createCompetition = {
  title,
  summary,
  description,
  themes: ['education', 'youth', 'inclusion'],
  countries,
  challengeId: null,
  prize: prizeRequest,
  timing: timingRequest,
  eligibility,
  form,
  rubric,
  judging,
};

export const updateCompetition = {
  summary: `${summary} Applications in English, German, Slovak, Czech, Hungarian, Polish, Slovenian, Croatian or Italian.`,
  timing: { closesAt: '2026-11-02', gracePeriodSeconds: 600 },
};

export const competition = {
  id: ids.competition,
  organisationId: ids.organisation,
  challengeId: null,
  title,
  summary,
  description,
  themes: ['education', 'youth', 'inclusion'],
  countries,
  status: 'published',
  phase: 'open',
  prize,
  timing,
  eligibility,
  form,
  rubric,
  judging: judgingOut,
  rulesFrozenAt: at.rulesFrozen,
  publishedAt: at.published,
  version: 3,
  createdAt: at.competitionCreated,
  updatedAt: at.published,
};

export const competitionSummary = {
  id: ids.competition,
  organisationId: ids.organisation,
  organisationName: 'Social(i)Makers',
  challengeId: null,
  title,
  summary,
  themes: ['education', 'youth', 'inclusion'],
  countries,
  allowedCountries: countries,
  status: 'published',
  phase: 'open',
  prize,
  timing,
  publishedAt: at.published,
  version: 3,
};

/** base64url of `{"s":"closing_soon","k":"2026-10-31 23:00:00+00","id":"7b2e9c41-…"}`. */
export const competitionCursor = 'eyJzIjoiY2xvc2luZ19zb29uIiwiayI6IjIwMjYtMTAtMzEgMjM6MDA6MDArMDAiLCJpZCI6IjdiMmU5YzQxLTVkM2EtNGY2Yi04ZTFjLTJhOWQ0YjdjNmUxNSJ9';
/** base64url of `{"k":"2026-10-28 19:03:27.418362+00","id":"d2f4b6a8-…"}`. */
export const proposalCursor = 'eyJrIjoiMjAyNi0xMC0yOCAxOTowMzoyNy40MTgzNjIrMDAiLCJpZCI6ImQyZjRiNmE4LTNjNWUtNGE3Yi05ZDFmLThlNmM0YTJiMGQ5ZSJ9';
/** base64url of `audit:42`. */
export const auditCursor = 'YXVkaXQ6NDI';

export const extensionReason = 'The team’s school was closed for a week by flooding in Bratislava; deadline moved by three days.';
export const extension = {
  competitionId: ids.competition,
  userId: ids.applicant,
  displayName: 'Zuzana Kováčová',
  closesAt: at.extensionCloses,
  effectiveClosesAt: at.extensionEffectiveCloses,
  localClosesAt: '2026-11-04T00:00:00+01:00',
  reason: extensionReason,
  grantedBy: ids.owner,
  createdAt: at.extensionGranted,
};

export const auditEntry = {
  id: 42,
  competitionId: ids.competition,
  actorId: ids.owner,
  action: 'competition.extension_granted',
  subjectType: 'user',
  subjectId: ids.applicant,
  data: { userId: ids.applicant, closesAt: at.extensionCloses, previousClosesAt: null, reason: extensionReason },
  createdAt: '2026-10-29T08:12:44.301527Z',
  seal: {
    seq: 7,
    hash: 'f55ff16f66f43360266b95db6f8fec01d76031054306ae4a4b380598f6cfd114',
    prevHash: '2c3a4249d77070058649dbd822dcaf7957586fce428cfb2ca88b94741eda8b07',
    sealedAt: '2026-10-29T08:12:45.010Z',
  },
};
export const auditVerification = {
  competitionId: ids.competition,
  valid: true,
  sealedCount: 7,
  unsealedCount: 0,
  headHash: auditEntry.seal.hash,
  headSeq: 7,
};

export const organisationRequest = {
  name: 'Social(i)Makers',
  kind: 'ngo',
  country: 'IT',
  website: 'https://skyrocketplatform.eu',
  description:
    'Interreg CENTRAL EUROPE partnership of 13 organisations from 7 countries, led by Democenter-Sipe Foundation, building the ' +
    'skills of a community of social innovators in Central Europe.',
  themes: ['education', 'youth', 'inclusion'],
  sdgs: [4, 8, 10],
};
export const organisation = { id: ids.organisation, ...organisationRequest, createdAt: at.organisationCreated, updatedAt: at.organisationCreated };

export const member = {
  userId: ids.manager,
  displayName: 'Anna Gruber',
  email: 'anna.gruber@socialimakers.example.org',
  role: 'manager',
  joinedAt: '2026-06-16T13:05:22.480Z',
};
export const invitation = {
  id: ids.invitation,
  organisationId: ids.organisation,
  email: 'petra.novak@socialimakers.example.org',
  role: 'manager',
  status: 'pending',
  expiresAt: '2026-07-17T09:40:00.000Z',
  createdAt: '2026-07-03T09:40:00.000Z',
};

export const register = {
  email: 'zuzana.kovacova@example.sk',
  password: 'Kremnica-Orava-1848!',
  displayName: 'Zuzana Kováčová',
  country: 'SK',
  birthDate: '2005-03-14',
  locale: 'sk',
};
export const me = {
  id: ids.applicant,
  email: 'zuzana.kovacova@example.sk',
  emailVerified: true,
  displayName: 'Zuzana Kováčová',
  country: 'SK',
  birthDate: '2005-03-14',
  locale: 'sk',
  isAdmin: false,
  createdAt: '2026-09-08T17:21:36.155Z',
};
/** A token from an email link or a refresh: 32 random bytes, base64url. */
export const secretToken = 'q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A';
export const accessToken =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5YTdjNWUzYi0xZDJmLTRiNmEtOGM0ZS02ZTJkMWYzYTViN2MiLCJpYXQiOjE3OTI3NzM0MDAsImV4cCI6MTc5Mjc3NDAwMH0.' +
  'n5Xc0lB8m9Ob3ZkR2Q4V1pHdExsT2hZcE1ZT3ZzUQ';

export const answers = {
  summary:
    'A 12-week after-school programme in which secondary-school students in Bratislava, Brno and Győr design and test a small ' +
    'social venture for their own neighbourhood, coached by local social entrepreneurs.',
  target_group: 'Secondary-school students (15–18)',
  skills: ['Active citizenship', 'Social entrepreneurship', 'Impact measurement'],
  participants: 120,
  tested_before: true,
};
export const proposalTitle = 'I4I: Inspire for Innovation';

export const attachment = {
  id: ids.attachment,
  filename: 'i4i-budget-2027.pdf',
  contentType: 'application/pdf',
  size: 248731,
  sha256: '0af96a8ed622a394e8b2a239284ee46e9a7a7b0ec38191bbd08571b171118dd6',
  uploadedAt: at.attachmentUploaded,
};

export const teamMember = {
  id: ids.teamMember,
  userId: ids.teammate,
  displayName: 'Matej Horváth',
  email: 'matej.horvath@example.sk',
  status: 'accepted',
  invitedAt: at.teamInvited,
  respondedAt: at.teammateAccepted,
};
export const invitedTeamMember = {
  id: ids.invitedMember,
  userId: null,
  displayName: null,
  email: 'lucia.bartosova@example.sk',
  status: 'invited',
  invitedAt: '2026-10-02T15:11:48.630Z',
  respondedAt: null,
};

/** What revision 2 froze; `contentHash` is the SHA-256 of its canonical JSON. */
export const revisionContent = {
  proposalId: ids.proposal,
  competitionId: ids.competition,
  applicantId: ids.applicant,
  organisationId: null,
  title: proposalTitle,
  answers,
  team: [ids.teammate],
  attachments: [{ id: ids.attachment, filename: attachment.filename, contentType: attachment.contentType, size: attachment.size, sha256: attachment.sha256 }],
};
export const contentHash = '808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9';

export const receiptPublicKey = {
  keyId: 'a6428ec85933d791',
  algorithm: 'Ed25519',
  publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAfIvMWPeHx6dA9Vs6quy1v8Phb7a0JW/Wt/60VocvYJI=\n-----END PUBLIC KEY-----\n',
  jwk: { kty: 'OKP', crv: 'Ed25519', x: 'fIvMWPeHx6dA9Vs6quy1v8Phb7a0JW_Wt_60VocvYJI' },
};
export const receipt = {
  proposalId: ids.proposal,
  competitionId: ids.competition,
  revision: 2,
  contentHash,
  receivedAt: at.received,
  algorithm: 'Ed25519',
  keyId: receiptPublicKey.keyId,
  signature: '4aLGPMWlE_z8_0YIiXG8zNoxQParYxXBGK1yPcT28z32hUSniTGRX8m22VCpR9OxvN5yrnYOn4rY7rebWWEiCQ',
};

export const submitted = { revision: 2, contentHash, receivedAt: at.received, late: false };

export const proposal = {
  id: ids.proposal,
  competitionId: ids.competition,
  applicantId: ids.applicant,
  organisationId: null,
  status: 'submitted',
  view: 'draft',
  viewerRole: 'applicant',
  title: proposalTitle,
  answers,
  team: [teamMember, invitedTeamMember],
  attachments: [attachment],
  currentRevision: 2,
  submitted,
  unsubmittedChanges: false,
  eligibilityFacts: null,
  late: false,
  firstSubmittedAt: at.firstSubmitted,
  lastSubmittedAt: at.receivedMs,
  withdrawnAt: null,
  version: 9,
  createdAt: at.proposalCreated,
  updatedAt: at.receivedMs,
};
/** The same proposal as an organiser of the competition reads it. */
export const proposalForOrganiser = {
  ...proposal,
  view: 'submitted',
  viewerRole: 'organiser',
  team: [{ ...teamMember, email: null }],
  attachments: [revisionContent.attachments[0]],
  eligibilityFacts: { country: 'SK', birthDate: '2005-03-14', frozenAt: at.firstSubmitted, changedSince: [] },
};

export const proposalSummary = {
  id: ids.proposal,
  competitionId: ids.competition,
  applicantId: ids.applicant,
  organisationId: null,
  status: 'submitted',
  title: proposalTitle,
  currentRevision: 2,
  unsubmittedChanges: false,
  late: false,
  version: 9,
  updatedAt: at.receivedMs,
  viewerRole: 'applicant',
};

export const submittedProposal = {
  id: ids.proposal,
  status: 'submitted',
  applicantId: ids.applicant,
  applicantName: 'Zuzana Kováčová',
  applicantCountry: 'SK',
  eligibilityFactsChanged: [],
  organisationId: null,
  title: proposalTitle,
  currentRevision: 2,
  contentHash,
  receivedAt: at.received,
  late: false,
  firstSubmittedAt: at.firstSubmitted,
  withdrawnAt: null,
};

export const revisionSummary = {
  proposalId: ids.proposal,
  competitionId: ids.competition,
  revision: 2,
  contentHash,
  receivedAt: at.received,
  late: false,
  submittedBy: ids.applicant,
  current: true,
};

export const guardianConsent = {
  id: ids.guardianConsent,
  competitionId: ids.competition,
  applicantId: ids.youngApplicant,
  guardianEmail: 'jana.balazova@example.sk',
  status: 'confirmed',
  requestedAt: '2026-09-11T08:05:12.345Z',
  expiresAt: '2026-10-11T08:05:12.345Z',
  confirmedAt: '2026-09-11T19:47:03.882Z',
};
