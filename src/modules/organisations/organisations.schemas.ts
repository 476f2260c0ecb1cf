import { z } from 'zod';
import { MEMBER_ROLES, ORGANISATION_KINDS } from '../../db/schema/organisations.js';
import * as ex from '../../lib/examples.js';
import { CountryCode, Email, Instant, instantOf, Sdg, Theme, uuidOf } from '../../lib/schemas.js';

export const OrganisationKind = z.enum(ORGANISATION_KINDS).describe('What kind of organisation it is');
export const MemberRole = z
  .enum(MEMBER_ROLES)
  .describe('`owner`: everything; `manager`: the profile, competitions, members and invitations, but no owner role; `member`: sees the organisation and its competitions, drafts included');

const profileFields = {
  name: z.string().trim().min(2).max(200).meta({ description: 'Public name, 2 to 200 characters', examples: ['Social(i)Makers'] }),
  kind: OrganisationKind,
  country: CountryCode.describe('Country of the registered office, ISO 3166-1 alpha-2'),
  website: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional()
    .meta({ description: 'http(s) URL of its website; null clears it', examples: ['https://skyrocketplatform.eu'] }),
  description: z.string().max(5000).nullable().optional().describe('Public presentation, plain text, at most 5,000 characters; null clears it'),
  themes: z.array(Theme).max(14).optional().describe('Fields it works in; default none'),
  sdgs: z.array(Sdg).max(17).optional().describe('UN Sustainable Development Goals it contributes to (1 to 17); default none'),
};

export const CreateOrganisationBody = z.strictObject(profileFields).meta({
  id: 'CreateOrganisationRequest',
  description: 'A new organisation; you become its owner',
  examples: [ex.organisationRequest],
});

export const UpdateOrganisationBody = z
  .strictObject({
    name: profileFields.name.optional().describe('Public name, 2 to 200 characters'),
    kind: OrganisationKind.optional(),
    country: CountryCode.optional().describe('Country of the registered office, ISO 3166-1 alpha-2'),
    website: profileFields.website,
    description: profileFields.description,
    themes: profileFields.themes.describe('Fields it works in; replaces the list'),
    sdgs: profileFields.sdgs.describe('UN Sustainable Development Goals (1 to 17); replaces the list'),
  })
  .meta({
    id: 'UpdateOrganisationRequest',
    description: 'Profile fields to change (owners and managers); fields left out are kept',
    examples: [{ website: 'https://socialimakers.example.org', sdgs: [4, 8, 10, 11] }],
  });

export const Organisation = z
  .object({
    id: uuidOf('The organisation’s id', ex.ids.organisation),
    name: z.string().meta({ description: 'Public name', examples: ['Social(i)Makers'] }),
    kind: OrganisationKind,
    country: z.string().meta({ description: 'Country of the registered office, ISO 3166-1 alpha-2', examples: ['IT'] }),
    website: z.string().nullable().meta({ description: 'http(s) URL; null when not given', examples: ['https://skyrocketplatform.eu'] }),
    description: z.string().nullable().describe('Public presentation, plain text; null when not given'),
    themes: z.array(z.string()).describe('Fields it works in'),
    sdgs: z.array(z.number().int()).describe('UN Sustainable Development Goals, 1 to 17'),
    createdAt: Instant.describe('When it was created; UTC, milliseconds'),
    updatedAt: Instant.describe('Last profile change; UTC'),
  })
  .meta({ id: 'Organisation', description: 'An organisation’s public profile', examples: [ex.organisation] });

export const MyOrganisation = Organisation.extend({ myRole: MemberRole.describe('Your role in it') }).meta({
  id: 'MyOrganisation',
  description: 'An organisation you belong to, with your role',
  examples: [{ ...ex.organisation, myRole: 'owner' }],
});
export const MyOrganisationList = z
  .object({ items: z.array(MyOrganisation).describe('Every organisation you belong to, by name') })
  .meta({ id: 'MyOrganisationList', description: 'Your organisations', examples: [{ items: [{ ...ex.organisation, myRole: 'owner' }] }] });

export const Member = z
  .object({
    userId: uuidOf('The member’s user id', ex.ids.manager),
    displayName: z.string().meta({ description: 'The member’s display name', examples: [ex.member.displayName] }),
    email: z
      .string()
      .nullable()
      .meta({
        description: "Shown to owners and managers (and to each member for their own entry); null for other members' entries",
        examples: [ex.member.email],
      }),
    role: MemberRole,
    joinedAt: Instant.describe('When they became a member; UTC'),
  })
  .meta({ id: 'Member', description: 'A member of an organisation', examples: [ex.member] });
export const MemberList = z
  .object({ items: z.array(Member).describe('Every member, in the order they joined') })
  .meta({ id: 'MemberList', description: 'The members of an organisation', examples: [{ items: [ex.member] }] });

export const CreateInvitationBody = z
  .strictObject({
    email: Email.meta({ description: 'Who to invite; the invitation link goes there (valid 14 days)', examples: [ex.invitation.email] }),
    role: MemberRole.describe('The role they get on accepting; only an owner may invite an owner'),
  })
  .meta({ id: 'CreateInvitationRequest', description: 'Invite someone by email', examples: [{ email: ex.invitation.email, role: 'manager' }] });
export const Invitation = z
  .object({
    id: uuidOf('The invitation’s id', ex.ids.invitation),
    organisationId: uuidOf('The organisation invited to', ex.ids.organisation),
    email: z.string().meta({ description: 'The invited address, lower case', examples: [ex.invitation.email] }),
    role: MemberRole,
    status: z
      .enum(['pending', 'accepted', 'revoked', 'expired'])
      .describe('`pending` until accepted, revoked or past `expiresAt` (then `expired`)'),
    expiresAt: instantOf('The link stops working at this instant; UTC', ex.invitation.expiresAt),
    createdAt: Instant.describe('When it was created; UTC, milliseconds'),
  })
  .meta({ id: 'Invitation', description: 'An invitation to join an organisation (owners and managers see them)', examples: [ex.invitation] });
export const InvitationList = z
  .object({ items: z.array(Invitation).describe('Invitations of the organisation, oldest first') })
  .meta({ id: 'InvitationList', description: 'The organisation’s invitations', examples: [{ items: [ex.invitation] }] });
export const AcceptInvitationBody = z
  .strictObject({ token: z.string().min(1).max(200).meta({ description: 'The token from the invitation link', examples: [ex.secretToken] }) })
  .meta({
    id: 'AcceptInvitationRequest',
    description: 'Accept an invitation, signed in with the account of the invited address',
    examples: [{ token: ex.secretToken }],
  });

export const ChangeRoleBody = z
  .strictObject({ role: MemberRole.describe('The new role; an organisation always keeps at least one owner') })
  .meta({ id: 'ChangeRoleRequest', description: 'Change a member’s role (owners and managers; only owners grant or take away `owner`)', examples: [{ role: 'owner' }] });

export const OrganisationParams = z.object({ organisationId: uuidOf('The organisation’s id', ex.ids.organisation) });
export const MemberParams = z.object({ organisationId: uuidOf('The organisation’s id', ex.ids.organisation), userId: uuidOf('The member’s user id', ex.ids.manager) });
export const InvitationParams = z.object({
  organisationId: uuidOf('The organisation’s id', ex.ids.organisation),
  invitationId: uuidOf('The invitation’s id', ex.ids.invitation),
});
