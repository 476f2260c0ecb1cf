import { z } from 'zod';
import { MEMBER_ROLES, ORGANISATION_KINDS } from '../../db/schema/organisations.js';
import { CountryCode, Email, Instant, Sdg, Theme, Uuid } from '../../lib/schemas.js';

export const OrganisationKind = z.enum(ORGANISATION_KINDS);
export const MemberRole = z.enum(MEMBER_ROLES);

const profileFields = {
  name: z.string().trim().min(2).max(200),
  kind: OrganisationKind,
  country: CountryCode,
  website: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
  description: z.string().max(5000).nullable().optional(),
  themes: z.array(Theme).max(14).optional(),
  sdgs: z.array(Sdg).max(17).optional(),
};

export const CreateOrganisationBody = z.strictObject(profileFields).meta({ id: 'CreateOrganisationRequest' });

export const UpdateOrganisationBody = z
  .strictObject({
    name: profileFields.name.optional(),
    kind: OrganisationKind.optional(),
    country: CountryCode.optional(),
    website: profileFields.website,
    description: profileFields.description,
    themes: profileFields.themes,
    sdgs: profileFields.sdgs,
  })
  .meta({ id: 'UpdateOrganisationRequest' });

export const Organisation = z
  .object({
    id: Uuid,
    name: z.string(),
    kind: OrganisationKind,
    country: z.string(),
    website: z.string().nullable(),
    description: z.string().nullable(),
    themes: z.array(z.string()),
    sdgs: z.array(z.number().int()),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Organisation' });

export const MyOrganisation = Organisation.extend({ myRole: MemberRole }).meta({ id: 'MyOrganisation' });
export const MyOrganisationList = z.object({ items: z.array(MyOrganisation) }).meta({ id: 'MyOrganisationList' });

export const Member = z
  .object({
    userId: Uuid,
    displayName: z.string(),
    email: z.string().nullable().describe("Shown to owners and managers (and to each member for their own entry); null for other members' entries"),
    role: MemberRole,
    joinedAt: Instant,
  })
  .meta({ id: 'Member' });
export const MemberList = z.object({ items: z.array(Member) }).meta({ id: 'MemberList' });

export const CreateInvitationBody = z.strictObject({ email: Email, role: MemberRole }).meta({ id: 'CreateInvitationRequest' });
export const Invitation = z
  .object({
    id: Uuid,
    organisationId: Uuid,
    email: z.string(),
    role: MemberRole,
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    expiresAt: Instant,
    createdAt: Instant,
  })
  .meta({ id: 'Invitation' });
export const InvitationList = z.object({ items: z.array(Invitation) }).meta({ id: 'InvitationList' });
export const AcceptInvitationBody = z.strictObject({ token: z.string().min(1).max(200) }).meta({ id: 'AcceptInvitationRequest' });

export const ChangeRoleBody = z.strictObject({ role: MemberRole }).meta({ id: 'ChangeRoleRequest' });

export const OrganisationParams = z.object({ organisationId: Uuid });
export const MemberParams = z.object({ organisationId: Uuid, userId: Uuid });
export const InvitationParams = z.object({ organisationId: Uuid, invitationId: Uuid });
