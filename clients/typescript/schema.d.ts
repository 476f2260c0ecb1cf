// Generated from openapi/openapi.json by clients/typescript/generate.ts (`npm run client:generate`). Do not edit.

export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The process is up
         * @description Public, not rate limited, touches nothing: a liveness probe. Restart the instance only when this fails.
         */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ready for traffic: the database answers and the server is not shutting down
         * @description Public, not rate limited: a readiness probe that pings the database. Route traffic to the instance only while this answers 200.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/receipts/public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The public key that verifies submission receipts
         * @description Public. Use it to check a receipt offline, e.g. with `crypto.verify(null, message, publicKey, signature)` in Node.js; it changes only with a redeploy (cached for an hour).
         */
        get: operations["getReceiptPublicKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/receipts/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check that a receipt was signed by this API and not altered
         * @description Public: anyone holding a receipt (an applicant, a judge, a court) asks whether its signature is valid; an altered receipt answers 200 with `valid: false`, a malformed one 422.
         */
        post: operations["verifyReceipt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account (the answer never reveals whether the address is taken)
         * @description Public. Always `202` for a well-formed request, whether or not the address already has an account (the owner of a taken address gets an email instead), so the answer cannot be used to find accounts. The password is checked for strength (`422 VALIDATION_FAILED` names each problem). Limited per address.
         */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange email and password for an access token and a refresh token
         * @description Public. A wrong email or password is the same `401 INVALID_CREDENTIALS`; failed logins for an account from one address are throttled with a doubling wait (`429 LOGIN_THROTTLED`).
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a refresh token; a reused token revokes every session of its login
         * @description Public (the refresh token is the credential). Each refresh token works once: store the new pair. Presenting a used one again revokes every session of that login (`REFRESH_TOKEN_REUSED`).
         */
        post: operations["refreshTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke the session (the refresh token family)
         * @description Public (the refresh token is the credential). Revokes the login the token belongs to; an unknown or already revoked token also answers `204`.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a password reset link (the answer never reveals whether the address exists)
         * @description Public. Always `202`, whether or not an account uses the address. Limited per address and per account.
         */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with an emailed token; every session is revoked
         * @description Public (the emailed token is the credential, usable once). The new password is checked for strength; every session of the account is revoked.
         */
        post: operations["completePasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm an email address with the emailed token
         * @description Public (the emailed token is the credential, usable once). A confirmed address is needed to organise (`EMAIL_NOT_VERIFIED` otherwise).
         */
        post: operations["verifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My account
         * @description The logged-in user’s profile, email address and whether it is confirmed.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update my profile (email, role and admin flags cannot be set here)
         * @description The logged-in user changes their own profile; unknown fields, including email, role and admin flags, are refused (`422 VALIDATION_FAILED`).
         */
        patch: operations["updateMe"];
        trace?: never;
    };
    "/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change my password; every session is revoked
         * @description The logged-in user sends the current password and a new one (checked for strength); a wrong current password is `422 VALIDATION_FAILED` on `currentPassword`.
         */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/verification-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the address confirmation email again
         * @description The logged-in user asks for a new confirmation link; nothing is sent when the address is already confirmed.
         */
        post: operations["resendVerificationEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an organisation; you become its owner
         * @description Any logged-in user with a confirmed email address creates an organisation and becomes its first owner.
         */
        post: operations["createOrganisation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Organisations I belong to, with my role
         * @description Every organisation the logged-in user is a member of, with their role in it.
         */
        get: operations["listMyOrganisations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{organisationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Public profile of an organisation
         * @description Public, no token needed: the name and profile an organisation shows to everyone.
         */
        get: operations["getOrganisation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update the profile (owners and managers)
         * @description Owners and managers change the public profile; other members get 403, non-members 404.
         */
        patch: operations["updateOrganisation"];
        trace?: never;
    };
    "/v1/organisations/{organisationId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Members and their roles (members only)
         * @description Any member lists the members and their roles; non-members get 404, as if the organisation did not exist.
         */
        get: operations["listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{organisationId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member, or leave when it is you
         * @description Owners and managers remove members (only owners remove owners); any member may remove themselves. The last owner cannot leave (`LAST_OWNER`).
         */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        /**
         * Change a member's role (owners; managers for non-owner roles)
         * @description Owners change any role; managers only between non-owner roles. The last owner cannot be demoted (`LAST_OWNER`).
         */
        patch: operations["changeMemberRole"];
        trace?: never;
    };
    "/v1/organisations/{organisationId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Invitations of the organisation (owners and managers)
         * @description Owners and managers list the invitations and their state.
         */
        get: operations["listInvitations"];
        put?: never;
        /**
         * Invite someone by email with a role (owners and managers; only owners invite owners)
         * @description Owners and managers with a confirmed email address invite by email; the invitee accepts with the emailed token. The address receives at most a few of these an hour.
         */
        post: operations["inviteMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{organisationId}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a pending invitation
         * @description Owners and managers with a confirmed email address revoke an invitation that was not accepted yet; its token stops working.
         */
        delete: operations["revokeInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation with the emailed token (logged in with the invited address)
         * @description The invitee, logged in with the address the invitation was sent to, joins the organisation with the invited role.
         */
        post: operations["acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{organisationId}/competitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * All competitions of an organisation, drafts included (members)
         * @description Any member of the organisation lists its competitions in every status, newest first, cursor-paginated (`nextCursor`). Non-members get 404, as if the organisation did not exist.
         */
        get: operations["listOrganisationCompetitions"];
        put?: never;
        /**
         * Create a draft competition (owners and managers)
         * @description Owners and managers of the organisation create a competition in `draft`; only they see it until it is published. Every configuration problem is reported at once (`422 VALIDATION_FAILED`, `errors[].field` names each). Date-only `opensAt`/`closesAt` mean the start/end of that day in `timing.timezone`; the response echoes the exact instants. Send an `Idempotency-Key` to make a retry safe.
         */
        post: operations["createCompetition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{organisationId}/public": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An organisation’s public page: its profile and its public competitions
         * @description Public, no token needed: the organisation’s profile and the first page of its public competitions (published, in judging or with published results), closing soonest first. No member data, never drafts, not even for members. `phase` is derived from the database clock. An unknown id is `404 NOT_FOUND`.
         */
        get: operations["getOrganisationPublicPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/competitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Published competitions, filtered and cursor-paginated
         * @description Public, no token needed: competitions that are published, in judging or with published results (never drafts or archived ones), cursor-paginated. `phase` is derived from the database clock. A bad filter or cursor is `422 VALIDATION_FAILED`.
         */
        get: operations["listCompetitions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/competitions/{competitionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A competition with its phase and exact closing instant
         * @description Public once published; a draft only for members of the owning organisation, who send their bearer token (optional here). Anyone else gets 404 for a draft. The `ETag` is the version to send in `If-Match` when changing it.
         */
        get: operations["getCompetition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a competition (owners and managers); what may change depends on its status
         * @description Owners and managers change any fields of a draft. `If-Match` is optional; when sent, a stale version is refused with `412 PRECONDITION_FAILED`. After publication: prize and time zone are fixed (`FIELD_LOCKED`), opensAt until it opens, closesAt and grace only grow once open (`CLOSES_AT_NOT_EXTENDABLE`, `GRACE_PERIOD_NOT_REDUCIBLE`), eligibility/form/rubric until the first submission (`RULES_FROZEN`); such changes are audited. An archived competition never changes.
         */
        patch: operations["updateCompetition"];
        trace?: never;
    };
    "/v1/competitions/{competitionId}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a draft: it becomes public, upcoming or open by the clock
         * @description Owners and managers with a confirmed email address publish a draft. Every missing or inconsistent part is listed at once (`422 COMPETITION_INCOMPLETE`); a competition that is not a draft is `409 INVALID_TRANSITION`. The body is optional (an optional `reason`, kept in the audit log); `If-Match` is optional too.
         */
        post: operations["publishCompetition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/competitions/{competitionId}/start-judging": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a closed competition into judging
         * @description Owners and managers start judging once the deadline including grace has passed and no individual extension is still running; submissions are then final. The body is optional (an optional `reason`, kept in the audit log); `If-Match` is optional too.
         */
        post: operations["startCompetitionJudging"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/competitions/{competitionId}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive a competition (from any status); it stays readable if it was ever published
         * @description Owners and managers archive a competition in any status; it no longer changes, and stays publicly readable if it was ever published. The body is optional (an optional `reason`, kept in the audit log); `If-Match` is optional too.
         */
        post: operations["archiveCompetition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/competitions/{competitionId}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move the closing instant later (published competitions); audited, emits competition.extended
         * @description Owners and managers move `closesAt` of a published competition later (never earlier: `CLOSES_AT_NOT_EXTENDABLE`); a date means the end of that day in the competition’s time zone. The change is audited with its reason.
         */
        post: operations["extendCompetition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/competitions/{competitionId}/extensions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Individual deadline extensions (organisers)
         * @description Owners and managers list the applicants with an individual deadline, with its instant and reason.
         */
        get: operations["listCompetitionExtensions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/competitions/{competitionId}/extensions/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Grant (or replace) one applicant’s individual deadline; audited, emits competition.extension_granted
         * @description Owners and managers give one applicant (a user with a proposal in the competition) a later deadline while it is published. `closesAt` must be later than the competition’s closesAt; a date means the end of that day in the competition’s time zone. The grace period applies on top.
         */
        put: operations["grantCompetitionExtension"];
        post?: never;
        /**
         * Revoke an individual extension; audited, emits competition.extension_revoked
         * @description Owners and managers remove an applicant’s individual deadline; the competition’s own deadline applies again.
         */
        delete: operations["revokeCompetitionExtension"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/competitions/{competitionId}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The competition’s audit log, oldest first, each entry with its seal once chained (organisers)
         * @description Owners and managers page through every audited change (who, when, what, why), cursor-paginated; sealed entries carry their hash-chain seal.
         */
        get: operations["listCompetitionAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/competitions/{competitionId}/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recompute the hash chain from the stored rows; reports rows not sealed yet (organisers)
         * @description Owners and managers check that no audit entry was altered or removed: the chain is recomputed from the stored rows and compared with the seals.
         */
        get: operations["verifyCompetitionAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/competitions/{competitionId}/proposals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Organisers: the competition's submitted proposals with their current revision (never drafts)
         * @description Owners and managers of the organising organisation page through the submitted proposals, each with its current revision; drafts are never shown to organisers.
         */
        get: operations["listCompetitionProposals"];
        put?: never;
        /**
         * Start a draft proposal (while the competition is published and not closed)
         * @description Any logged-in user starts a draft in a published competition before its deadline; they become its applicant. With `organisationId` the proposal is submitted for an organisation they belong to. Send an `Idempotency-Key` to make a retry safe.
         */
        post: operations["createProposal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/proposals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Proposals I applied with or joined as a team member, most recently changed first
         * @description The caller’s own proposals (as applicant or accepted team member) across competitions, cursor-paginated.
         */
        get: operations["listMyProposals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{proposalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A proposal: the draft for the applicant and team, the current submitted revision for organisers
         * @description The applicant and accepted team members read the draft; organisers of the competition read the current submitted revision only. Anyone else gets 404.
         */
        get: operations["getProposal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit the draft (title, answers merged, organisation); after a submit this prepares the next revision
         * @description The applicant and team members edit until the deadline (`COMPETITION_CLOSED`); some changes are the applicant’s only (`APPLICANT_ONLY`). `If-Match` is optional; a stale one is `412 PRECONDITION_FAILED`.
         */
        patch: operations["updateProposal"];
        trace?: never;
    };
    "/v1/proposals/{proposalId}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit the draft as a new immutable revision and get a signed receipt
         * @description Checks against the database clock the deadline, every eligibility rule and every form field, and stores the revision in one statement that re-checks the deadline, the quota and that nothing changed since the check. A refusal lists every failure (`errors[]`, eligibility ones with `in: "rule"`). A resubmit whose content equals the current revision stores nothing and answers `200` with that revision and its (identical) receipt; a new revision answers `201`. Eligibility reads the country and birth date frozen for this competition at the applicant's (and each team member's) first submit, not the profile as edited since.
         */
        post: operations["submitProposal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{proposalId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw the proposal (until the deadline); it can no longer be changed or submitted
         * @description The applicant withdraws before the deadline; submitted revisions stay readable, and the proposal can no longer change or be submitted.
         */
        post: operations["withdrawProposal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{proposalId}/revisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The submitted revisions, oldest first
         * @description The applicant, team members and the competition’s organisers list every submitted revision with its hash and receipt.
         */
        get: operations["listProposalRevisions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{proposalId}/revisions/{revision}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One submitted revision: its frozen content, hash and receipt
         * @description Who may read the proposal reads any of its revisions, exactly as submitted; the hash can be recomputed from the content.
         */
        get: operations["getProposalRevision"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{proposalId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite a team member by email (the applicant); they accept with the emailed token
         * @description The applicant, with a confirmed email address, invites someone by email until the deadline; the team (pending invitations included) may not exceed the competition’s maximum. The address receives at most a few of these an hour.
         */
        post: operations["inviteProposalMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{proposalId}/members/{memberId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a team member or cancel an invitation (the applicant), or leave the team (the member)
         * @description The applicant removes anyone from the team; a member removes only themselves. Until the deadline.
         */
        delete: operations["removeProposalMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposal-invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join a proposal team with the emailed token (logged in with the invited address)
         * @description The invited person, logged in with the address the invitation was sent to, joins the team until the deadline and while it has room.
         */
        post: operations["acceptProposalInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposal-invitations/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline an invitation to a proposal team
         * @description The invited person, logged in with the invited address, declines; the invitation cannot be used afterwards.
         */
        post: operations["declineProposalInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{proposalId}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Attach a file to the draft (multipart/form-data, one `file` part; application/pdf, image/png, image/jpeg, text/plain; checked against its bytes)
         * @description Send `multipart/form-data` with one part named `file`: the file name in its Content-Disposition and the file's type in its Content-Type (`application/octet-stream` is taken as the allowed type the bytes are). At most 10485760 bytes of file. Older clients may instead send the file as the raw body with its own Content-Type and the name in `?filename=` or `x-filename`; that form is not described here because generated clients cannot send it (docs/api-contract.md).
         */
        post: operations["uploadProposalAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{proposalId}/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download an attachment (applicant and team; organisers for files of a submitted revision)
         * @description The applicant and team download any attachment of the draft; organisers only files that are part of a submitted revision.
         */
        get: operations["downloadProposalAttachment"];
        put?: never;
        post?: never;
        /**
         * Remove an attachment from the draft (files of submitted revisions stay with those revisions)
         * @description The applicant and team remove a file from the draft until the deadline.
         */
        delete: operations["deleteProposalAttachment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{proposalId}/guardian-consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask a parent or guardian to consent (emails them a confirmation link); needed for applicants under the competition's consent age
         * @description The applicant names a guardian’s address (not their own mailbox in any form) until the deadline, in competitions that ask for consent.
         */
        post: operations["requestGuardianConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{proposalId}/guardian-consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The applicant's consent requests for this competition and their state
         * @description The applicant lists the consent requests made for this competition and whether each was confirmed.
         */
        get: operations["listGuardianConsents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/guardian-consents/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The guardian confirms consent with the emailed token (no account needed)
         * @description Public: whoever holds the emailed token confirms; the token is the proof, so no account or bearer token is needed.
         */
        post: operations["confirmGuardianConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Signed proof of a submission. The signed message is the canonical JSON (keys sorted, no whitespace) of `{competitionId, contentHash, proposalId, receivedAt, revision}`.
         * @example {
         *       "proposalId": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *       "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "revision": 2,
         *       "contentHash": "808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9",
         *       "receivedAt": "2026-10-28T19:03:27.418362Z",
         *       "algorithm": "Ed25519",
         *       "keyId": "a6428ec85933d791",
         *       "signature": "4aLGPMWlE_z8_0YIiXG8zNoxQParYxXBGK1yPcT28z32hUSniTGRX8m22VCpR9OxvN5yrnYOn4rY7rebWWEiCQ"
         *     }
         */
        ReceiptInput: {
            /**
             * Format: uuid
             * @description The submitted proposal
             * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
             */
            proposalId: string;
            /**
             * Format: uuid
             * @description The competition it was submitted to
             * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
             */
            competitionId: string;
            /** @description The revision this submission created, from 1 */
            revision: number;
            /**
             * @description SHA-256 (64 hex digits) of the revision's canonical content
             * @example 808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9
             */
            contentHash: string;
            /**
             * Format: date-time
             * @description When the server received the submission (database clock), UTC, microseconds; quote it verbatim
             * @example 2026-10-28T19:03:27.418362Z
             */
            receivedAt: string;
            /**
             * @description Signature algorithm; only Ed25519
             * @constant
             */
            algorithm: "Ed25519";
            /**
             * @description Identifies the signing key: first 16 hex digits of SHA-256 of its SPKI DER
             * @example a6428ec85933d791
             */
            keyId: string;
            /**
             * @description base64url Ed25519 signature (64 bytes) over the canonical JSON of the five fields above
             * @example 4aLGPMWlE_z8_0YIiXG8zNoxQParYxXBGK1yPcT28z32hUSniTGRX8m22VCpR9OxvN5yrnYOn4rY7rebWWEiCQ
             */
            signature: string;
        };
        /**
         * @description A new account; the answer is the same whether or not the address is taken, and the next step arrives by email
         * @example {
         *       "email": "zuzana.kovacova@example.sk",
         *       "password": "Kremnica-Orava-1848!",
         *       "displayName": "Zuzana Kováčová",
         *       "country": "SK",
         *       "birthDate": "2005-03-14",
         *       "locale": "sk"
         *     }
         */
        RegisterRequest: {
            /**
             * Format: email
             * @description Login and contact address; stored in lower case, verified by an emailed link
             * @example zuzana.kovacova@example.sk
             */
            email: string;
            /**
             * @description New password: 12 to 256 characters, not a common password, not containing your email’s local part or display name
             * @example Kremnica-Orava-1848!
             */
            password: string;
            /**
             * @description Name shown to other users (team members, organisers); 1 to 120 characters
             * @example Zuzana Kováčová
             */
            displayName: string;
            /**
             * @description Country of residence, ISO 3166-1 alpha-2; competitions check it for eligibility
             * @example SK
             */
            country: string;
            /**
             * Format: date
             * @description Date of birth, YYYY-MM-DD; competitions with age limits need it
             * @example 2005-03-14
             */
            birthDate?: string;
            /**
             * @description Language of emails, BCP 47; default en
             * @example sk
             */
            locale?: string;
        };
        /**
         * @description Email and password for a token pair
         * @example {
         *       "email": "zuzana.kovacova@example.sk",
         *       "password": "Kremnica-Orava-1848!"
         *     }
         */
        LoginRequest: {
            /**
             * Format: email
             * @description The account’s address, any case
             * @example zuzana.kovacova@example.sk
             */
            email: string;
            /**
             * @description The account’s password
             * @example Kremnica-Orava-1848!
             */
            password: string;
        };
        /**
         * @description Trade a refresh token for a new pair
         * @example {
         *       "refreshToken": "q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A"
         *     }
         */
        RefreshRequest: {
            /**
             * @description The refresh token of the last pair; it is used up by this call
             * @example q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A
             */
            refreshToken: string;
        };
        /**
         * @description Profile fields to change; fields left out are kept
         * @example {
         *       "displayName": "Zuzana Kováčová",
         *       "locale": "en"
         *     }
         */
        UpdateMeRequest: {
            /** @description Name shown to other users (team members, organisers); 1 to 120 characters */
            displayName?: string;
            /**
             * @description Country of residence; proposals already submitted keep the country frozen at their first submit
             * @example SK
             */
            country?: string;
            /** @description Date of birth, YYYY-MM-DD; null clears it */
            birthDate?: string | null;
            /**
             * @description Language of emails, BCP 47
             * @example sk
             */
            locale?: string;
        };
        /**
         * @description Change your password; every refresh token of yours is revoked (access tokens run out within minutes)
         * @example {
         *       "currentPassword": "Kremnica-Orava-1848!",
         *       "newPassword": "Tatry-Lomnica-2655m?"
         *     }
         */
        ChangePasswordRequest: {
            /**
             * @description Your password now
             * @example Kremnica-Orava-1848!
             */
            currentPassword: string;
            /**
             * @description New password: 12 to 256 characters, not a common password, not containing your email’s local part or display name
             * @example Kremnica-Orava-1848!
             */
            newPassword: string;
        };
        /**
         * @description Ask for a password-reset link by email
         * @example {
         *       "email": "zuzana.kovacova@example.sk"
         *     }
         */
        PasswordResetRequest: {
            /**
             * Format: email
             * @description The account’s address; the answer is the same for an unknown one
             * @example zuzana.kovacova@example.sk
             */
            email: string;
        };
        /**
         * @description Set a new password with the emailed token
         * @example {
         *       "token": "q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A",
         *       "newPassword": "Tatry-Lomnica-2655m?"
         *     }
         */
        PasswordResetCompletion: {
            /**
             * @description The token from the reset link (valid one hour, single use)
             * @example q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A
             */
            token: string;
            /**
             * @description New password: 12 to 256 characters, not a common password, not containing your email’s local part or display name
             * @example Kremnica-Orava-1848!
             */
            newPassword: string;
        };
        /**
         * @description Confirm your address with the emailed token
         * @example {
         *       "token": "q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A"
         *     }
         */
        EmailVerification: {
            /**
             * @description The token from the verification link (valid 48 hours, single use)
             * @example q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A
             */
            token: string;
        };
        /**
         * @description A new organisation; you become its owner
         * @example {
         *       "name": "Social(i)Makers",
         *       "kind": "ngo",
         *       "country": "IT",
         *       "website": "https://skyrocketplatform.eu",
         *       "description": "Interreg CENTRAL EUROPE partnership of 13 organisations from 7 countries, led by Democenter-Sipe Foundation, building the skills of a community of social innovators in Central Europe.",
         *       "themes": [
         *         "education",
         *         "youth",
         *         "inclusion"
         *       ],
         *       "sdgs": [
         *         4,
         *         8,
         *         10
         *       ]
         *     }
         */
        CreateOrganisationRequest: {
            /**
             * @description Public name, 2 to 200 characters
             * @example Social(i)Makers
             */
            name: string;
            /**
             * @description What kind of organisation it is
             * @enum {string}
             */
            kind: "public_body" | "ngo" | "social_enterprise" | "company" | "university" | "foundation" | "financial_operator" | "citizen_group";
            /**
             * @description Country of the registered office, ISO 3166-1 alpha-2
             * @example SK
             */
            country: string;
            /**
             * @description http(s) URL of its website; null clears it
             * @example https://skyrocketplatform.eu
             */
            website?: string | null;
            /** @description Public presentation, plain text, at most 5,000 characters; null clears it */
            description?: string | null;
            /** @description Fields it works in; default none */
            themes?: ("education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty")[];
            /** @description UN Sustainable Development Goals it contributes to (1 to 17); default none */
            sdgs?: number[];
        };
        /**
         * @description Profile fields to change (owners and managers); fields left out are kept
         * @example {
         *       "website": "https://socialimakers.example.org",
         *       "sdgs": [
         *         4,
         *         8,
         *         10,
         *         11
         *       ]
         *     }
         */
        UpdateOrganisationRequest: {
            /**
             * @description Public name, 2 to 200 characters
             * @example Social(i)Makers
             */
            name?: string;
            /**
             * @description What kind of organisation it is
             * @enum {string}
             */
            kind?: "public_body" | "ngo" | "social_enterprise" | "company" | "university" | "foundation" | "financial_operator" | "citizen_group";
            /**
             * @description Country of the registered office, ISO 3166-1 alpha-2
             * @example SK
             */
            country?: string;
            /**
             * @description http(s) URL of its website; null clears it
             * @example https://skyrocketplatform.eu
             */
            website?: string | null;
            /** @description Public presentation, plain text, at most 5,000 characters; null clears it */
            description?: string | null;
            /** @description Fields it works in; replaces the list */
            themes?: ("education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty")[];
            /** @description UN Sustainable Development Goals (1 to 17); replaces the list */
            sdgs?: number[];
        };
        /**
         * @description Invite someone by email
         * @example {
         *       "email": "petra.novak@socialimakers.example.org",
         *       "role": "manager"
         *     }
         */
        CreateInvitationRequest: {
            /**
             * Format: email
             * @description Who to invite; the invitation link goes there (valid 14 days)
             * @example petra.novak@socialimakers.example.org
             */
            email: string;
            /**
             * @description The role they get on accepting; only an owner may invite an owner
             * @enum {string}
             */
            role: "owner" | "manager" | "member";
        };
        /**
         * @description Accept an invitation, signed in with the account of the invited address
         * @example {
         *       "token": "q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A"
         *     }
         */
        AcceptInvitationRequest: {
            /**
             * @description The token from the invitation link
             * @example q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A
             */
            token: string;
        };
        /**
         * @description Change a member’s role (owners and managers; only owners grant or take away `owner`)
         * @example {
         *       "role": "owner"
         *     }
         */
        ChangeRoleRequest: {
            /**
             * @description The new role; an organisation always keeps at least one owner
             * @enum {string}
             */
            role: "owner" | "manager" | "member";
        };
        /**
         * @description An answer: a string (text, longtext, url, choice; date as YYYY-MM-DD), a number, a boolean, or a list of options (multichoice)
         * @example Secondary-school students (15–18)
         * @example 120
         * @example true
         * @example [
         *       "Active citizenship",
         *       "Impact measurement"
         *     ]
         */
        AnswerValueInput: string | number | boolean | string[];
        /**
         * @description Answers by question id (the form’s `id`s); checked against the form on submit
         * @example {
         *       "summary": "A 12-week after-school programme in which secondary-school students in Bratislava, Brno and Győr design and test a small social venture for their own neighbourhood, coached by local social entrepreneurs.",
         *       "target_group": "Secondary-school students (15–18)",
         *       "skills": [
         *         "Active citizenship",
         *         "Social entrepreneurship",
         *         "Impact measurement"
         *       ],
         *       "participants": 120,
         *       "tested_before": true
         *     }
         */
        AnswersInput: {
            [key: string]: components["schemas"]["AnswerValueInput"];
        };
        /**
         * @description A new draft proposal; you are its applicant
         * @example {
         *       "title": "I4I: Inspire for Innovation",
         *       "answers": {
         *         "target_group": "Secondary-school students (15–18)",
         *         "participants": 120
         *       },
         *       "organisationId": null
         *     }
         */
        CreateProposal: {
            /**
             * @description The proposal’s title, at most 300 characters; needed to submit
             * @default
             * @example I4I: Inspire for Innovation
             */
            title?: string;
            /**
             * @description Answers so far, by question id; a draft may be incomplete
             * @default {}
             */
            answers?: components["schemas"]["AnswersInput"];
            /**
             * @description Submit on behalf of an organisation you are a member of; null: as yourself
             * @default null
             * @example null
             * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
             */
            organisationId?: string | null;
        };
        /**
         * @description Changes to the draft (applicant and accepted team members)
         * @example {
         *       "answers": {
         *         "skills": [
         *           "Active citizenship",
         *           "Social entrepreneurship",
         *           "Impact measurement"
         *         ],
         *         "tested_before": true,
         *         "participants": null
         *       }
         *     }
         */
        UpdateProposal: {
            /**
             * @description The proposal’s title, at most 300 characters; needed to submit
             * @example I4I: Inspire for Innovation
             */
            title?: string;
            /** @description Merged into the draft (JSON merge patch): a question set to null is cleared, questions left out are kept */
            answers?: {
                [key: string]: components["schemas"]["AnswerValueInput"] | null;
            };
            /**
             * @description Applicant only: the organisation you submit for; null: as yourself
             * @example null
             * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
             */
            organisationId?: string | null;
        };
        /**
         * @description Invite someone to the proposal’s team (applicant only)
         * @example {
         *       "email": "matej.horvath@example.sk"
         *     }
         */
        InviteProposalMember: {
            /**
             * Format: email
             * @description Who to invite to the team; the link goes there (valid 14 days)
             * @example matej.horvath@example.sk
             */
            email: string;
        };
        /**
         * @description Accept or decline a team invitation
         * @example {
         *       "token": "q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A"
         *     }
         */
        ProposalInvitationToken: {
            /**
             * @description The token from the team invitation link
             * @example q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A
             */
            token: string;
        };
        /**
         * @description Ask a guardian to consent to your taking part (applicants under the competition’s `guardianConsentUnderAge`)
         * @example {
         *       "guardianEmail": "jana.balazova@example.sk"
         *     }
         */
        RequestGuardianConsent: {
            /**
             * Format: email
             * @description The parent’s or guardian’s address; the consent link goes there (valid 30 days)
             * @example jana.balazova@example.sk
             */
            guardianEmail: string;
        };
        /**
         * @description The guardian confirms their consent
         * @example {
         *       "token": "q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A"
         *     }
         */
        GuardianConsentToken: {
            /**
             * @description The token from the consent link; the guardian needs no account
             * @example q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A
             */
            token: string;
        };
        /** @description An attachment upload: `multipart/form-data` with exactly one part, `file` */
        ProposalAttachmentUpload: {
            /**
             * Format: binary
             * @description The file, its name in the part's Content-Disposition and its type in the part's Content-Type: one of application/pdf, image/png, image/jpeg, text/plain. A part typed `application/octet-stream` is taken as the allowed type its bytes are.
             */
            file: Blob;
        };
        /**
         * @description The prize money and how it is shared
         * @example {
         *       "amount": 500000,
         *       "currency": "EUR",
         *       "winners": 1
         *     }
         */
        Prize: {
            /**
             * @description Total, in minor units of `currency` (EUR 5,000.00 = 500000)
             * @example 500000
             */
            amount: number;
            /**
             * @description ISO 4217 currency code, upper case
             * @example EUR
             */
            currency: string;
            /**
             * @description How many ranks win a share, 1 to 100
             * @default 1
             */
            winners?: number;
            /** @description Minor units per rank, one per winner, summing to `amount`; default: even split, remainder to the top ranks */
            split?: number[];
        };
        /**
         * @description When submissions are accepted
         * @example {
         *       "opensAt": "2026-09-01",
         *       "closesAt": "2026-10-31",
         *       "timezone": "Europe/Rome",
         *       "gracePeriodSeconds": 300
         *     }
         */
        CompetitionTimingRequest: {
            /**
             * @description Opening instant; a date means the start of that day. ISO 8601 instant with offset, or a date YYYY-MM-DD in `timezone`; years 1900 to 2200
             * @example 2026-09-01
             * @example 2026-09-01T09:00:00+02:00
             */
            opensAt: string;
            /**
             * @description Closing instant, exclusive; a date means the end of that day (the first instant of the next). ISO 8601 instant with offset, or a date YYYY-MM-DD in `timezone`; years 1900 to 2200
             * @example 2026-10-31
             * @example 2026-10-31T18:00:00+01:00
             */
            closesAt: string;
            /**
             * @description IANA time zone the dates are read in and `local` times shown in; offsets are refused
             * @example Europe/Rome
             */
            timezone: string;
            /**
             * @description Seconds, 0 to 7 days: submissions received this long after `closesAt` are accepted and marked late
             * @default 0
             */
            gracePeriodSeconds?: number;
        };
        /**
         * @description Who may submit; checked at submission against the applicant’s self-declared country and birth date
         * @example {
         *       "minAge": 15,
         *       "maxAge": 23,
         *       "ageReferenceDate": null,
         *       "allowedCountries": [
         *         "AT",
         *         "CZ",
         *         "DE",
         *         "HR",
         *         "HU",
         *         "IT",
         *         "PL",
         *         "SI",
         *         "SK"
         *       ],
         *       "minTeamSize": 1,
         *       "maxTeamSize": 5,
         *       "maxProposalsPerApplicant": 1,
         *       "guardianConsentUnderAge": 18
         *     }
         */
        EligibilityRulesInput: {
            /** @description The applicant’s youngest allowed age, whole years; null or absent: no lower limit */
            minAge?: number | null;
            /** @description The applicant’s oldest allowed age, whole years (23 admits until the 24th birthday); null or absent: no upper limit */
            maxAge?: number | null;
            /** @description Age is computed at this date (YYYY-MM-DD); at the submission date when null or absent */
            ageReferenceDate?: string | null;
            /**
             * @description Countries (ISO 3166-1 alpha-2) the applicant and accepted team members must live in; empty means anywhere
             * @default []
             * @example [
             *       "SK",
             *       "CZ",
             *       "HU",
             *       "PL",
             *       "AT",
             *       "SI"
             *     ]
             */
            allowedCountries?: string[];
            /**
             * @description Fewest people per proposal, the applicant included
             * @default 1
             */
            minTeamSize?: number;
            /**
             * @description Most people per proposal, the applicant included
             * @default 1
             */
            maxTeamSize?: number;
            /**
             * @description Submitted (not withdrawn) proposals one applicant may have in this competition
             * @default 1
             */
            maxProposalsPerApplicant?: number;
            /** @description Applicants younger than this (years) need a guardian’s consent before they submit; null or absent: nobody does */
            guardianConsentUnderAge?: number | null;
        };
        /**
         * @description One question of the application form
         * @example {
         *       "id": "skills",
         *       "type": "multichoice",
         *       "label": "Social-innovation skills taught",
         *       "help": "Choose the competences of the Social Innovation Academy your programme teaches.",
         *       "required": true,
         *       "min": 1,
         *       "options": [
         *         "Active citizenship",
         *         "Social entrepreneurship",
         *         "Technology for social good",
         *         "Stakeholder engagement",
         *         "Impact measurement",
         *         "Financing",
         *         "Policy"
         *       ]
         *     }
         */
        FormQuestionInput: {
            /**
             * @description Key of the answer in `answers`; lower case letters, digits and _, unique in the form
             * @example skills
             */
            id: string;
            /**
             * @description Answer type: text/longtext/url/date (string; date YYYY-MM-DD), number, boolean, choice (one option), multichoice (a list of options)
             * @enum {string}
             */
            type: "text" | "longtext" | "number" | "choice" | "multichoice" | "url" | "date" | "boolean";
            /**
             * @description The question as shown to applicants
             * @example Social-innovation skills taught
             */
            label: string;
            /** @description Guidance shown with the question */
            help?: string;
            /**
             * @description Must be answered to submit (drafts may leave it empty)
             * @default false
             */
            required?: boolean;
            /** @description text, longtext, url: most characters */
            maxChars?: number;
            /** @description text, longtext: most words */
            maxWords?: number;
            /** @description number: smallest value; multichoice: fewest selections */
            min?: number;
            /** @description number: largest value; multichoice: most selections */
            max?: number;
            /** @description choice, multichoice: the options, at least two, unique; answers quote them exactly */
            options?: string[];
        };
        /**
         * @description One criterion judges score
         * @example {
         *       "id": "social_impact",
         *       "label": "Social impact",
         *       "description": "Relevance for young people and expected change",
         *       "weight": 40,
         *       "scaleMin": 1,
         *       "scaleMax": 10
         *     }
         */
        RubricCriterionInput: {
            /**
             * @description Criterion key; lower case letters, digits and _, unique in the rubric
             * @example social_impact
             */
            id: string;
            /**
             * @description Name shown to judges
             * @example Social impact
             */
            label: string;
            /** @description What judges should look for */
            description?: string;
            /** @description Relative weight in the total score (weights need not sum to 100) */
            weight: number;
            /** @description Lowest score a judge can give */
            scaleMin: number;
            /** @description Highest score a judge can give; above `scaleMin` */
            scaleMax: number;
        };
        /**
         * @description How equal totals are ordered; applied in list order
         * @example {
         *       "kind": "criterion",
         *       "criterionId": "social_impact"
         *     }
         */
        TieBreakInput: {
            /**
             * @description Higher score on one criterion wins
             * @constant
             */
            kind: "criterion";
            /**
             * @description A rubric criterion’s `id`
             * @example social_impact
             */
            criterionId: string;
        } | {
            /**
             * @description The earlier first submission wins
             * @constant
             */
            kind: "earliest_submission";
        };
        /**
         * @description How proposals are reviewed and ranked
         * @example {
         *       "reviewsPerProposal": 3,
         *       "blind": true,
         *       "aggregation": "mean",
         *       "normalisation": "zscore",
         *       "tieBreaks": [
         *         {
         *           "kind": "criterion",
         *           "criterionId": "social_impact"
         *         },
         *         {
         *           "kind": "earliest_submission"
         *         }
         *       ],
         *       "judgingOpensAt": "2026-11-05",
         *       "judgingClosesAt": "2026-11-30",
         *       "shortlistSize": 10,
         *       "showScoresToApplicants": true
         *     }
         */
        JudgingSettingsInput: {
            /**
             * @description Judges who score each proposal
             * @default 3
             */
            reviewsPerProposal?: number;
            /**
             * @description Judges do not see who the applicants are
             * @default true
             */
            blind?: boolean;
            /**
             * @description How the judges’ scores of a proposal are combined
             * @default mean
             * @enum {string}
             */
            aggregation?: "mean" | "median";
            /**
             * @description `zscore` evens out strict and lenient judges before combining
             * @default none
             * @enum {string}
             */
            normalisation?: "none" | "zscore";
            /**
             * @description Applied in order when totals are equal
             * @default []
             */
            tieBreaks?: components["schemas"]["TieBreakInput"][];
            /**
             * @description When judges may start, not before the competition closes; a date means the start of that day in `timezone`. Returned as a UTC instant; null: not scheduled
             * @example 2026-11-05
             */
            judgingOpensAt?: string | null;
            /**
             * @description When scoring ends; a date means the end of that day in `timezone`. Returned as a UTC instant; null: no deadline
             * @example 2026-11-30
             */
            judgingClosesAt?: string | null;
            /** @description Top N advance to a second round; null or absent: one round */
            shortlistSize?: number | null;
            /**
             * @description Applicants see their scores once results are published
             * @default false
             */
            showScoresToApplicants?: boolean;
        };
        /**
         * @description A new competition, created as a draft; every problem is reported at once (422 `errors`)
         * @example {
         *       "title": "Be Social, Be Maker",
         *       "summary": "EUR 5,000 for the best educational proposal teaching social-innovation skills and tools to young people aged 15–23 living in Central Europe.",
         *       "description": "The Social(i)Makers partnership invites proposals for an educational programme that brings social innovation to young people aged 15 to 23 living in Austria, Czechia, Germany, Croatia, Hungary, Italy, Poland, Slovenia and Slovakia. One winner receives the whole prize.",
         *       "themes": [
         *         "education",
         *         "youth",
         *         "inclusion"
         *       ],
         *       "countries": [
         *         "AT",
         *         "CZ",
         *         "DE",
         *         "HR",
         *         "HU",
         *         "IT",
         *         "PL",
         *         "SI",
         *         "SK"
         *       ],
         *       "challengeId": null,
         *       "prize": {
         *         "amount": 500000,
         *         "currency": "EUR",
         *         "winners": 1
         *       },
         *       "timing": {
         *         "opensAt": "2026-09-01",
         *         "closesAt": "2026-10-31",
         *         "timezone": "Europe/Rome",
         *         "gracePeriodSeconds": 300
         *       },
         *       "eligibility": {
         *         "minAge": 15,
         *         "maxAge": 23,
         *         "ageReferenceDate": null,
         *         "allowedCountries": [
         *           "AT",
         *           "CZ",
         *           "DE",
         *           "HR",
         *           "HU",
         *           "IT",
         *           "PL",
         *           "SI",
         *           "SK"
         *         ],
         *         "minTeamSize": 1,
         *         "maxTeamSize": 5,
         *         "maxProposalsPerApplicant": 1,
         *         "guardianConsentUnderAge": 18
         *       },
         *       "form": [
         *         {
         *           "id": "summary",
         *           "type": "longtext",
         *           "label": "Summary",
         *           "help": "What will participants learn, and how?",
         *           "required": true,
         *           "maxWords": 300
         *         },
         *         {
         *           "id": "target_group",
         *           "type": "choice",
         *           "label": "Main target group",
         *           "required": true,
         *           "options": [
         *             "Secondary-school students (15–18)",
         *             "Young adults (19–23)",
         *             "Both"
         *           ]
         *         },
         *         {
         *           "id": "skills",
         *           "type": "multichoice",
         *           "label": "Social-innovation skills taught",
         *           "help": "Choose the competences of the Social Innovation Academy your programme teaches.",
         *           "required": true,
         *           "min": 1,
         *           "options": [
         *             "Active citizenship",
         *             "Social entrepreneurship",
         *             "Technology for social good",
         *             "Stakeholder engagement",
         *             "Impact measurement",
         *             "Financing",
         *             "Policy"
         *           ]
         *         },
         *         {
         *           "id": "participants",
         *           "type": "number",
         *           "label": "Expected number of participants",
         *           "required": true,
         *           "min": 1,
         *           "max": 100000
         *         },
         *         {
         *           "id": "tested_before",
         *           "type": "boolean",
         *           "label": "Has the programme been tested before?",
         *           "required": true
         *         }
         *       ],
         *       "rubric": [
         *         {
         *           "id": "social_impact",
         *           "label": "Social impact",
         *           "description": "Relevance for young people and expected change",
         *           "weight": 40,
         *           "scaleMin": 1,
         *           "scaleMax": 10
         *         },
         *         {
         *           "id": "innovation",
         *           "label": "Innovation",
         *           "description": "Originality of content and format",
         *           "weight": 30,
         *           "scaleMin": 1,
         *           "scaleMax": 10
         *         },
         *         {
         *           "id": "feasibility",
         *           "label": "Feasibility",
         *           "description": "Plan, resources and capacity to deliver",
         *           "weight": 30,
         *           "scaleMin": 1,
         *           "scaleMax": 10
         *         }
         *       ],
         *       "judging": {
         *         "reviewsPerProposal": 3,
         *         "blind": true,
         *         "aggregation": "mean",
         *         "normalisation": "zscore",
         *         "tieBreaks": [
         *           {
         *             "kind": "criterion",
         *             "criterionId": "social_impact"
         *           },
         *           {
         *             "kind": "earliest_submission"
         *           }
         *         ],
         *         "judgingOpensAt": "2026-11-05",
         *         "judgingClosesAt": "2026-11-30",
         *         "shortlistSize": 10,
         *         "showScoresToApplicants": true
         *       }
         *     }
         */
        CreateCompetitionRequest: {
            /**
             * @description Public title, 3 to 200 characters
             * @example Be Social, Be Maker
             */
            title: string;
            /**
             * @description One paragraph for lists, at most 1,000 characters; needed to publish
             * @default
             */
            summary?: string;
            /**
             * @description The full call, plain text or Markdown, at most 50,000 characters
             * @default
             */
            description?: string;
            /**
             * @description Fields of social innovation it is about
             * @default []
             */
            themes?: ("education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty")[];
            /**
             * @description Countries it is about or run in (ISO 3166-1 alpha-2); who may apply is `eligibility.allowedCountries`
             * @default []
             * @example [
             *       "SK",
             *       "CZ",
             *       "HU",
             *       "PL",
             *       "AT",
             *       "SI"
             *     ]
             */
            countries?: string[];
            /**
             * @description The challenge it answers; null: none
             * @example null
             */
            challengeId?: string | null;
            /** @description The prize money */
            prize: components["schemas"]["Prize"];
            /** @description Opening, closing and grace; dates are read in `timezone` */
            timing: components["schemas"]["CompetitionTimingRequest"];
            /**
             * @description Who may submit; default: anyone, alone, one proposal each
             * @default {}
             */
            eligibility?: components["schemas"]["EligibilityRulesInput"];
            /**
             * @description The questions applicants answer, in order; at least one to publish
             * @default []
             */
            form?: components["schemas"]["FormQuestionInput"][];
            /**
             * @description The criteria judges score; at least one to publish
             * @default []
             */
            rubric?: components["schemas"]["RubricCriterionInput"][];
            /**
             * @description How proposals are reviewed; defaults: 3 blind reviews, mean, no normalisation
             * @default {}
             */
            judging?: components["schemas"]["JudgingSettingsInput"];
        };
        /**
         * @description Fields to change; objects (prize, eligibility, judging) and lists (form, rubric) are replaced whole. After publication only title, summary, description, themes, countries and challengeId change freely; closesAt and gracePeriodSeconds may only grow; eligibility, form and rubric until the first submission.
         * @example {
         *       "summary": "EUR 5,000 for the best educational proposal teaching social-innovation skills and tools to young people aged 15–23 living in Central Europe. Applications in English, German, Slovak, Czech, Hungarian, Polish, Slovenian, Croatian or Italian.",
         *       "timing": {
         *         "closesAt": "2026-11-02",
         *         "gracePeriodSeconds": 600
         *       }
         *     }
         */
        UpdateCompetitionRequest: {
            /**
             * @description Public title, 3 to 200 characters
             * @example Be Social, Be Maker
             */
            title?: string;
            /** @description One paragraph for lists, at most 1,000 characters; needed to publish */
            summary?: string;
            /** @description The full call, plain text or Markdown, at most 50,000 characters */
            description?: string;
            /** @description Fields of social innovation it is about */
            themes?: ("education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty")[];
            /**
             * @description Countries it is about or run in (ISO 3166-1 alpha-2); who may apply is `eligibility.allowedCountries`
             * @example [
             *       "SK",
             *       "CZ",
             *       "HU",
             *       "PL",
             *       "AT",
             *       "SI"
             *     ]
             */
            countries?: string[];
            /**
             * @description The challenge it answers; null: none
             * @example null
             */
            challengeId?: string | null;
            /** @description Replaces the prize (drafts only) */
            prize?: components["schemas"]["Prize"];
            /** @description Timing fields to change; the others are kept */
            timing?: {
                /**
                 * @description Opening instant; a date means the start of that day. ISO 8601 instant with offset, or a date YYYY-MM-DD in `timezone`; years 1900 to 2200
                 * @example 2026-09-01
                 */
                opensAt?: string;
                /**
                 * @description Closing instant, exclusive; a date means the end of that day (the first instant of the next); once open it may only move later. ISO 8601 instant with offset, or a date YYYY-MM-DD in `timezone`; years 1900 to 2200
                 * @example 2026-11-02
                 */
                closesAt?: string;
                /**
                 * @description IANA time zone the dates are read in and `local` times shown in; offsets are refused
                 * @example Europe/Rome
                 */
                timezone?: string;
                /** @description Seconds, 0 to 7 days, accepted after `closesAt` and marked late; once open it may only grow */
                gracePeriodSeconds?: number;
            };
            /** @description Replaces the eligibility rules (until the first submission) */
            eligibility?: components["schemas"]["EligibilityRulesInput"];
            /** @description Replaces the whole form (until the first submission) */
            form?: components["schemas"]["FormQuestionInput"][];
            /** @description Replaces the whole rubric (until the first submission) */
            rubric?: components["schemas"]["RubricCriterionInput"][];
            /** @description Replaces the judging settings (until judging starts) */
            judging?: components["schemas"]["JudgingSettingsInput"];
        };
        /**
         * @description Move the deadline of a published competition later, for everyone
         * @example {
         *       "closesAt": "2026-11-02",
         *       "reason": "More time for school teams after the autumn holidays."
         *     }
         */
        ExtendCompetitionRequest: {
            /**
             * @description The new closing instant, later than the current one; a date means the end of that day. ISO 8601 instant with offset, or a date YYYY-MM-DD in `timezone`; years 1900 to 2200
             * @example 2026-11-02
             */
            closesAt: string;
            /** @description Why; recorded in the audit log */
            reason?: string;
        };
        /**
         * @description Optional body of a lifecycle change (publish, start judging, archive)
         * @example {
         *       "reason": "Rubric and form reviewed by the jury on 14 July."
         *     }
         */
        CompetitionTransitionRequest: {
            /** @description Why, recorded in the audit log */
            reason?: string;
        };
        /**
         * @description Give one applicant a later deadline; granting again replaces it
         * @example {
         *       "closesAt": "2026-11-03",
         *       "reason": "The team’s school was closed for a week by flooding in Bratislava; deadline moved by three days."
         *     }
         */
        GrantExtensionRequest: {
            /**
             * @description The applicant’s own deadline, later than the competition’s; a date means the end of that day. ISO 8601 instant with offset, or a date YYYY-MM-DD in `timezone`; years 1900 to 2200
             * @example 2026-11-03
             */
            closesAt: string;
            /**
             * @description Why; recorded in the audit log
             * @example The team’s school was closed for a week by flooding in Bratislava; deadline moved by three days.
             */
            reason: string;
        };
        /**
         * @description One bad field of a 422; all of them are listed at once
         * @example {
         *       "field": "timing.closesAt",
         *       "message": "must be after opensAt",
         *       "in": "body"
         *     }
         */
        FieldError: {
            /** @description Dotted path of the offending field; array indices as numbers (`rubric.0.weight`) */
            field: string;
            /** @description What is wrong with it, in English, for people */
            message: string;
            /** @description Machine-readable kind of problem (`too_small`, `invalid_format`, `unrecognized_key`, …); may be absent */
            code?: string;
            /**
             * @description Where the field is: request part, or `rule` for a cross-field or domain rule
             * @enum {string}
             */
            in?: "body" | "querystring" | "params" | "headers" | "rule";
        };
        /**
         * @description RFC 9457 problem details (application/problem+json)
         * @example {
         *       "type": "https://skyrocket.dev/problems/validation-failed",
         *       "title": "Unprocessable Content",
         *       "status": 422,
         *       "detail": "The body has 1 invalid field(s)",
         *       "instance": "/v1/organisations/3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c/competitions",
         *       "code": "VALIDATION_FAILED",
         *       "requestId": "5f0c6a1e-93d2-4b7a-8e41-2c9d7b3a6f10",
         *       "errors": [
         *         {
         *           "field": "timing.closesAt",
         *           "message": "must be after opensAt (2026-08-31T22:00:00.000Z); it resolves to 2026-08-30T22:00:00.000Z",
         *           "code": "custom",
         *           "in": "body"
         *         }
         *       ]
         *     }
         */
        Problem: {
            /** @description URI identifying the problem type */
            type: string;
            /** @description Short summary of the problem type; the HTTP reason phrase */
            title: string;
            /** @description The HTTP status code, repeated */
            status: number;
            /** @description Explanation of this occurrence, for people; do not parse it */
            detail?: string;
            /** @description The request path this problem occurred on */
            instance?: string;
            /**
             * @description Stable machine-readable error code; docs/errors.md says what each means and what to do
             * @enum {string}
             */
            code: "BAD_REQUEST" | "BAD_URL" | "MALFORMED_JSON" | "JSON_TOO_DEEP" | "MALFORMED_MULTIPART" | "MULTIPART_LIMIT" | "URI_TOO_LONG" | "BODY_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "HEADERS_TOO_LARGE" | "REQUEST_TIMEOUT" | "VALIDATION_FAILED" | "ROUTE_NOT_FOUND" | "METHOD_NOT_ALLOWED" | "UNAUTHENTICATED" | "METRICS_TOKEN_REQUIRED" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "INVALID_CREDENTIALS" | "REFRESH_TOKEN_INVALID" | "REFRESH_TOKEN_EXPIRED" | "REFRESH_TOKEN_REVOKED" | "REFRESH_TOKEN_REUSED" | "LOGIN_THROTTLED" | "AUTH_BUSY" | "FORBIDDEN" | "EMAIL_NOT_VERIFIED" | "APPLICANT_ONLY" | "NOT_FOUND" | "USER_NOT_FOUND" | "INVITATION_NOT_FOUND" | "INVITATION_EMAIL_MISMATCH" | "CONSENT_NOT_FOUND" | "PRECONDITION_FAILED" | "CONFLICT" | "CONCURRENT_UPDATE" | "IDEMPOTENCY_IN_PROGRESS" | "IDEMPOTENCY_KEY_REUSED" | "RATE_LIMITED" | "RECIPIENT_EMAIL_LIMIT" | "INTERNAL" | "SERVICE_UNAVAILABLE" | "SHUTTING_DOWN" | "DATABASE_UNAVAILABLE" | "DATABASE_TIMEOUT" | "LAST_OWNER" | "INVALID_TRANSITION" | "COMPETITION_INCOMPLETE" | "COMPETITION_NOT_CLOSED" | "EXTENSIONS_RUNNING" | "COMPETITION_NOT_PUBLISHED" | "CLOSES_AT_NOT_EXTENDABLE" | "GRACE_PERIOD_NOT_REDUCIBLE" | "FIELD_LOCKED" | "RULES_FROZEN" | "COMPETITION_ARCHIVED" | "COMPETITION_CLOSED" | "COMPETITION_NOT_OPEN" | "PROPOSAL_WITHDRAWN" | "DRAFT_LIMIT_REACHED" | "SUBMISSION_INVALID" | "SUBMISSION_CONFLICT" | "TEAM_FULL" | "ALREADY_INVITED" | "TOO_MANY_ATTACHMENTS" | "ATTACHMENT_INVALID" | "CONSENT_NOT_REQUIRED";
            /** @description Id of the request, also in the logs; quote it when reporting a problem */
            requestId: string;
            /** @description Every bad field (422 VALIDATION_FAILED and rule violations) */
            errors?: components["schemas"]["FieldError"][];
        } & {
            [key: string]: unknown;
        };
        /**
         * @description Liveness or readiness
         * @example {
         *       "status": "ok",
         *       "checks": {
         *         "database": "ok"
         *       }
         *     }
         */
        Health: {
            /**
             * @description `ok` when the server can take traffic
             * @enum {string}
             */
            status: "ok" | "unavailable";
            /** @description Readiness only: each dependency checked (`database`) and its state */
            checks?: {
                [key: string]: "ok" | "failing";
            };
        };
        /**
         * @description Signed proof of a submission. The signed message is the canonical JSON (keys sorted, no whitespace) of `{competitionId, contentHash, proposalId, receivedAt, revision}`.
         * @example {
         *       "proposalId": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *       "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "revision": 2,
         *       "contentHash": "808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9",
         *       "receivedAt": "2026-10-28T19:03:27.418362Z",
         *       "algorithm": "Ed25519",
         *       "keyId": "a6428ec85933d791",
         *       "signature": "4aLGPMWlE_z8_0YIiXG8zNoxQParYxXBGK1yPcT28z32hUSniTGRX8m22VCpR9OxvN5yrnYOn4rY7rebWWEiCQ"
         *     }
         */
        Receipt: {
            /**
             * Format: uuid
             * @description The submitted proposal
             * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
             */
            proposalId: string;
            /**
             * Format: uuid
             * @description The competition it was submitted to
             * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
             */
            competitionId: string;
            /** @description The revision this submission created, from 1 */
            revision: number;
            /**
             * @description SHA-256 (64 hex digits) of the revision's canonical content
             * @example 808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9
             */
            contentHash: string;
            /**
             * Format: date-time
             * @description When the server received the submission (database clock), UTC, microseconds; quote it verbatim
             * @example 2026-10-28T19:03:27.418362Z
             */
            receivedAt: string;
            /**
             * @description Signature algorithm; only Ed25519
             * @constant
             */
            algorithm: "Ed25519";
            /**
             * @description Identifies the signing key: first 16 hex digits of SHA-256 of its SPKI DER
             * @example a6428ec85933d791
             */
            keyId: string;
            /**
             * @description base64url Ed25519 signature (64 bytes) over the canonical JSON of the five fields above
             * @example 4aLGPMWlE_z8_0YIiXG8zNoxQParYxXBGK1yPcT28z32hUSniTGRX8m22VCpR9OxvN5yrnYOn4rY7rebWWEiCQ
             */
            signature: string;
        };
        /**
         * @description The key that signs receipts, to verify them offline
         * @example {
         *       "keyId": "a6428ec85933d791",
         *       "algorithm": "Ed25519",
         *       "publicKeyPem": "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAfIvMWPeHx6dA9Vs6quy1v8Phb7a0JW/Wt/60VocvYJI=\n-----END PUBLIC KEY-----\n",
         *       "jwk": {
         *         "kty": "OKP",
         *         "crv": "Ed25519",
         *         "x": "fIvMWPeHx6dA9Vs6quy1v8Phb7a0JW_Wt_60VocvYJI"
         *       }
         *     }
         */
        ReceiptPublicKey: {
            /**
             * @description The `keyId` receipts signed with this key carry
             * @example a6428ec85933d791
             */
            keyId: string;
            /**
             * @description Signature algorithm; only Ed25519
             * @constant
             */
            algorithm: "Ed25519";
            /** @description The public key, SPKI PEM */
            publicKeyPem: string;
            /** @description The same key as a JSON Web Key (RFC 8037) */
            jwk: {
                /**
                 * @description Key type: octet key pair
                 * @constant
                 */
                kty: "OKP";
                /**
                 * @description Curve
                 * @constant
                 */
                crv: "Ed25519";
                /** @description The public key, base64url */
                x: string;
            };
        };
        /**
         * @description Whether a receipt was signed by this server
         * @example {
         *       "valid": true
         *     }
         * @example {
         *       "valid": false,
         *       "reason": "signature_mismatch"
         *     }
         */
        ReceiptVerification: {
            /** @description The signature matches the fields and this server's key */
            valid: boolean;
            /**
             * @description Why the receipt is not valid; absent when it is
             * @enum {string}
             */
            reason?: "unsupported_algorithm" | "unknown_key" | "malformed_signature" | "signature_mismatch";
        };
        /**
         * @description The request was taken; the outcome arrives by email
         * @example {
         *       "status": "accepted",
         *       "message": "If the address can be used, a message is on its way to it."
         *     }
         */
        Accepted: {
            /**
             * @description Always `accepted`
             * @constant
             */
            status: "accepted";
            /** @description What happens next, for people */
            message: string;
        };
        /**
         * @description An access token for requests and a refresh token for the next pair
         * @example {
         *       "tokenType": "Bearer",
         *       "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5YTdjNWUzYi0xZDJmLTRiNmEtOGM0ZS02ZTJkMWYzYTViN2MiLCJpYXQiOjE3OTI3NzM0MDAsImV4cCI6MTc5Mjc3NDAwMH0.n5Xc0lB8m9Ob3ZkR2Q4V1pHdExsT2hZcE1ZT3ZzUQ",
         *       "expiresIn": 600,
         *       "refreshToken": "q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A",
         *       "refreshExpiresAt": "2026-11-27T19:10:00.000Z"
         *     }
         */
        TokenPair: {
            /**
             * @description Send the access token as `Authorization: Bearer <accessToken>`
             * @constant
             */
            tokenType: "Bearer";
            /**
             * @description JWT, short-lived; do not parse it
             * @example eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5YTdjNWUzYi0xZDJmLTRiNmEtOGM0ZS02ZTJkMWYzYTViN2MiLCJpYXQiOjE3OTI3NzM0MDAsImV4cCI6MTc5Mjc3NDAwMH0.n5Xc0lB8m9Ob3ZkR2Q4V1pHdExsT2hZcE1ZT3ZzUQ
             */
            accessToken: string;
            /**
             * @description Seconds until the access token expires (default 600)
             * @example 600
             */
            expiresIn: number;
            /**
             * @description Single use: every refresh returns a new one; keep it secret
             * @example q3Jt9wQe0xVbN2sK7mP4aR8dLfZ1uC6yH5oTgWiE_-A
             */
            refreshToken: string;
            /**
             * Format: date-time
             * @description When the refresh token expires unless used before; UTC
             * @example 2026-11-27T19:10:00.000Z
             */
            refreshExpiresAt: string;
        };
        /**
         * @description Your own account
         * @example {
         *       "id": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *       "email": "zuzana.kovacova@example.sk",
         *       "emailVerified": true,
         *       "displayName": "Zuzana Kováčová",
         *       "country": "SK",
         *       "birthDate": "2005-03-14",
         *       "locale": "sk",
         *       "isAdmin": false,
         *       "createdAt": "2026-09-08T17:21:36.155Z"
         *     }
         */
        Me: {
            /**
             * Format: uuid
             * @description Your user id
             * @example 9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c
             */
            id: string;
            /**
             * @description Your address, lower case
             * @example zuzana.kovacova@example.sk
             */
            email: string;
            /** @description The address was confirmed by its emailed link */
            emailVerified: boolean;
            /**
             * @description Name shown to other users
             * @example Zuzana Kováčová
             */
            displayName: string;
            /**
             * @description Country of residence, ISO 3166-1 alpha-2
             * @example SK
             */
            country: string;
            /**
             * @description Date of birth, YYYY-MM-DD; null when not given
             * @example 2005-03-14
             */
            birthDate: string | null;
            /**
             * @description Language of emails, BCP 47
             * @example sk
             */
            locale: string;
            /** @description Platform administrator: passes every organiser check (audited under their own id) */
            isAdmin: boolean;
            /**
             * Format: date-time
             * @description When the account was registered; UTC
             * @example 2026-10-28T19:03:27.418Z
             */
            createdAt: string;
        };
        /**
         * @description An organisation’s public profile
         * @example {
         *       "id": "3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c",
         *       "name": "Social(i)Makers",
         *       "kind": "ngo",
         *       "country": "IT",
         *       "website": "https://skyrocketplatform.eu",
         *       "description": "Interreg CENTRAL EUROPE partnership of 13 organisations from 7 countries, led by Democenter-Sipe Foundation, building the skills of a community of social innovators in Central Europe.",
         *       "themes": [
         *         "education",
         *         "youth",
         *         "inclusion"
         *       ],
         *       "sdgs": [
         *         4,
         *         8,
         *         10
         *       ],
         *       "createdAt": "2026-06-15T08:30:00.000Z",
         *       "updatedAt": "2026-06-15T08:30:00.000Z"
         *     }
         */
        Organisation: {
            /**
             * Format: uuid
             * @description The organisation’s id
             * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
             */
            id: string;
            /**
             * @description Public name
             * @example Social(i)Makers
             */
            name: string;
            /**
             * @description What kind of organisation it is
             * @enum {string}
             */
            kind: "public_body" | "ngo" | "social_enterprise" | "company" | "university" | "foundation" | "financial_operator" | "citizen_group";
            /**
             * @description Country of the registered office, ISO 3166-1 alpha-2
             * @example IT
             */
            country: string;
            /**
             * @description http(s) URL; null when not given
             * @example https://skyrocketplatform.eu
             */
            website: string | null;
            /** @description Public presentation, plain text; null when not given */
            description: string | null;
            /** @description Fields it works in */
            themes: string[];
            /** @description UN Sustainable Development Goals, 1 to 17 */
            sdgs: number[];
            /**
             * Format: date-time
             * @description When it was created; UTC, milliseconds
             * @example 2026-10-28T19:03:27.418Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description Last profile change; UTC
             * @example 2026-10-28T19:03:27.418Z
             */
            updatedAt: string;
        };
        /**
         * @description An organisation you belong to, with your role
         * @example {
         *       "id": "3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c",
         *       "name": "Social(i)Makers",
         *       "kind": "ngo",
         *       "country": "IT",
         *       "website": "https://skyrocketplatform.eu",
         *       "description": "Interreg CENTRAL EUROPE partnership of 13 organisations from 7 countries, led by Democenter-Sipe Foundation, building the skills of a community of social innovators in Central Europe.",
         *       "themes": [
         *         "education",
         *         "youth",
         *         "inclusion"
         *       ],
         *       "sdgs": [
         *         4,
         *         8,
         *         10
         *       ],
         *       "createdAt": "2026-06-15T08:30:00.000Z",
         *       "updatedAt": "2026-06-15T08:30:00.000Z",
         *       "myRole": "owner"
         *     }
         */
        MyOrganisation: {
            /**
             * Format: uuid
             * @description The organisation’s id
             * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
             */
            id: string;
            /**
             * @description Public name
             * @example Social(i)Makers
             */
            name: string;
            /**
             * @description What kind of organisation it is
             * @enum {string}
             */
            kind: "public_body" | "ngo" | "social_enterprise" | "company" | "university" | "foundation" | "financial_operator" | "citizen_group";
            /**
             * @description Country of the registered office, ISO 3166-1 alpha-2
             * @example IT
             */
            country: string;
            /**
             * @description http(s) URL; null when not given
             * @example https://skyrocketplatform.eu
             */
            website: string | null;
            /** @description Public presentation, plain text; null when not given */
            description: string | null;
            /** @description Fields it works in */
            themes: string[];
            /** @description UN Sustainable Development Goals, 1 to 17 */
            sdgs: number[];
            /**
             * Format: date-time
             * @description When it was created; UTC, milliseconds
             * @example 2026-10-28T19:03:27.418Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description Last profile change; UTC
             * @example 2026-10-28T19:03:27.418Z
             */
            updatedAt: string;
            /**
             * @description Your role in it
             * @enum {string}
             */
            myRole: "owner" | "manager" | "member";
        };
        /**
         * @description Your organisations
         * @example {
         *       "items": [
         *         {
         *           "id": "3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c",
         *           "name": "Social(i)Makers",
         *           "kind": "ngo",
         *           "country": "IT",
         *           "website": "https://skyrocketplatform.eu",
         *           "description": "Interreg CENTRAL EUROPE partnership of 13 organisations from 7 countries, led by Democenter-Sipe Foundation, building the skills of a community of social innovators in Central Europe.",
         *           "themes": [
         *             "education",
         *             "youth",
         *             "inclusion"
         *           ],
         *           "sdgs": [
         *             4,
         *             8,
         *             10
         *           ],
         *           "createdAt": "2026-06-15T08:30:00.000Z",
         *           "updatedAt": "2026-06-15T08:30:00.000Z",
         *           "myRole": "owner"
         *         }
         *       ]
         *     }
         */
        MyOrganisationList: {
            /** @description Every organisation you belong to, by name */
            items: components["schemas"]["MyOrganisation"][];
        };
        /**
         * @description A member of an organisation
         * @example {
         *       "userId": "1f3b5d7e-9a0c-4e2b-8d4f-6a8c0e2b4d5f",
         *       "displayName": "Anna Gruber",
         *       "email": "anna.gruber@socialimakers.example.org",
         *       "role": "manager",
         *       "joinedAt": "2026-06-16T13:05:22.480Z"
         *     }
         */
        Member: {
            /**
             * Format: uuid
             * @description The member’s user id
             * @example 1f3b5d7e-9a0c-4e2b-8d4f-6a8c0e2b4d5f
             */
            userId: string;
            /**
             * @description The member’s display name
             * @example Anna Gruber
             */
            displayName: string;
            /**
             * @description Shown to owners and managers (and to each member for their own entry); null for other members' entries
             * @example anna.gruber@socialimakers.example.org
             */
            email: string | null;
            /**
             * @description `owner`: everything; `manager`: the profile, competitions, members and invitations, but no owner role; `member`: sees the organisation and its competitions, drafts included
             * @enum {string}
             */
            role: "owner" | "manager" | "member";
            /**
             * Format: date-time
             * @description When they became a member; UTC
             * @example 2026-10-28T19:03:27.418Z
             */
            joinedAt: string;
        };
        /**
         * @description The members of an organisation
         * @example {
         *       "items": [
         *         {
         *           "userId": "1f3b5d7e-9a0c-4e2b-8d4f-6a8c0e2b4d5f",
         *           "displayName": "Anna Gruber",
         *           "email": "anna.gruber@socialimakers.example.org",
         *           "role": "manager",
         *           "joinedAt": "2026-06-16T13:05:22.480Z"
         *         }
         *       ]
         *     }
         */
        MemberList: {
            /** @description Every member, in the order they joined */
            items: components["schemas"]["Member"][];
        };
        /**
         * @description An invitation to join an organisation (owners and managers see them)
         * @example {
         *       "id": "2a4c6e8f-0b2d-4f6a-8c9e-1d3f5b7a9c0e",
         *       "organisationId": "3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c",
         *       "email": "petra.novak@socialimakers.example.org",
         *       "role": "manager",
         *       "status": "pending",
         *       "expiresAt": "2026-07-17T09:40:00.000Z",
         *       "createdAt": "2026-07-03T09:40:00.000Z"
         *     }
         */
        Invitation: {
            /**
             * Format: uuid
             * @description The invitation’s id
             * @example 2a4c6e8f-0b2d-4f6a-8c9e-1d3f5b7a9c0e
             */
            id: string;
            /**
             * Format: uuid
             * @description The organisation invited to
             * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
             */
            organisationId: string;
            /**
             * @description The invited address, lower case
             * @example petra.novak@socialimakers.example.org
             */
            email: string;
            /**
             * @description `owner`: everything; `manager`: the profile, competitions, members and invitations, but no owner role; `member`: sees the organisation and its competitions, drafts included
             * @enum {string}
             */
            role: "owner" | "manager" | "member";
            /**
             * @description `pending` until accepted, revoked or past `expiresAt` (then `expired`)
             * @enum {string}
             */
            status: "pending" | "accepted" | "revoked" | "expired";
            /**
             * Format: date-time
             * @description The link stops working at this instant; UTC
             * @example 2026-07-17T09:40:00.000Z
             */
            expiresAt: string;
            /**
             * Format: date-time
             * @description When it was created; UTC, milliseconds
             * @example 2026-10-28T19:03:27.418Z
             */
            createdAt: string;
        };
        /**
         * @description The organisation’s invitations
         * @example {
         *       "items": [
         *         {
         *           "id": "2a4c6e8f-0b2d-4f6a-8c9e-1d3f5b7a9c0e",
         *           "organisationId": "3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c",
         *           "email": "petra.novak@socialimakers.example.org",
         *           "role": "manager",
         *           "status": "pending",
         *           "expiresAt": "2026-07-17T09:40:00.000Z",
         *           "createdAt": "2026-07-03T09:40:00.000Z"
         *         }
         *       ]
         *     }
         */
        InvitationList: {
            /** @description Invitations of the organisation, oldest first */
            items: components["schemas"]["Invitation"][];
        };
        /**
         * @description An answer: a string (text, longtext, url, choice; date as YYYY-MM-DD), a number, a boolean, or a list of options (multichoice)
         * @example Secondary-school students (15–18)
         * @example 120
         * @example true
         * @example [
         *       "Active citizenship",
         *       "Impact measurement"
         *     ]
         */
        AnswerValue: string | number | boolean | string[];
        /**
         * @description Answers by question id (the form’s `id`s); checked against the form on submit
         * @example {
         *       "summary": "A 12-week after-school programme in which secondary-school students in Bratislava, Brno and Győr design and test a small social venture for their own neighbourhood, coached by local social entrepreneurs.",
         *       "target_group": "Secondary-school students (15–18)",
         *       "skills": [
         *         "Active citizenship",
         *         "Social entrepreneurship",
         *         "Impact measurement"
         *       ],
         *       "participants": 120,
         *       "tested_before": true
         *     }
         */
        Answers: {
            [key: string]: components["schemas"]["AnswerValue"];
        };
        /**
         * @description A person invited to the proposal’s team
         * @example {
         *       "id": "6b8d0f2a-4c6e-4b9d-8a1c-3e5f7b9d1a2c",
         *       "userId": "5c3e1a9f-7b2d-4e8c-9f6a-1b4d7e2c8a3f",
         *       "displayName": "Matej Horváth",
         *       "email": "matej.horvath@example.sk",
         *       "status": "accepted",
         *       "invitedAt": "2026-09-10T16:50:03.274Z",
         *       "respondedAt": "2026-09-11T07:58:41.020Z"
         *     }
         * @example {
         *       "id": "a3c5e7f9-1b3d-4f5a-9c7e-2d4f6a8c0b1e",
         *       "userId": null,
         *       "displayName": null,
         *       "email": "lucia.bartosova@example.sk",
         *       "status": "invited",
         *       "invitedAt": "2026-10-02T15:11:48.630Z",
         *       "respondedAt": null
         *     }
         */
        ProposalTeamMember: {
            /**
             * Format: uuid
             * @description The team member entry (use it to remove them)
             * @example 6b8d0f2a-4c6e-4b9d-8a1c-3e5f7b9d1a2c
             */
            id: string;
            /**
             * @description Their account; null until they respond
             * @example 5c3e1a9f-7b2d-4e8c-9f6a-1b4d7e2c8a3f
             */
            userId: string | null;
            /**
             * @description Their display name; null until they respond
             * @example Matej Horváth
             */
            displayName: string | null;
            /**
             * @description The invited address; shown to the applicant and the team only (null for organisers)
             * @example matej.horvath@example.sk
             */
            email: string | null;
            /**
             * @description Only accepted members count in the team and are frozen into a revision
             * @enum {string}
             */
            status: "invited" | "accepted" | "declined";
            /**
             * Format: date-time
             * @description When the invitation was sent; UTC
             * @example 2026-10-28T19:03:27.418Z
             */
            invitedAt: string;
            /** @description When they accepted or declined; UTC; null while invited */
            respondedAt: string | null;
        };
        /**
         * @description A file attached to the proposal
         * @example {
         *       "id": "8e0a2c4d-6f8b-4d1e-a3c5-7b9d1f3e5a6b",
         *       "filename": "i4i-budget-2027.pdf",
         *       "contentType": "application/pdf",
         *       "size": 248731,
         *       "sha256": "0af96a8ed622a394e8b2a239284ee46e9a7a7b0ec38191bbd08571b171118dd6",
         *       "uploadedAt": "2026-10-27T21:14:52.906Z"
         *     }
         */
        ProposalAttachment: {
            /**
             * Format: uuid
             * @description The attachment’s id
             * @example 8e0a2c4d-6f8b-4d1e-a3c5-7b9d1f3e5a6b
             */
            id: string;
            /**
             * @description The file name given at upload
             * @example i4i-budget-2027.pdf
             */
            filename: string;
            /**
             * @description Media type, checked against the file’s own bytes
             * @enum {string}
             */
            contentType: "application/pdf" | "image/png" | "image/jpeg" | "text/plain";
            /**
             * @description Bytes
             * @example 248731
             */
            size: number;
            /**
             * @description SHA-256 of the bytes, 64 hex digits
             * @example 0af96a8ed622a394e8b2a239284ee46e9a7a7b0ec38191bbd08571b171118dd6
             */
            sha256: string;
            /**
             * Format: date-time
             * @description When it was uploaded; UTC
             * @example 2026-10-28T19:03:27.418Z
             */
            uploadedAt?: string;
        };
        /**
         * @description The current submitted revision, in short
         * @example {
         *       "revision": 2,
         *       "contentHash": "808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9",
         *       "receivedAt": "2026-10-28T19:03:27.418362Z",
         *       "late": false
         *     }
         */
        SubmittedRevisionSummary: {
            /** @description Revision number, from 1 */
            revision: number;
            /**
             * @description SHA-256 (hex) of the revision’s canonical content
             * @example 808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9
             */
            contentHash: string;
            /**
             * Format: date-time
             * @description When the server received it; UTC, microseconds
             * @example 2026-10-28T19:03:27.418362Z
             */
            receivedAt: string;
            /** @description Received in the grace period after the (applicant’s) deadline */
            late: boolean;
        };
        /**
         * @description A proposal as you may see it: applicant and team see the draft, organisers the current submitted revision
         * @example {
         *       "id": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *       "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "applicantId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *       "organisationId": null,
         *       "status": "submitted",
         *       "view": "draft",
         *       "viewerRole": "applicant",
         *       "title": "I4I: Inspire for Innovation",
         *       "answers": {
         *         "summary": "A 12-week after-school programme in which secondary-school students in Bratislava, Brno and Győr design and test a small social venture for their own neighbourhood, coached by local social entrepreneurs.",
         *         "target_group": "Secondary-school students (15–18)",
         *         "skills": [
         *           "Active citizenship",
         *           "Social entrepreneurship",
         *           "Impact measurement"
         *         ],
         *         "participants": 120,
         *         "tested_before": true
         *       },
         *       "team": [
         *         {
         *           "id": "6b8d0f2a-4c6e-4b9d-8a1c-3e5f7b9d1a2c",
         *           "userId": "5c3e1a9f-7b2d-4e8c-9f6a-1b4d7e2c8a3f",
         *           "displayName": "Matej Horváth",
         *           "email": "matej.horvath@example.sk",
         *           "status": "accepted",
         *           "invitedAt": "2026-09-10T16:50:03.274Z",
         *           "respondedAt": "2026-09-11T07:58:41.020Z"
         *         },
         *         {
         *           "id": "a3c5e7f9-1b3d-4f5a-9c7e-2d4f6a8c0b1e",
         *           "userId": null,
         *           "displayName": null,
         *           "email": "lucia.bartosova@example.sk",
         *           "status": "invited",
         *           "invitedAt": "2026-10-02T15:11:48.630Z",
         *           "respondedAt": null
         *         }
         *       ],
         *       "attachments": [
         *         {
         *           "id": "8e0a2c4d-6f8b-4d1e-a3c5-7b9d1f3e5a6b",
         *           "filename": "i4i-budget-2027.pdf",
         *           "contentType": "application/pdf",
         *           "size": 248731,
         *           "sha256": "0af96a8ed622a394e8b2a239284ee46e9a7a7b0ec38191bbd08571b171118dd6",
         *           "uploadedAt": "2026-10-27T21:14:52.906Z"
         *         }
         *       ],
         *       "currentRevision": 2,
         *       "submitted": {
         *         "revision": 2,
         *         "contentHash": "808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9",
         *         "receivedAt": "2026-10-28T19:03:27.418362Z",
         *         "late": false
         *       },
         *       "unsubmittedChanges": false,
         *       "eligibilityFacts": null,
         *       "late": false,
         *       "firstSubmittedAt": "2026-10-20T18:31:09.774Z",
         *       "lastSubmittedAt": "2026-10-28T19:03:27.418Z",
         *       "withdrawnAt": null,
         *       "version": 9,
         *       "createdAt": "2026-09-10T16:42:10.512Z",
         *       "updatedAt": "2026-10-28T19:03:27.418Z"
         *     }
         * @example {
         *       "id": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *       "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "applicantId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *       "organisationId": null,
         *       "status": "submitted",
         *       "view": "submitted",
         *       "viewerRole": "organiser",
         *       "title": "I4I: Inspire for Innovation",
         *       "answers": {
         *         "summary": "A 12-week after-school programme in which secondary-school students in Bratislava, Brno and Győr design and test a small social venture for their own neighbourhood, coached by local social entrepreneurs.",
         *         "target_group": "Secondary-school students (15–18)",
         *         "skills": [
         *           "Active citizenship",
         *           "Social entrepreneurship",
         *           "Impact measurement"
         *         ],
         *         "participants": 120,
         *         "tested_before": true
         *       },
         *       "team": [
         *         {
         *           "id": "6b8d0f2a-4c6e-4b9d-8a1c-3e5f7b9d1a2c",
         *           "userId": "5c3e1a9f-7b2d-4e8c-9f6a-1b4d7e2c8a3f",
         *           "displayName": "Matej Horváth",
         *           "email": null,
         *           "status": "accepted",
         *           "invitedAt": "2026-09-10T16:50:03.274Z",
         *           "respondedAt": "2026-09-11T07:58:41.020Z"
         *         }
         *       ],
         *       "attachments": [
         *         {
         *           "id": "8e0a2c4d-6f8b-4d1e-a3c5-7b9d1f3e5a6b",
         *           "filename": "i4i-budget-2027.pdf",
         *           "contentType": "application/pdf",
         *           "size": 248731,
         *           "sha256": "0af96a8ed622a394e8b2a239284ee46e9a7a7b0ec38191bbd08571b171118dd6"
         *         }
         *       ],
         *       "currentRevision": 2,
         *       "submitted": {
         *         "revision": 2,
         *         "contentHash": "808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9",
         *         "receivedAt": "2026-10-28T19:03:27.418362Z",
         *         "late": false
         *       },
         *       "unsubmittedChanges": false,
         *       "eligibilityFacts": {
         *         "country": "SK",
         *         "birthDate": "2005-03-14",
         *         "frozenAt": "2026-10-20T18:31:09.774Z",
         *         "changedSince": []
         *       },
         *       "late": false,
         *       "firstSubmittedAt": "2026-10-20T18:31:09.774Z",
         *       "lastSubmittedAt": "2026-10-28T19:03:27.418Z",
         *       "withdrawnAt": null,
         *       "version": 9,
         *       "createdAt": "2026-09-10T16:42:10.512Z",
         *       "updatedAt": "2026-10-28T19:03:27.418Z"
         *     }
         */
        Proposal: {
            /**
             * Format: uuid
             * @description The proposal’s id
             * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
             */
            id: string;
            /**
             * Format: uuid
             * @description The competition
             * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
             */
            competitionId: string;
            /**
             * Format: uuid
             * @description The applicant, who created it
             * @example 9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c
             */
            applicantId: string;
            /**
             * @description The organisation it is submitted for; null: the applicant as a person
             * @example null
             * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
             */
            organisationId: string | null;
            /**
             * @description `draft` until the first submit; `withdrawn` is final
             * @enum {string}
             */
            status: "draft" | "submitted" | "withdrawn";
            /**
             * @description Which content is shown: the working draft (applicant and team) or the current submitted revision (organisers)
             * @enum {string}
             */
            view: "draft" | "submitted";
            /**
             * @description Your relation to it: the applicant, a team member, or an organiser of the competition
             * @enum {string}
             */
            viewerRole: "applicant" | "member" | "organiser";
            /**
             * @description Title of the shown content
             * @example I4I: Inspire for Innovation
             */
            title: string;
            /** @description Answers of the shown content, by question id */
            answers: components["schemas"]["Answers"];
            /** @description The team: every invitation for applicant and team; accepted members for organisers */
            team: components["schemas"]["ProposalTeamMember"][];
            /** @description Files of the shown content */
            attachments: components["schemas"]["ProposalAttachment"][];
            /** @description Number of the current submitted revision; null before the first submit */
            currentRevision: number | null;
            /** @description The current submitted revision */
            submitted: components["schemas"]["SubmittedRevisionSummary"] | null;
            /** @description The draft differs from the current revision (always true before the first submit) */
            unsubmittedChanges: boolean;
            /** @description Organisers only (null otherwise): the applicant's country and birth date as frozen at their first submit to this competition, self-declared */
            eligibilityFacts: {
                /**
                 * @description Country of residence, ISO 3166-1 alpha-2
                 * @example SK
                 */
                country: string;
                /** @description Date of birth, YYYY-MM-DD; null when not given */
                birthDate: string | null;
                /**
                 * Format: date-time
                 * @description The first submit that froze them; UTC
                 * @example 2026-10-28T19:03:27.418Z
                 */
                frozenAt: string;
                /** @description Facts the applicant's profile states differently today; eligibility still decides on the frozen ones */
                changedSince: ("country" | "birthDate")[];
            } | null;
            /** @description The current revision arrived in the grace period */
            late: boolean;
            /** @description UTC; null before the first submit */
            firstSubmittedAt: string | null;
            /** @description UTC; null before the first submit */
            lastSubmittedAt: string | null;
            /** @description UTC; null unless withdrawn */
            withdrawnAt: string | null;
            /**
             * @description Increases with every change; also sent as the ETag `"v<version>"`: send it back in If-Match
             * @example 9
             */
            version: number;
            /**
             * Format: date-time
             * @description When it was created; UTC, milliseconds
             * @example 2026-10-28T19:03:27.418Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description Last change; UTC
             * @example 2026-10-28T19:03:27.418Z
             */
            updatedAt: string;
        };
        /**
         * @description One of your proposals, in short
         * @example {
         *       "id": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *       "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "applicantId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *       "organisationId": null,
         *       "status": "submitted",
         *       "title": "I4I: Inspire for Innovation",
         *       "currentRevision": 2,
         *       "unsubmittedChanges": false,
         *       "late": false,
         *       "version": 9,
         *       "updatedAt": "2026-10-28T19:03:27.418Z",
         *       "viewerRole": "applicant"
         *     }
         */
        ProposalSummary: {
            /**
             * Format: uuid
             * @description The proposal’s id
             * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
             */
            id: string;
            /**
             * Format: uuid
             * @description The competition
             * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
             */
            competitionId: string;
            /**
             * Format: uuid
             * @description The applicant, who created it
             * @example 9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c
             */
            applicantId: string;
            /**
             * @description The organisation it is submitted for; null: the applicant as a person
             * @example null
             * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
             */
            organisationId: string | null;
            /**
             * @description `draft` until the first submit; `withdrawn` is final
             * @enum {string}
             */
            status: "draft" | "submitted" | "withdrawn";
            /**
             * @description Title of the shown content
             * @example I4I: Inspire for Innovation
             */
            title: string;
            /** @description Number of the current submitted revision; null before the first submit */
            currentRevision: number | null;
            /** @description The draft differs from the current revision (always true before the first submit) */
            unsubmittedChanges: boolean;
            /** @description The current revision arrived in the grace period */
            late: boolean;
            /**
             * @description Increases with every change; also sent as the ETag `"v<version>"`: send it back in If-Match
             * @example 9
             */
            version: number;
            /**
             * Format: date-time
             * @description Last change; UTC
             * @example 2026-10-28T19:03:27.418Z
             */
            updatedAt: string;
            /**
             * @description You are its applicant or a team member
             * @enum {string}
             */
            viewerRole: "applicant" | "member";
        };
        /**
         * @description One page of your proposals
         * @example {
         *       "items": [
         *         {
         *           "id": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *           "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *           "applicantId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *           "organisationId": null,
         *           "status": "submitted",
         *           "title": "I4I: Inspire for Innovation",
         *           "currentRevision": 2,
         *           "unsubmittedChanges": false,
         *           "late": false,
         *           "version": 9,
         *           "updatedAt": "2026-10-28T19:03:27.418Z",
         *           "viewerRole": "applicant"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        ProposalSummaryList: {
            /** @description Proposals you are applicant or team member of, last changed first */
            items: components["schemas"]["ProposalSummary"][];
            /**
             * @description Pass as `cursor` to get the next page; null on the last page. Opaque: do not parse it
             * @example eyJrIjoiMjAyNi0xMC0yOCAxOTowMzoyNy40MTgzNjIrMDAiLCJpZCI6ImQyZjRiNmE4LTNjNWUtNGE3Yi05ZDFmLThlNmM0YTJiMGQ5ZSJ9
             */
            nextCursor: string | null;
        };
        /**
         * @description A submitted proposal as organisers list it
         * @example {
         *       "id": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *       "status": "submitted",
         *       "applicantId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *       "applicantName": "Zuzana Kováčová",
         *       "applicantCountry": "SK",
         *       "eligibilityFactsChanged": [],
         *       "organisationId": null,
         *       "title": "I4I: Inspire for Innovation",
         *       "currentRevision": 2,
         *       "contentHash": "808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9",
         *       "receivedAt": "2026-10-28T19:03:27.418362Z",
         *       "late": false,
         *       "firstSubmittedAt": "2026-10-20T18:31:09.774Z",
         *       "withdrawnAt": null
         *     }
         */
        SubmittedProposal: {
            /**
             * Format: uuid
             * @description The proposal’s id
             * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
             */
            id: string;
            /**
             * @description `withdrawn` is final
             * @enum {string}
             */
            status: "submitted" | "withdrawn";
            /**
             * Format: uuid
             * @description The applicant
             * @example 9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c
             */
            applicantId: string;
            /**
             * @description The applicant’s display name
             * @example Zuzana Kováčová
             */
            applicantName: string;
            /** @description As frozen at the first submit to this competition (what eligibility decided on) */
            applicantCountry: string;
            /** @description Frozen eligibility facts the applicant's profile states differently today (empty: unchanged) */
            eligibilityFactsChanged: ("country" | "birthDate")[];
            /**
             * @description The organisation it is submitted for; null: the applicant as a person
             * @example null
             * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
             */
            organisationId: string | null;
            /**
             * @description Title of the current revision
             * @example I4I: Inspire for Innovation
             */
            title: string;
            /** @description Number of the current revision, from 1 */
            currentRevision: number;
            /**
             * @description SHA-256 (hex) of the current revision’s canonical content
             * @example 808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9
             */
            contentHash: string;
            /**
             * Format: date-time
             * @description When the current revision was received; UTC, microseconds
             * @example 2026-10-28T19:03:27.418362Z
             */
            receivedAt: string;
            /** @description The current revision arrived in the grace period */
            late: boolean;
            /**
             * Format: date-time
             * @description The first submit; UTC
             * @example 2026-10-20T18:31:09.774Z
             */
            firstSubmittedAt: string;
            /** @description UTC; null unless withdrawn */
            withdrawnAt: string | null;
        };
        /**
         * @description One page of a competition’s submitted proposals (organisers)
         * @example {
         *       "items": [
         *         {
         *           "id": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *           "status": "submitted",
         *           "applicantId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *           "applicantName": "Zuzana Kováčová",
         *           "applicantCountry": "SK",
         *           "eligibilityFactsChanged": [],
         *           "organisationId": null,
         *           "title": "I4I: Inspire for Innovation",
         *           "currentRevision": 2,
         *           "contentHash": "808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9",
         *           "receivedAt": "2026-10-28T19:03:27.418362Z",
         *           "late": false,
         *           "firstSubmittedAt": "2026-10-20T18:31:09.774Z",
         *           "withdrawnAt": null
         *         }
         *       ],
         *       "nextCursor": "eyJrIjoiMjAyNi0xMC0yOCAxOTowMzoyNy40MTgzNjIrMDAiLCJpZCI6ImQyZjRiNmE4LTNjNWUtNGE3Yi05ZDFmLThlNmM0YTJiMGQ5ZSJ9"
         *     }
         */
        SubmittedProposalList: {
            /** @description This page, first submitted first */
            items: components["schemas"]["SubmittedProposal"][];
            /**
             * @description Pass as `cursor` to get the next page; null on the last page. Opaque: do not parse it
             * @example eyJrIjoiMjAyNi0xMC0yOCAxOTowMzoyNy40MTgzNjIrMDAiLCJpZCI6ImQyZjRiNmE4LTNjNWUtNGE3Yi05ZDFmLThlNmM0YTJiMGQ5ZSJ9
             */
            nextCursor: string | null;
        };
        /**
         * @description What a revision freezes; `contentHash` is the SHA-256 of its canonical JSON (RFC 8785 style)
         * @example {
         *       "proposalId": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *       "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "applicantId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *       "organisationId": null,
         *       "title": "I4I: Inspire for Innovation",
         *       "answers": {
         *         "summary": "A 12-week after-school programme in which secondary-school students in Bratislava, Brno and Győr design and test a small social venture for their own neighbourhood, coached by local social entrepreneurs.",
         *         "target_group": "Secondary-school students (15–18)",
         *         "skills": [
         *           "Active citizenship",
         *           "Social entrepreneurship",
         *           "Impact measurement"
         *         ],
         *         "participants": 120,
         *         "tested_before": true
         *       },
         *       "team": [
         *         "5c3e1a9f-7b2d-4e8c-9f6a-1b4d7e2c8a3f"
         *       ],
         *       "attachments": [
         *         {
         *           "id": "8e0a2c4d-6f8b-4d1e-a3c5-7b9d1f3e5a6b",
         *           "filename": "i4i-budget-2027.pdf",
         *           "contentType": "application/pdf",
         *           "size": 248731,
         *           "sha256": "0af96a8ed622a394e8b2a239284ee46e9a7a7b0ec38191bbd08571b171118dd6"
         *         }
         *       ]
         *     }
         */
        ProposalRevisionContent: {
            /**
             * Format: uuid
             * @description The proposal
             * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
             */
            proposalId: string;
            /**
             * Format: uuid
             * @description The competition
             * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
             */
            competitionId: string;
            /**
             * Format: uuid
             * @description The applicant
             * @example 9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c
             */
            applicantId: string;
            /**
             * @description The organisation it was submitted for; null: the applicant as a person
             * @example null
             * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
             */
            organisationId: string | null;
            /**
             * @description The title submitted
             * @example I4I: Inspire for Innovation
             */
            title: string;
            /** @description The answers submitted, without blanks */
            answers: components["schemas"]["Answers"];
            /**
             * @description User ids of the accepted team members, the applicant excluded
             * @example [
             *       "5c3e1a9f-7b2d-4e8c-9f6a-1b4d7e2c8a3f"
             *     ]
             */
            team: string[];
            /** @description The files submitted, each fixed by its SHA-256 */
            attachments: {
                /**
                 * Format: uuid
                 * @description The attachment’s id
                 * @example 8e0a2c4d-6f8b-4d1e-a3c5-7b9d1f3e5a6b
                 */
                id: string;
                /** @description File name */
                filename: string;
                /** @description Media type */
                contentType: string;
                /** @description Bytes */
                size: number;
                /** @description SHA-256 of the bytes, hex */
                sha256: string;
            }[];
        };
        /**
         * @description One submitted revision, in short
         * @example {
         *       "proposalId": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *       "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "revision": 2,
         *       "contentHash": "808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9",
         *       "receivedAt": "2026-10-28T19:03:27.418362Z",
         *       "late": false,
         *       "submittedBy": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *       "current": true
         *     }
         */
        ProposalRevisionSummary: {
            /**
             * Format: uuid
             * @description The proposal
             * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
             */
            proposalId: string;
            /**
             * Format: uuid
             * @description The competition
             * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
             */
            competitionId: string;
            /** @description Revision number, from 1 */
            revision: number;
            /**
             * @description SHA-256 (hex) of the content’s canonical JSON
             * @example 808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9
             */
            contentHash: string;
            /**
             * Format: date-time
             * @description When the server received it: database clock, UTC, microseconds
             * @example 2026-10-28T19:03:27.418362Z
             */
            receivedAt: string;
            /** @description Received in the grace period */
            late: boolean;
            /**
             * @description Who submitted it (applicant or a team member); null if that account is gone
             * @example 9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c
             */
            submittedBy: string | null;
            /** @description This is the revision organisers see and judge */
            current: boolean;
        };
        /**
         * @description The proposal’s submitted revisions
         * @example {
         *       "items": [
         *         {
         *           "proposalId": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *           "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *           "revision": 2,
         *           "contentHash": "808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9",
         *           "receivedAt": "2026-10-28T19:03:27.418362Z",
         *           "late": false,
         *           "submittedBy": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *           "current": true
         *         }
         *       ]
         *     }
         */
        ProposalRevisionList: {
            /** @description Every revision, oldest first */
            items: components["schemas"]["ProposalRevisionSummary"][];
        };
        /**
         * @description One submitted revision with its content and receipt
         * @example {
         *       "proposalId": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *       "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "revision": 2,
         *       "contentHash": "808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9",
         *       "receivedAt": "2026-10-28T19:03:27.418362Z",
         *       "late": false,
         *       "submittedBy": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *       "current": true,
         *       "content": {
         *         "proposalId": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *         "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *         "applicantId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *         "organisationId": null,
         *         "title": "I4I: Inspire for Innovation",
         *         "answers": {
         *           "summary": "A 12-week after-school programme in which secondary-school students in Bratislava, Brno and Győr design and test a small social venture for their own neighbourhood, coached by local social entrepreneurs.",
         *           "target_group": "Secondary-school students (15–18)",
         *           "skills": [
         *             "Active citizenship",
         *             "Social entrepreneurship",
         *             "Impact measurement"
         *           ],
         *           "participants": 120,
         *           "tested_before": true
         *         },
         *         "team": [
         *           "5c3e1a9f-7b2d-4e8c-9f6a-1b4d7e2c8a3f"
         *         ],
         *         "attachments": [
         *           {
         *             "id": "8e0a2c4d-6f8b-4d1e-a3c5-7b9d1f3e5a6b",
         *             "filename": "i4i-budget-2027.pdf",
         *             "contentType": "application/pdf",
         *             "size": 248731,
         *             "sha256": "0af96a8ed622a394e8b2a239284ee46e9a7a7b0ec38191bbd08571b171118dd6"
         *           }
         *         ]
         *       },
         *       "receipt": {
         *         "proposalId": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *         "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *         "revision": 2,
         *         "contentHash": "808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9",
         *         "receivedAt": "2026-10-28T19:03:27.418362Z",
         *         "algorithm": "Ed25519",
         *         "keyId": "a6428ec85933d791",
         *         "signature": "4aLGPMWlE_z8_0YIiXG8zNoxQParYxXBGK1yPcT28z32hUSniTGRX8m22VCpR9OxvN5yrnYOn4rY7rebWWEiCQ"
         *       }
         *     }
         */
        ProposalRevision: {
            /**
             * Format: uuid
             * @description The proposal
             * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
             */
            proposalId: string;
            /**
             * Format: uuid
             * @description The competition
             * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
             */
            competitionId: string;
            /** @description Revision number, from 1 */
            revision: number;
            /**
             * @description SHA-256 (hex) of the content’s canonical JSON
             * @example 808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9
             */
            contentHash: string;
            /**
             * Format: date-time
             * @description When the server received it: database clock, UTC, microseconds
             * @example 2026-10-28T19:03:27.418362Z
             */
            receivedAt: string;
            /** @description Received in the grace period */
            late: boolean;
            /**
             * @description Who submitted it (applicant or a team member); null if that account is gone
             * @example 9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c
             */
            submittedBy: string | null;
            /** @description This is the revision organisers see and judge */
            current: boolean;
            /** @description What it froze */
            content: components["schemas"]["ProposalRevisionContent"];
            /** @description The signed receipt of this revision */
            receipt: components["schemas"]["Receipt"];
        };
        /**
         * @description The submitted proposal and a signed receipt; verify it with GET /v1/receipts/public-key
         * @example {
         *       "proposal": {
         *         "id": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *         "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *         "applicantId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *         "organisationId": null,
         *         "status": "submitted",
         *         "view": "draft",
         *         "viewerRole": "applicant",
         *         "title": "I4I: Inspire for Innovation",
         *         "answers": {
         *           "summary": "A 12-week after-school programme in which secondary-school students in Bratislava, Brno and Győr design and test a small social venture for their own neighbourhood, coached by local social entrepreneurs.",
         *           "target_group": "Secondary-school students (15–18)",
         *           "skills": [
         *             "Active citizenship",
         *             "Social entrepreneurship",
         *             "Impact measurement"
         *           ],
         *           "participants": 120,
         *           "tested_before": true
         *         },
         *         "team": [
         *           {
         *             "id": "6b8d0f2a-4c6e-4b9d-8a1c-3e5f7b9d1a2c",
         *             "userId": "5c3e1a9f-7b2d-4e8c-9f6a-1b4d7e2c8a3f",
         *             "displayName": "Matej Horváth",
         *             "email": "matej.horvath@example.sk",
         *             "status": "accepted",
         *             "invitedAt": "2026-09-10T16:50:03.274Z",
         *             "respondedAt": "2026-09-11T07:58:41.020Z"
         *           },
         *           {
         *             "id": "a3c5e7f9-1b3d-4f5a-9c7e-2d4f6a8c0b1e",
         *             "userId": null,
         *             "displayName": null,
         *             "email": "lucia.bartosova@example.sk",
         *             "status": "invited",
         *             "invitedAt": "2026-10-02T15:11:48.630Z",
         *             "respondedAt": null
         *           }
         *         ],
         *         "attachments": [
         *           {
         *             "id": "8e0a2c4d-6f8b-4d1e-a3c5-7b9d1f3e5a6b",
         *             "filename": "i4i-budget-2027.pdf",
         *             "contentType": "application/pdf",
         *             "size": 248731,
         *             "sha256": "0af96a8ed622a394e8b2a239284ee46e9a7a7b0ec38191bbd08571b171118dd6",
         *             "uploadedAt": "2026-10-27T21:14:52.906Z"
         *           }
         *         ],
         *         "currentRevision": 2,
         *         "submitted": {
         *           "revision": 2,
         *           "contentHash": "808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9",
         *           "receivedAt": "2026-10-28T19:03:27.418362Z",
         *           "late": false
         *         },
         *         "unsubmittedChanges": false,
         *         "eligibilityFacts": null,
         *         "late": false,
         *         "firstSubmittedAt": "2026-10-20T18:31:09.774Z",
         *         "lastSubmittedAt": "2026-10-28T19:03:27.418Z",
         *         "withdrawnAt": null,
         *         "version": 9,
         *         "createdAt": "2026-09-10T16:42:10.512Z",
         *         "updatedAt": "2026-10-28T19:03:27.418Z"
         *       },
         *       "receipt": {
         *         "proposalId": "d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e",
         *         "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *         "revision": 2,
         *         "contentHash": "808c767acb2d965ef36fd55ba534e74da5d321134649ca9b4acbca0e69fd0fa9",
         *         "receivedAt": "2026-10-28T19:03:27.418362Z",
         *         "algorithm": "Ed25519",
         *         "keyId": "a6428ec85933d791",
         *         "signature": "4aLGPMWlE_z8_0YIiXG8zNoxQParYxXBGK1yPcT28z32hUSniTGRX8m22VCpR9OxvN5yrnYOn4rY7rebWWEiCQ"
         *       }
         *     }
         */
        SubmitResult: {
            /** @description The proposal after the submit */
            proposal: components["schemas"]["Proposal"];
            /** @description Keep it: signed proof of what was received when */
            receipt: components["schemas"]["Receipt"];
        };
        /**
         * @description A request for a guardian’s consent and its state
         * @example {
         *       "id": "4d6f8a0b-2c4e-4a6c-b8d0-9e1f3a5c7b2d",
         *       "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "applicantId": "e7a9c1b3-5d7f-4a1c-8e3b-0f2d4a6c8e1b",
         *       "guardianEmail": "jana.balazova@example.sk",
         *       "status": "confirmed",
         *       "requestedAt": "2026-09-11T08:05:12.345Z",
         *       "expiresAt": "2026-10-11T08:05:12.345Z",
         *       "confirmedAt": "2026-09-11T19:47:03.882Z"
         *     }
         */
        GuardianConsent: {
            /**
             * Format: uuid
             * @description The consent request’s id
             * @example 4d6f8a0b-2c4e-4a6c-b8d0-9e1f3a5c7b2d
             */
            id: string;
            /**
             * Format: uuid
             * @description The competition it is for
             * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
             */
            competitionId: string;
            /**
             * Format: uuid
             * @description The applicant it is for
             * @example e7a9c1b3-5d7f-4a1c-8e3b-0f2d4a6c8e1b
             */
            applicantId: string;
            /**
             * @description Where the consent link was sent
             * @example jana.balazova@example.sk
             */
            guardianEmail: string;
            /**
             * @description `pending` until the guardian confirms or the link expires
             * @enum {string}
             */
            status: "pending" | "confirmed" | "expired";
            /**
             * Format: date-time
             * @description When the consent was asked for; UTC
             * @example 2026-10-28T19:03:27.418Z
             */
            requestedAt: string;
            /**
             * Format: date-time
             * @description The link stops working at this instant; UTC
             * @example 2026-10-11T08:05:12.345Z
             */
            expiresAt: string;
            /** @description UTC; null until confirmed */
            confirmedAt: string | null;
        };
        /**
         * @description The guardian’s consent is recorded
         * @example {
         *       "confirmed": true,
         *       "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "competitionTitle": "Be Social, Be Maker",
         *       "confirmedAt": "2026-09-11T19:47:03.882Z"
         *     }
         */
        GuardianConsentConfirmation: {
            /**
             * @description Always true
             * @constant
             */
            confirmed: true;
            /**
             * Format: uuid
             * @description The competition consented to
             * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
             */
            competitionId: string;
            /**
             * @description Its title, to show the guardian
             * @example Be Social, Be Maker
             */
            competitionTitle: string;
            /**
             * Format: date-time
             * @description When the guardian confirmed; UTC
             * @example 2026-10-28T19:03:27.418Z
             */
            confirmedAt: string;
        };
        /**
         * @description Your guardian consent requests for a competition
         * @example {
         *       "items": [
         *         {
         *           "id": "4d6f8a0b-2c4e-4a6c-b8d0-9e1f3a5c7b2d",
         *           "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *           "applicantId": "e7a9c1b3-5d7f-4a1c-8e3b-0f2d4a6c8e1b",
         *           "guardianEmail": "jana.balazova@example.sk",
         *           "status": "confirmed",
         *           "requestedAt": "2026-09-11T08:05:12.345Z",
         *           "expiresAt": "2026-10-11T08:05:12.345Z",
         *           "confirmedAt": "2026-09-11T19:47:03.882Z"
         *         }
         *       ]
         *     }
         */
        GuardianConsentList: {
            /** @description Your consent requests for this competition, newest first */
            items: components["schemas"]["GuardianConsent"][];
        };
        /**
         * @description The prize money and each winning rank’s share
         * @example {
         *       "amount": 500000,
         *       "currency": "EUR",
         *       "winners": 1,
         *       "split": [
         *         500000
         *       ]
         *     }
         */
        PrizeDetails: {
            /**
             * @description Total, in minor units of `currency` (EUR 5,000.00 = 500000)
             * @example 500000
             */
            amount: number;
            /**
             * @description ISO 4217 currency code, upper case
             * @example EUR
             */
            currency: string;
            /** @description How many ranks win a share */
            winners: number;
            /** @description Minor units per rank, first place first, summing to `amount` (computed when not given) */
            split: number[];
        };
        /**
         * @description Who may submit; checked at submission against the applicant’s self-declared country and birth date
         * @example {
         *       "minAge": 15,
         *       "maxAge": 23,
         *       "ageReferenceDate": null,
         *       "allowedCountries": [
         *         "AT",
         *         "CZ",
         *         "DE",
         *         "HR",
         *         "HU",
         *         "IT",
         *         "PL",
         *         "SI",
         *         "SK"
         *       ],
         *       "minTeamSize": 1,
         *       "maxTeamSize": 5,
         *       "maxProposalsPerApplicant": 1,
         *       "guardianConsentUnderAge": 18
         *     }
         */
        EligibilityRules: {
            /** @description The applicant’s youngest allowed age, whole years; null or absent: no lower limit */
            minAge?: number | null;
            /** @description The applicant’s oldest allowed age, whole years (23 admits until the 24th birthday); null or absent: no upper limit */
            maxAge?: number | null;
            /** @description Age is computed at this date (YYYY-MM-DD); at the submission date when null or absent */
            ageReferenceDate?: string | null;
            /**
             * @description Countries (ISO 3166-1 alpha-2) the applicant and accepted team members must live in; empty means anywhere
             * @default []
             * @example [
             *       "SK",
             *       "CZ",
             *       "HU",
             *       "PL",
             *       "AT",
             *       "SI"
             *     ]
             */
            allowedCountries: string[];
            /**
             * @description Fewest people per proposal, the applicant included
             * @default 1
             */
            minTeamSize: number;
            /**
             * @description Most people per proposal, the applicant included
             * @default 1
             */
            maxTeamSize: number;
            /**
             * @description Submitted (not withdrawn) proposals one applicant may have in this competition
             * @default 1
             */
            maxProposalsPerApplicant: number;
            /** @description Applicants younger than this (years) need a guardian’s consent before they submit; null or absent: nobody does */
            guardianConsentUnderAge?: number | null;
        };
        /**
         * @description One question of the application form
         * @example {
         *       "id": "skills",
         *       "type": "multichoice",
         *       "label": "Social-innovation skills taught",
         *       "help": "Choose the competences of the Social Innovation Academy your programme teaches.",
         *       "required": true,
         *       "min": 1,
         *       "options": [
         *         "Active citizenship",
         *         "Social entrepreneurship",
         *         "Technology for social good",
         *         "Stakeholder engagement",
         *         "Impact measurement",
         *         "Financing",
         *         "Policy"
         *       ]
         *     }
         */
        FormQuestion: {
            /**
             * @description Key of the answer in `answers`; lower case letters, digits and _, unique in the form
             * @example skills
             */
            id: string;
            /**
             * @description Answer type: text/longtext/url/date (string; date YYYY-MM-DD), number, boolean, choice (one option), multichoice (a list of options)
             * @enum {string}
             */
            type: "text" | "longtext" | "number" | "choice" | "multichoice" | "url" | "date" | "boolean";
            /**
             * @description The question as shown to applicants
             * @example Social-innovation skills taught
             */
            label: string;
            /** @description Guidance shown with the question */
            help?: string;
            /**
             * @description Must be answered to submit (drafts may leave it empty)
             * @default false
             */
            required: boolean;
            /** @description text, longtext, url: most characters */
            maxChars?: number;
            /** @description text, longtext: most words */
            maxWords?: number;
            /** @description number: smallest value; multichoice: fewest selections */
            min?: number;
            /** @description number: largest value; multichoice: most selections */
            max?: number;
            /** @description choice, multichoice: the options, at least two, unique; answers quote them exactly */
            options?: string[];
        };
        /**
         * @description One criterion judges score
         * @example {
         *       "id": "social_impact",
         *       "label": "Social impact",
         *       "description": "Relevance for young people and expected change",
         *       "weight": 40,
         *       "scaleMin": 1,
         *       "scaleMax": 10
         *     }
         */
        RubricCriterion: {
            /**
             * @description Criterion key; lower case letters, digits and _, unique in the rubric
             * @example social_impact
             */
            id: string;
            /**
             * @description Name shown to judges
             * @example Social impact
             */
            label: string;
            /** @description What judges should look for */
            description?: string;
            /** @description Relative weight in the total score (weights need not sum to 100) */
            weight: number;
            /** @description Lowest score a judge can give */
            scaleMin: number;
            /** @description Highest score a judge can give; above `scaleMin` */
            scaleMax: number;
        };
        /**
         * @description How equal totals are ordered; applied in list order
         * @example {
         *       "kind": "criterion",
         *       "criterionId": "social_impact"
         *     }
         */
        TieBreak: {
            /**
             * @description Higher score on one criterion wins
             * @constant
             */
            kind: "criterion";
            /**
             * @description A rubric criterion’s `id`
             * @example social_impact
             */
            criterionId: string;
        } | {
            /**
             * @description The earlier first submission wins
             * @constant
             */
            kind: "earliest_submission";
        };
        /**
         * @description How proposals are reviewed and ranked
         * @example {
         *       "reviewsPerProposal": 3,
         *       "blind": true,
         *       "aggregation": "mean",
         *       "normalisation": "zscore",
         *       "tieBreaks": [
         *         {
         *           "kind": "criterion",
         *           "criterionId": "social_impact"
         *         },
         *         {
         *           "kind": "earliest_submission"
         *         }
         *       ],
         *       "judgingOpensAt": "2026-11-05",
         *       "judgingClosesAt": "2026-11-30",
         *       "shortlistSize": 10,
         *       "showScoresToApplicants": true
         *     }
         */
        JudgingSettings: {
            /**
             * @description Judges who score each proposal
             * @default 3
             */
            reviewsPerProposal: number;
            /**
             * @description Judges do not see who the applicants are
             * @default true
             */
            blind: boolean;
            /**
             * @description How the judges’ scores of a proposal are combined
             * @default mean
             * @enum {string}
             */
            aggregation: "mean" | "median";
            /**
             * @description `zscore` evens out strict and lenient judges before combining
             * @default none
             * @enum {string}
             */
            normalisation: "none" | "zscore";
            /**
             * @description Applied in order when totals are equal
             * @default []
             */
            tieBreaks: components["schemas"]["TieBreak"][];
            /**
             * @description When judges may start, not before the competition closes; a date means the start of that day in `timezone`. Returned as a UTC instant; null: not scheduled
             * @example 2026-11-05
             */
            judgingOpensAt?: string | null;
            /**
             * @description When scoring ends; a date means the end of that day in `timezone`. Returned as a UTC instant; null: no deadline
             * @example 2026-11-30
             */
            judgingClosesAt?: string | null;
            /** @description Top N advance to a second round; null or absent: one round */
            shortlistSize?: number | null;
            /**
             * @description Applicants see their scores once results are published
             * @default false
             */
            showScoresToApplicants: boolean;
        };
        /**
         * @description When submissions are accepted, resolved to instants
         * @example {
         *       "opensAt": "2026-08-31T22:00:00.000Z",
         *       "closesAt": "2026-10-31T23:00:00.000Z",
         *       "timezone": "Europe/Rome",
         *       "gracePeriodSeconds": 300,
         *       "effectiveClosesAt": "2026-10-31T23:05:00.000Z",
         *       "local": {
         *         "opensAt": "2026-09-01T00:00:00+02:00",
         *         "closesAt": "2026-11-01T00:00:00+01:00",
         *         "effectiveClosesAt": "2026-11-01T00:05:00+01:00"
         *       }
         *     }
         */
        CompetitionTiming: {
            /**
             * Format: date-time
             * @description Submissions are accepted from this instant; UTC
             * @example 2026-08-31T22:00:00.000Z
             */
            opensAt: string;
            /**
             * Format: date-time
             * @description Exclusive: submissions must arrive before it (plus grace); UTC
             * @example 2026-10-31T23:00:00.000Z
             */
            closesAt: string;
            /**
             * @description IANA time zone of the competition, canonical spelling
             * @example Europe/Rome
             */
            timezone: string;
            /** @description Seconds after `closesAt` in which submissions are still accepted, marked late */
            gracePeriodSeconds: number;
            /**
             * Format: date-time
             * @description closesAt + gracePeriodSeconds: nothing is accepted from this instant on; UTC
             * @example 2026-10-31T23:05:00.000Z
             */
            effectiveClosesAt: string;
            /** @description The same instants as wall-clock time in `timezone`, ISO 8601 with that zone’s offset; a fraction of a second is kept when there is one */
            local: {
                /**
                 * @description `opensAt` in `timezone`
                 * @example 2026-09-01T00:00:00+02:00
                 */
                opensAt: string;
                /**
                 * @description `closesAt` in `timezone`
                 * @example 2026-11-01T00:00:00+01:00
                 */
                closesAt: string;
                /**
                 * @description `effectiveClosesAt` in `timezone`
                 * @example 2026-11-01T00:05:00+01:00
                 */
                effectiveClosesAt: string;
            };
        };
        /**
         * @description A competition with its whole configuration; drafts are visible to the organisation’s members only
         * @example {
         *       "id": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "organisationId": "3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c",
         *       "challengeId": null,
         *       "title": "Be Social, Be Maker",
         *       "summary": "EUR 5,000 for the best educational proposal teaching social-innovation skills and tools to young people aged 15–23 living in Central Europe.",
         *       "description": "The Social(i)Makers partnership invites proposals for an educational programme that brings social innovation to young people aged 15 to 23 living in Austria, Czechia, Germany, Croatia, Hungary, Italy, Poland, Slovenia and Slovakia. One winner receives the whole prize.",
         *       "themes": [
         *         "education",
         *         "youth",
         *         "inclusion"
         *       ],
         *       "countries": [
         *         "AT",
         *         "CZ",
         *         "DE",
         *         "HR",
         *         "HU",
         *         "IT",
         *         "PL",
         *         "SI",
         *         "SK"
         *       ],
         *       "status": "published",
         *       "phase": "open",
         *       "prize": {
         *         "amount": 500000,
         *         "currency": "EUR",
         *         "winners": 1,
         *         "split": [
         *           500000
         *         ]
         *       },
         *       "timing": {
         *         "opensAt": "2026-08-31T22:00:00.000Z",
         *         "closesAt": "2026-10-31T23:00:00.000Z",
         *         "timezone": "Europe/Rome",
         *         "gracePeriodSeconds": 300,
         *         "effectiveClosesAt": "2026-10-31T23:05:00.000Z",
         *         "local": {
         *           "opensAt": "2026-09-01T00:00:00+02:00",
         *           "closesAt": "2026-11-01T00:00:00+01:00",
         *           "effectiveClosesAt": "2026-11-01T00:05:00+01:00"
         *         }
         *       },
         *       "eligibility": {
         *         "minAge": 15,
         *         "maxAge": 23,
         *         "ageReferenceDate": null,
         *         "allowedCountries": [
         *           "AT",
         *           "CZ",
         *           "DE",
         *           "HR",
         *           "HU",
         *           "IT",
         *           "PL",
         *           "SI",
         *           "SK"
         *         ],
         *         "minTeamSize": 1,
         *         "maxTeamSize": 5,
         *         "maxProposalsPerApplicant": 1,
         *         "guardianConsentUnderAge": 18
         *       },
         *       "form": [
         *         {
         *           "id": "summary",
         *           "type": "longtext",
         *           "label": "Summary",
         *           "help": "What will participants learn, and how?",
         *           "required": true,
         *           "maxWords": 300
         *         },
         *         {
         *           "id": "target_group",
         *           "type": "choice",
         *           "label": "Main target group",
         *           "required": true,
         *           "options": [
         *             "Secondary-school students (15–18)",
         *             "Young adults (19–23)",
         *             "Both"
         *           ]
         *         },
         *         {
         *           "id": "skills",
         *           "type": "multichoice",
         *           "label": "Social-innovation skills taught",
         *           "help": "Choose the competences of the Social Innovation Academy your programme teaches.",
         *           "required": true,
         *           "min": 1,
         *           "options": [
         *             "Active citizenship",
         *             "Social entrepreneurship",
         *             "Technology for social good",
         *             "Stakeholder engagement",
         *             "Impact measurement",
         *             "Financing",
         *             "Policy"
         *           ]
         *         },
         *         {
         *           "id": "participants",
         *           "type": "number",
         *           "label": "Expected number of participants",
         *           "required": true,
         *           "min": 1,
         *           "max": 100000
         *         },
         *         {
         *           "id": "tested_before",
         *           "type": "boolean",
         *           "label": "Has the programme been tested before?",
         *           "required": true
         *         }
         *       ],
         *       "rubric": [
         *         {
         *           "id": "social_impact",
         *           "label": "Social impact",
         *           "description": "Relevance for young people and expected change",
         *           "weight": 40,
         *           "scaleMin": 1,
         *           "scaleMax": 10
         *         },
         *         {
         *           "id": "innovation",
         *           "label": "Innovation",
         *           "description": "Originality of content and format",
         *           "weight": 30,
         *           "scaleMin": 1,
         *           "scaleMax": 10
         *         },
         *         {
         *           "id": "feasibility",
         *           "label": "Feasibility",
         *           "description": "Plan, resources and capacity to deliver",
         *           "weight": 30,
         *           "scaleMin": 1,
         *           "scaleMax": 10
         *         }
         *       ],
         *       "judging": {
         *         "reviewsPerProposal": 3,
         *         "blind": true,
         *         "aggregation": "mean",
         *         "normalisation": "zscore",
         *         "tieBreaks": [
         *           {
         *             "kind": "criterion",
         *             "criterionId": "social_impact"
         *           },
         *           {
         *             "kind": "earliest_submission"
         *           }
         *         ],
         *         "judgingOpensAt": "2026-11-04T23:00:00.000Z",
         *         "judgingClosesAt": "2026-11-30T23:00:00.000Z",
         *         "shortlistSize": 10,
         *         "showScoresToApplicants": true
         *       },
         *       "rulesFrozenAt": "2026-09-14T11:20:05.133Z",
         *       "publishedAt": "2026-07-15T10:00:00.000Z",
         *       "version": 3,
         *       "createdAt": "2026-07-01T09:15:00.000Z",
         *       "updatedAt": "2026-07-15T10:00:00.000Z"
         *     }
         */
        Competition: {
            /**
             * Format: uuid
             * @description The competition’s id
             * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
             */
            id: string;
            /**
             * Format: uuid
             * @description The organisation that runs it
             * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
             */
            organisationId: string;
            /**
             * @description The challenge it answers; null: none
             * @example null
             */
            challengeId: string | null;
            /**
             * @description Public title
             * @example Be Social, Be Maker
             */
            title: string;
            /** @description One paragraph for lists; empty when not written yet */
            summary: string;
            /** @description The full call */
            description: string;
            /** @description Fields of social innovation it is about */
            themes: string[];
            /** @description Countries it is about or run in, ISO 3166-1 alpha-2 */
            countries: string[];
            /**
             * @description Lifecycle: draft → published → judging → results_published; archived from any of them
             * @enum {string}
             */
            status: "draft" | "published" | "judging" | "results_published" | "archived";
            /** @description While published: upcoming, open (until effectiveClosesAt), closed; judging and later: closed; null for drafts. Derived from the database clock at read time */
            phase: ("upcoming" | "open" | "closed") | null;
            /** @description The prize money and each rank’s share */
            prize: components["schemas"]["PrizeDetails"];
            /** @description When submissions are accepted */
            timing: components["schemas"]["CompetitionTiming"];
            /** @description Who may submit, defaults filled in */
            eligibility: components["schemas"]["EligibilityRules"];
            /** @description The questions, in order */
            form: components["schemas"]["FormQuestion"][];
            /** @description The criteria judges score */
            rubric: components["schemas"]["RubricCriterion"][];
            /** @description How proposals are reviewed; judging dates as UTC instants */
            judging: components["schemas"]["JudgingSettings"];
            /**
             * @description Set by the first submission; eligibility, form and rubric are fixed from then on. UTC; null until then
             * @example 2026-09-14T11:20:05.133Z
             */
            rulesFrozenAt: string | null;
            /**
             * @description When it was published; UTC; null for drafts
             * @example 2026-07-15T10:00:00.000Z
             */
            publishedAt: string | null;
            /**
             * @description Increases with every change; also sent as the ETag `"v<version>"`: send it back in If-Match
             * @example 3
             */
            version: number;
            /**
             * Format: date-time
             * @description When it was created; UTC, milliseconds
             * @example 2026-10-28T19:03:27.418Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description Last change of the stored configuration; UTC
             * @example 2026-10-28T19:03:27.418Z
             */
            updatedAt: string;
        };
        /**
         * @description A competition as lists show it
         * @example {
         *       "id": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "organisationId": "3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c",
         *       "organisationName": "Social(i)Makers",
         *       "challengeId": null,
         *       "title": "Be Social, Be Maker",
         *       "summary": "EUR 5,000 for the best educational proposal teaching social-innovation skills and tools to young people aged 15–23 living in Central Europe.",
         *       "themes": [
         *         "education",
         *         "youth",
         *         "inclusion"
         *       ],
         *       "countries": [
         *         "AT",
         *         "CZ",
         *         "DE",
         *         "HR",
         *         "HU",
         *         "IT",
         *         "PL",
         *         "SI",
         *         "SK"
         *       ],
         *       "allowedCountries": [
         *         "AT",
         *         "CZ",
         *         "DE",
         *         "HR",
         *         "HU",
         *         "IT",
         *         "PL",
         *         "SI",
         *         "SK"
         *       ],
         *       "status": "published",
         *       "phase": "open",
         *       "prize": {
         *         "amount": 500000,
         *         "currency": "EUR",
         *         "winners": 1,
         *         "split": [
         *           500000
         *         ]
         *       },
         *       "timing": {
         *         "opensAt": "2026-08-31T22:00:00.000Z",
         *         "closesAt": "2026-10-31T23:00:00.000Z",
         *         "timezone": "Europe/Rome",
         *         "gracePeriodSeconds": 300,
         *         "effectiveClosesAt": "2026-10-31T23:05:00.000Z",
         *         "local": {
         *           "opensAt": "2026-09-01T00:00:00+02:00",
         *           "closesAt": "2026-11-01T00:00:00+01:00",
         *           "effectiveClosesAt": "2026-11-01T00:05:00+01:00"
         *         }
         *       },
         *       "publishedAt": "2026-07-15T10:00:00.000Z",
         *       "version": 3
         *     }
         */
        CompetitionSummary: {
            /**
             * Format: uuid
             * @description The competition’s id
             * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
             */
            id: string;
            /**
             * Format: uuid
             * @description The organisation that runs it
             * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
             */
            organisationId: string;
            /**
             * @description That organisation’s name
             * @example Social(i)Makers
             */
            organisationName: string;
            /**
             * @description The challenge it answers; null: none
             * @example null
             */
            challengeId: string | null;
            /**
             * @description Public title
             * @example Be Social, Be Maker
             */
            title: string;
            /** @description One paragraph */
            summary: string;
            /** @description Fields of social innovation it is about */
            themes: string[];
            /** @description Countries it is about or run in, ISO 3166-1 alpha-2 */
            countries: string[];
            /** @description Where applicants must live (`eligibility.allowedCountries`); empty means anywhere */
            allowedCountries: string[];
            /**
             * @description Lifecycle: draft → published → judging → results_published; archived from any of them
             * @enum {string}
             */
            status: "draft" | "published" | "judging" | "results_published" | "archived";
            /** @description While published: upcoming, open (until effectiveClosesAt), closed; judging and later: closed; null for drafts. Derived from the database clock at read time */
            phase: ("upcoming" | "open" | "closed") | null;
            /** @description The prize money */
            prize: components["schemas"]["PrizeDetails"];
            /** @description When submissions are accepted */
            timing: components["schemas"]["CompetitionTiming"];
            /** @description When it was published; UTC; null for drafts */
            publishedAt: string | null;
            /** @description The ETag’s version */
            version: number;
        };
        /**
         * @description One page of competitions
         * @example {
         *       "items": [
         *         {
         *           "id": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *           "organisationId": "3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c",
         *           "organisationName": "Social(i)Makers",
         *           "challengeId": null,
         *           "title": "Be Social, Be Maker",
         *           "summary": "EUR 5,000 for the best educational proposal teaching social-innovation skills and tools to young people aged 15–23 living in Central Europe.",
         *           "themes": [
         *             "education",
         *             "youth",
         *             "inclusion"
         *           ],
         *           "countries": [
         *             "AT",
         *             "CZ",
         *             "DE",
         *             "HR",
         *             "HU",
         *             "IT",
         *             "PL",
         *             "SI",
         *             "SK"
         *           ],
         *           "allowedCountries": [
         *             "AT",
         *             "CZ",
         *             "DE",
         *             "HR",
         *             "HU",
         *             "IT",
         *             "PL",
         *             "SI",
         *             "SK"
         *           ],
         *           "status": "published",
         *           "phase": "open",
         *           "prize": {
         *             "amount": 500000,
         *             "currency": "EUR",
         *             "winners": 1,
         *             "split": [
         *               500000
         *             ]
         *           },
         *           "timing": {
         *             "opensAt": "2026-08-31T22:00:00.000Z",
         *             "closesAt": "2026-10-31T23:00:00.000Z",
         *             "timezone": "Europe/Rome",
         *             "gracePeriodSeconds": 300,
         *             "effectiveClosesAt": "2026-10-31T23:05:00.000Z",
         *             "local": {
         *               "opensAt": "2026-09-01T00:00:00+02:00",
         *               "closesAt": "2026-11-01T00:00:00+01:00",
         *               "effectiveClosesAt": "2026-11-01T00:05:00+01:00"
         *             }
         *           },
         *           "publishedAt": "2026-07-15T10:00:00.000Z",
         *           "version": 3
         *         }
         *       ],
         *       "nextCursor": "eyJzIjoiY2xvc2luZ19zb29uIiwiayI6IjIwMjYtMTAtMzEgMjM6MDA6MDArMDAiLCJpZCI6IjdiMmU5YzQxLTVkM2EtNGY2Yi04ZTFjLTJhOWQ0YjdjNmUxNSJ9"
         *     }
         */
        CompetitionPage: {
            /** @description This page, in the requested sort */
            items: components["schemas"]["CompetitionSummary"][];
            /**
             * @description Pass as `cursor` to get the next page; null on the last page. Opaque: do not parse it
             * @example eyJzIjoiY2xvc2luZ19zb29uIiwiayI6IjIwMjYtMTAtMzEgMjM6MDA6MDArMDAiLCJpZCI6IjdiMmU5YzQxLTVkM2EtNGY2Yi04ZTFjLTJhOWQ0YjdjNmUxNSJ9
             */
            nextCursor: string | null;
        };
        /** @description An organisation’s public page: its profile and its public competitions; no member data */
        OrganisationPublicPage: {
            /** @description The organisation’s public profile */
            organisation: components["schemas"]["Organisation"];
            /** @description Its public competitions (published, in judging or with published results; never drafts), closing soonest first; `nextCursor` continues with `GET /v1/competitions?organisationId=…&cursor=…` */
            competitions: components["schemas"]["CompetitionPage"];
        };
        /**
         * @description An individual deadline extension for one applicant (organisers only)
         * @example {
         *       "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "userId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *       "displayName": "Zuzana Kováčová",
         *       "closesAt": "2026-11-03T23:00:00.000Z",
         *       "effectiveClosesAt": "2026-11-03T23:05:00.000Z",
         *       "localClosesAt": "2026-11-04T00:00:00+01:00",
         *       "reason": "The team’s school was closed for a week by flooding in Bratislava; deadline moved by three days.",
         *       "grantedBy": "0e5d8f3a-2c1b-4a9e-b7d6-4f3e2a1c9b8d",
         *       "createdAt": "2026-10-29T08:12:44.301Z"
         *     }
         */
        CompetitionExtension: {
            /**
             * Format: uuid
             * @description The competition
             * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
             */
            competitionId: string;
            /**
             * Format: uuid
             * @description The applicant it applies to
             * @example 9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c
             */
            userId: string;
            /**
             * @description The applicant’s display name; null if the account is gone
             * @example Zuzana Kováčová
             */
            displayName: string | null;
            /**
             * Format: date-time
             * @description The applicant’s own deadline, exclusive; UTC
             * @example 2026-11-03T23:00:00.000Z
             */
            closesAt: string;
            /**
             * Format: date-time
             * @description closesAt + the competition’s grace period; UTC
             * @example 2026-11-03T23:05:00.000Z
             */
            effectiveClosesAt: string;
            /**
             * @description `closesAt` as wall-clock time in the competition’s time zone, with offset
             * @example 2026-11-04T00:00:00+01:00
             */
            localClosesAt: string;
            /** @description Why it was granted */
            reason: string;
            /**
             * @description The organiser who granted it; null if that account is gone
             * @example 0e5d8f3a-2c1b-4a9e-b7d6-4f3e2a1c9b8d
             */
            grantedBy: string | null;
            /**
             * Format: date-time
             * @description When it was granted; UTC
             * @example 2026-10-28T19:03:27.418Z
             */
            createdAt: string;
        };
        /**
         * @description The competition’s individual extensions
         * @example {
         *       "items": [
         *         {
         *           "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *           "userId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *           "displayName": "Zuzana Kováčová",
         *           "closesAt": "2026-11-03T23:00:00.000Z",
         *           "effectiveClosesAt": "2026-11-03T23:05:00.000Z",
         *           "localClosesAt": "2026-11-04T00:00:00+01:00",
         *           "reason": "The team’s school was closed for a week by flooding in Bratislava; deadline moved by three days.",
         *           "grantedBy": "0e5d8f3a-2c1b-4a9e-b7d6-4f3e2a1c9b8d",
         *           "createdAt": "2026-10-29T08:12:44.301Z"
         *         }
         *       ]
         *     }
         */
        CompetitionExtensionList: {
            /** @description Every extension of the competition */
            items: components["schemas"]["CompetitionExtension"][];
        };
        /**
         * @description One row of a competition’s append-only audit log
         * @example {
         *       "id": 42,
         *       "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "actorId": "0e5d8f3a-2c1b-4a9e-b7d6-4f3e2a1c9b8d",
         *       "action": "competition.extension_granted",
         *       "subjectType": "user",
         *       "subjectId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *       "data": {
         *         "userId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *         "closesAt": "2026-11-03T23:00:00.000Z",
         *         "previousClosesAt": null,
         *         "reason": "The team’s school was closed for a week by flooding in Bratislava; deadline moved by three days."
         *       },
         *       "createdAt": "2026-10-29T08:12:44.301527Z",
         *       "seal": {
         *         "seq": 7,
         *         "hash": "f55ff16f66f43360266b95db6f8fec01d76031054306ae4a4b380598f6cfd114",
         *         "prevHash": "2c3a4249d77070058649dbd822dcaf7957586fce428cfb2ca88b94741eda8b07",
         *         "sealedAt": "2026-10-29T08:12:45.010Z"
         *       }
         *     }
         */
        AuditEntry: {
            /**
             * @description Row id, increasing; not the chain order (that is `seal.seq`)
             * @example 42
             */
            id: number;
            /**
             * Format: uuid
             * @description The competition
             * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
             */
            competitionId: string;
            /**
             * @description Who did it; null for the system
             * @example 0e5d8f3a-2c1b-4a9e-b7d6-4f3e2a1c9b8d
             */
            actorId: string | null;
            /**
             * @description What happened, `<subject>.<verb>` (docs/competitions.md lists them)
             * @example competition.extension_granted
             */
            action: string;
            /**
             * @description What kind of thing `subjectId` names
             * @example user
             */
            subjectType: string;
            /**
             * @description The thing acted on; null when none
             * @example 9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c
             */
            subjectId: string | null;
            /** @description Details of the action, as recorded; its shape depends on `action` */
            data: {
                [key: string]: unknown;
            };
            /**
             * @description UTC, microseconds, exactly as hashed
             * @example 2026-10-29T08:12:44.301527Z
             */
            createdAt: string;
            /** @description Null until the background sealer chains it (seconds) */
            seal: {
                /** @description Position in the competition’s chain, from 1, without gaps */
                seq: number;
                /**
                 * @description SHA-256 (hex) of `prevHash` followed by the row’s canonical JSON
                 * @example f55ff16f66f43360266b95db6f8fec01d76031054306ae4a4b380598f6cfd114
                 */
                hash: string;
                /** @description The previous seal’s `hash`; 64 zeros for seq 1 */
                prevHash: string;
                /**
                 * Format: date-time
                 * @description When it was chained; UTC
                 * @example 2026-10-28T19:03:27.418Z
                 */
                sealedAt: string;
            } | null;
        };
        /**
         * @description One page of the audit log
         * @example {
         *       "items": [
         *         {
         *           "id": 42,
         *           "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *           "actorId": "0e5d8f3a-2c1b-4a9e-b7d6-4f3e2a1c9b8d",
         *           "action": "competition.extension_granted",
         *           "subjectType": "user",
         *           "subjectId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *           "data": {
         *             "userId": "9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c",
         *             "closesAt": "2026-11-03T23:00:00.000Z",
         *             "previousClosesAt": null,
         *             "reason": "The team’s school was closed for a week by flooding in Bratislava; deadline moved by three days."
         *           },
         *           "createdAt": "2026-10-29T08:12:44.301527Z",
         *           "seal": {
         *             "seq": 7,
         *             "hash": "f55ff16f66f43360266b95db6f8fec01d76031054306ae4a4b380598f6cfd114",
         *             "prevHash": "2c3a4249d77070058649dbd822dcaf7957586fce428cfb2ca88b94741eda8b07",
         *             "sealedAt": "2026-10-29T08:12:45.010Z"
         *           }
         *         }
         *       ],
         *       "nextCursor": "YXVkaXQ6NDI"
         *     }
         */
        AuditPage: {
            /** @description This page, oldest first */
            items: components["schemas"]["AuditEntry"][];
            /**
             * @description Pass as `cursor` to get the next page; null on the last page. Opaque: do not parse it
             * @example YXVkaXQ6NDI
             */
            nextCursor: string | null;
        };
        /**
         * @description The result of recomputing the audit hash chain
         * @example {
         *       "competitionId": "7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15",
         *       "valid": true,
         *       "sealedCount": 7,
         *       "unsealedCount": 0,
         *       "headHash": "f55ff16f66f43360266b95db6f8fec01d76031054306ae4a4b380598f6cfd114",
         *       "headSeq": 7
         *     }
         */
        AuditVerification: {
            /**
             * Format: uuid
             * @description The competition
             * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
             */
            competitionId: string;
            /** @description Every sealed row matches its seal and the chain is unbroken */
            valid: boolean;
            /** @description Rows in the chain */
            sealedCount: number;
            /** @description Rows appended but not chained yet; verified once the sealer has run */
            unsealedCount: number;
            /**
             * @description The last seal’s hash; keep it to detect a rewritten history later. Null when nothing is sealed
             * @example f55ff16f66f43360266b95db6f8fec01d76031054306ae4a4b380598f6cfd114
             */
            headHash: string | null;
            /** @description The last seal’s `seq`; null when nothing is sealed */
            headSeq: number | null;
            /** @description Where the chain first breaks; absent when valid */
            firstInvalid?: {
                /** @description The audit row’s `id` */
                auditId: number;
                /** @description Its position in the chain */
                seq: number;
                /**
                 * @description What is wrong there
                 * @enum {string}
                 */
                reason: "seq_gap" | "prev_hash_mismatch" | "row_missing" | "hash_mismatch";
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description The request id (yours when you sent a safe `x-request-id`, else a UUID); quote it when reporting a problem */
        RequestId: string;
        /** @description Seconds to wait before retrying (sent with the codes marked so in docs/errors.md) */
        RetryAfter: number;
        /** @description Requests allowed in the current window */
        RateLimitLimit: number;
        /** @description Requests left in the current window */
        RateLimitRemaining: number;
        /** @description Seconds until the window resets */
        RateLimitReset: number;
        /** @description Present when this is the recorded answer of an earlier request with the same `Idempotency-Key` (docs/idempotency.md) */
        IdempotentReplayed: "true";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process answers */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready; every check passed */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description Not ready: take the instance out of rotation
             *
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReceiptPublicKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Ed25519 public key, as PEM and JWK */
            200: {
                headers: {
                    /** @description `public, max-age=3600` */
                    "cache-control"?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptPublicKey"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReceiptInput"];
            };
        };
        responses: {
            /** @description Whether the signature matches the receipt */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptVerification"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterRequest"];
            };
        };
        responses: {
            /** @description Accepted; a confirmation email is on its way if the address can be registered */
            202: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: Invalid fields or a weak password; `errors` names each */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many attempts from this address or for this account */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `AUTH_BUSY`: Too many password checks are waiting on this instance.
             *     - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Logged in: a short-lived access token and a refresh token */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INVALID_CREDENTIALS`: Email or password is incorrect (the same answer whether or not the account exists). */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `RATE_LIMITED`: Too many attempts from this address
             *     - `LOGIN_THROTTLED`: Too many failed logins for this account from this address
             */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `AUTH_BUSY`: Too many password checks are waiting on this instance.
             *     - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refreshTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description A new access token and a new refresh token */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `REFRESH_TOKEN_INVALID`: The refresh token is unknown.
             *     - `REFRESH_TOKEN_EXPIRED`: The refresh token has expired.
             *     - `REFRESH_TOKEN_REVOKED`: The refresh token was revoked (logout, password change).
             *     - `REFRESH_TOKEN_REUSED`: The refresh token was already used once; every session of its login is now revoked (a copy may be in other hands).
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many attempts from this address or for this account */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description Logged out */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordResetRequest"];
            };
        };
        responses: {
            /** @description Accepted; a reset link is on its way if an account uses the address */
            202: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many attempts from this address or for this account */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    completePasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordResetCompletion"];
            };
        };
        responses: {
            /** @description Password changed */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description - `TOKEN_INVALID`: The reset token is invalid, used or expired
             *     - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: Invalid fields or a weak password; `errors` names each */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many attempts from this address or for this account */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `AUTH_BUSY`: Too many password checks are waiting on this instance.
             *     - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailVerification"];
            };
        };
        responses: {
            /** @description Address verified */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description - `TOKEN_INVALID`: The verification token is invalid, used or expired
             *     - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many attempts from this address or for this account */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description My account */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMeRequest"];
            };
        };
        responses: {
            /** @description My account after the change */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordRequest"];
            };
        };
        responses: {
            /** @description Password changed; log in again */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: Invalid fields or a weak password; `errors` names each */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many attempts from this address or for this account */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `AUTH_BUSY`: Too many password checks are waiting on this instance.
             *     - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resendVerificationEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted; an email is on its way if the address is not yet confirmed */
            202: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrganisationRequest"];
            };
        };
        responses: {
            /** @description The new organisation, with your role (owner) */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyOrganisation"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `EMAIL_NOT_VERIFIED`: Confirm your email address first (`POST /v1/me/verification-email` sends the link again) */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyOrganisations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description My organisations */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyOrganisationList"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation’s id
                 * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
                 */
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organisation */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such organisation */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation’s id
                 * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
                 */
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOrganisationRequest"];
            };
        };
        responses: {
            /** @description The organisation after the change */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `FORBIDDEN`: Your role in the organisation does not allow this */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such organisation, or you are not a member */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation’s id
                 * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
                 */
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every member with their role */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberList"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such organisation, or you are not a member */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation’s id
                 * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
                 */
                organisationId: string;
                /**
                 * @description The member’s user id
                 * @example 1f3b5d7e-9a0c-4e2b-8d4f-6a8c0e2b4d5f
                 */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `FORBIDDEN`: Your role in the organisation does not allow this
             *     - `EMAIL_NOT_VERIFIED`: Confirm your email address first (`POST /v1/me/verification-email` sends the link again)
             */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such organisation or member */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `LAST_OWNER`: The change would leave the organisation without an owner.
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changeMemberRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation’s id
                 * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
                 */
                organisationId: string;
                /**
                 * @description The member’s user id
                 * @example 1f3b5d7e-9a0c-4e2b-8d4f-6a8c0e2b4d5f
                 */
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeRoleRequest"];
            };
        };
        responses: {
            /** @description The member with the new role */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `FORBIDDEN`: Your role in the organisation does not allow this
             *     - `EMAIL_NOT_VERIFIED`: Confirm your email address first (`POST /v1/me/verification-email` sends the link again)
             */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such organisation or member */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `LAST_OWNER`: The change would leave the organisation without an owner.
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation’s id
                 * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
                 */
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organisation’s invitations */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationList"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `FORBIDDEN`: Your role in the organisation does not allow this */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such organisation, or you are not a member */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    inviteMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation’s id
                 * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
                 */
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInvitationRequest"];
            };
        };
        responses: {
            /** @description The pending invitation */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `FORBIDDEN`: Your role in the organisation does not allow this
             *     - `EMAIL_NOT_VERIFIED`: Confirm your email address first (`POST /v1/me/verification-email` sends the link again)
             */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such organisation, or you are not a member */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account).
             *     - `RECIPIENT_EMAIL_LIMIT`: This address has received as many emails of this kind as it may in an hour; nothing was created.
             */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The organisation’s id
                 * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
                 */
                organisationId: string;
                /**
                 * @description The invitation’s id
                 * @example 2a4c6e8f-0b2d-4f6a-8c9e-1d3f5b7a9c0e
                 */
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `FORBIDDEN`: Your role in the organisation does not allow this
             *     - `EMAIL_NOT_VERIFIED`: Confirm your email address first (`POST /v1/me/verification-email` sends the link again)
             */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such organisation or pending invitation */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitationRequest"];
            };
        };
        responses: {
            /** @description The organisation you joined, with your role */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyOrganisation"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INVITATION_EMAIL_MISMATCH`: The invitation was sent to another email address than the logged-in account’s. */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INVITATION_NOT_FOUND`: The invitation token is unknown, used, revoked or expired. */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrganisationCompetitions: {
        parameters: {
            query?: {
                /** @description Derived phase; `closed` includes competitions in judging or with results */
                phase?: "upcoming" | "open" | "closed";
                /**
                 * @description Listed in the competition’s countries or its eligible countries
                 * @example SK
                 */
                country?: string;
                /** @description Only competitions with this theme */
                theme?: "education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty";
                /** @description `closing_soon`: by closesAt, soonest first; `newest`: by publication (else creation), newest first */
                sort?: "closing_soon" | "newest";
                /** @description Page size: 1 to 100 items */
                limit?: number;
                /** @description Opaque cursor from `nextCursor` of the previous page, with the same filters and sort; omit for the first page */
                cursor?: string;
                /** @description Only this status, drafts and archived included; default: all */
                status?: "draft" | "published" | "judging" | "results_published" | "archived";
            };
            header?: never;
            path: {
                /**
                 * @description The organisation’s id
                 * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
                 */
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the organisation’s competitions */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitionPage"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such organisation, or you are not a member */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createCompetition: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body replay the first response (`idempotent-replayed: true`) for at least 24 hours. Keys are scoped to the caller. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description The organisation’s id
                 * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
                 */
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCompetitionRequest"];
            };
        };
        responses: {
            /** @description The draft competition */
            201: {
                headers: {
                    /** @description The path of the new competition */
                    location?: string;
                    /** @description The competition version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Competition"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `FORBIDDEN`: Your role in the organisation does not allow this (members cannot organise) */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such organisation, or you are not a member */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             *     - `IDEMPOTENCY_IN_PROGRESS`: A request with the same `Idempotency-Key` is still running.
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`).
             *     - `IDEMPOTENCY_KEY_REUSED`: This `Idempotency-Key` was already used with a different request.
             */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrganisationPublicPage: {
        parameters: {
            query?: {
                /** @description How many of its competitions, closing soonest first */
                limit?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The organisation’s id
                 * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
                 */
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organisation’s public page */
            200: {
                headers: {
                    /** @description Strong ETag of this page (a hash of its body); send it in If-None-Match to get 304 while it is unchanged */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganisationPublicPage"];
                };
            };
            /** @description Not modified: `If-None-Match` names the current ETag; no body */
            304: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such organisation */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCompetitions: {
        parameters: {
            query?: {
                /** @description Derived phase; `closed` includes competitions in judging or with results */
                phase?: "upcoming" | "open" | "closed";
                /**
                 * @description Listed in the competition’s countries or its eligible countries
                 * @example SK
                 */
                country?: string;
                /** @description Only competitions with this theme */
                theme?: "education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty";
                /** @description `closing_soon`: by closesAt, soonest first; `newest`: by publication (else creation), newest first */
                sort?: "closing_soon" | "newest";
                /** @description Page size: 1 to 100 items */
                limit?: number;
                /** @description Opaque cursor from `nextCursor` of the previous page, with the same filters and sort; omit for the first page */
                cursor?: string;
                /** @description Only this status; default: all public ones */
                status?: "published" | "judging" | "results_published";
                /**
                 * @description Only this organisation’s competitions
                 * @example 3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c
                 */
                organisationId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of public competitions */
            200: {
                headers: {
                    /** @description Strong ETag of this page (a hash of its body); send it in If-None-Match to get 304 while it is unchanged */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitionPage"];
                };
            };
            /** @description Not modified: `If-None-Match` names the current ETag; no body */
            304: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCompetition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The competition’s id
                 * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
                 */
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The competition */
            200: {
                headers: {
                    /** @description Strong ETag of this answer, `"v<version>-<phase>"` (`-frozen` once the rules are frozen): it changes when the phase does. Send it in If-None-Match (304) or If-Match (names the version) */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Competition"];
                };
            };
            /** @description Not modified: `If-None-Match` names the current ETag; no body */
            304: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such competition, or it is a draft of an organisation you are not a member of */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateCompetition: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match.
                 * @example "v3"
                 */
                "if-match"?: string;
            };
            path: {
                /**
                 * @description The competition’s id
                 * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
                 */
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCompetitionRequest"];
            };
        };
        responses: {
            /** @description The competition after the change */
            200: {
                headers: {
                    /** @description The competition version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Competition"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `FORBIDDEN`: Only owners and managers of the owning organisation may do this */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such competition, or it is a draft of an organisation you are not a member of */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description Not allowed in the current status
             *
             *     - `RULES_FROZEN`: Eligibility, form and rubric are frozen since the first proposal was submitted (`rulesFrozenAt`).
             *     - `CLOSES_AT_NOT_EXTENDABLE`: Once open, `closesAt` can only move later.
             *     - `GRACE_PERIOD_NOT_REDUCIBLE`: Once open, `gracePeriodSeconds` can only grow.
             *     - `FIELD_LOCKED`: These fields (`fields`) cannot change in the competition’s current status.
             *     - `COMPETITION_ARCHIVED`: An archived competition cannot change.
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `PRECONDITION_FAILED`: `If-Match` names an older version, or a weak `W/` tag (compared strongly); the body has `currentVersion` */
            412: {
                headers: {
                    /** @description The current competition version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    publishCompetition: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match.
                 * @example "v3"
                 */
                "if-match"?: string;
            };
            path: {
                /**
                 * @description The competition’s id
                 * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
                 */
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CompetitionTransitionRequest"] | null;
            };
        };
        responses: {
            /** @description The competition in its new status */
            200: {
                headers: {
                    /** @description The competition version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Competition"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `FORBIDDEN`: Only owners and managers of the owning organisation may do this
             *     - `EMAIL_NOT_VERIFIED`: Your email address is not confirmed yet (`POST /v1/me/verification-email` sends the link again)
             */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such competition, or it is a draft of an organisation you are not a member of */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `INVALID_TRANSITION`: Not a draft
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `PRECONDITION_FAILED`: `If-Match` names an older version, or a weak `W/` tag (compared strongly); the body has `currentVersion` */
            412: {
                headers: {
                    /** @description The current competition version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `COMPETITION_INCOMPLETE`: Not ready: every missing part is listed in `errors[]`
             *     - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`).
             */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    startCompetitionJudging: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match.
                 * @example "v3"
                 */
                "if-match"?: string;
            };
            path: {
                /**
                 * @description The competition’s id
                 * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
                 */
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CompetitionTransitionRequest"] | null;
            };
        };
        responses: {
            /** @description The competition in its new status */
            200: {
                headers: {
                    /** @description The competition version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Competition"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `FORBIDDEN`: Only owners and managers of the owning organisation may do this */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such competition, or it is a draft of an organisation you are not a member of */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `INVALID_TRANSITION`: Not published
             *     - `COMPETITION_NOT_CLOSED`: Not closed yet, grace included
             *     - `EXTENSIONS_RUNNING`: Individual extensions are still running
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `PRECONDITION_FAILED`: `If-Match` names an older version, or a weak `W/` tag (compared strongly); the body has `currentVersion` */
            412: {
                headers: {
                    /** @description The current competition version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    archiveCompetition: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match.
                 * @example "v3"
                 */
                "if-match"?: string;
            };
            path: {
                /**
                 * @description The competition’s id
                 * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
                 */
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CompetitionTransitionRequest"] | null;
            };
        };
        responses: {
            /** @description The competition in its new status */
            200: {
                headers: {
                    /** @description The competition version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Competition"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `FORBIDDEN`: Only owners and managers of the owning organisation may do this */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such competition, or it is a draft of an organisation you are not a member of */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `INVALID_TRANSITION`: Already archived
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `PRECONDITION_FAILED`: `If-Match` names an older version, or a weak `W/` tag (compared strongly); the body has `currentVersion` */
            412: {
                headers: {
                    /** @description The current competition version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    extendCompetition: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match.
                 * @example "v3"
                 */
                "if-match"?: string;
            };
            path: {
                /**
                 * @description The competition’s id
                 * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
                 */
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExtendCompetitionRequest"];
            };
        };
        responses: {
            /** @description The competition with its new closing instant */
            200: {
                headers: {
                    /** @description The competition version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Competition"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `FORBIDDEN`: Only owners and managers of the owning organisation may do this */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such competition, or it is a draft of an organisation you are not a member of */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `COMPETITION_NOT_PUBLISHED`: Not published (a draft is edited with PATCH; judging has started)
             *     - `CLOSES_AT_NOT_EXTENDABLE`: Not later than the current closesAt
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `PRECONDITION_FAILED`: `If-Match` names an older version, or a weak `W/` tag (compared strongly); the body has `currentVersion` */
            412: {
                headers: {
                    /** @description The current competition version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCompetitionExtensions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The competition’s id
                 * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
                 */
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every individual extension of the competition */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitionExtensionList"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `FORBIDDEN`: Only owners and managers of the owning organisation may do this */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such competition, or it is a draft of an organisation you are not a member of */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    grantCompetitionExtension: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The competition’s id
                 * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
                 */
                competitionId: string;
                /**
                 * @description The applicant’s user id
                 * @example 9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c
                 */
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GrantExtensionRequest"];
            };
        };
        responses: {
            /** @description Replaced the applicant’s existing extension */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitionExtension"];
                };
            };
            /** @description Granted a new extension */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitionExtension"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `FORBIDDEN`: Only owners and managers of the owning organisation may do this */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `NOT_FOUND`: No such competition
             *     - `USER_NOT_FOUND`: No applicant of it with this user id (the same answer whether or not such an account exists)
             */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `COMPETITION_NOT_PUBLISHED`: Not published, or judging has started
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: Invalid input, or closesAt not after the competition’s */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeCompetitionExtension: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The competition’s id
                 * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
                 */
                competitionId: string;
                /**
                 * @description The applicant’s user id
                 * @example 9a7c5e3b-1d2f-4b6a-8c4e-6e2d1f3a5b7c
                 */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `FORBIDDEN`: Only owners and managers of the owning organisation may do this */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such competition or extension */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCompetitionAudit: {
        parameters: {
            query?: {
                /** @description Page size: 1 to 100 rows */
                limit?: number;
                /** @description Opaque cursor from `nextCursor` of the previous page; omit for the first page */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The competition’s id
                 * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
                 */
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of audit entries */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `FORBIDDEN`: Only owners and managers of the owning organisation may do this */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such competition, or it is a draft of an organisation you are not a member of */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyCompetitionAudit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The competition’s id
                 * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
                 */
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The outcome of the check */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerification"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `FORBIDDEN`: Only owners and managers of the owning organisation may do this */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such competition, or it is a draft of an organisation you are not a member of */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCompetitionProposals: {
        parameters: {
            query?: {
                /** @description Submitted or withdrawn proposals; drafts are never listed */
                status?: "submitted" | "withdrawn";
                /** @description Page size: 1 to 100 items */
                limit?: number;
                /** @description Opaque cursor from `nextCursor` of the previous page, with the same filters and sort; omit for the first page */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The competition’s id
                 * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
                 */
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of submitted proposals */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmittedProposalList"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `FORBIDDEN`: Only owners and managers of the organising organisation */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such competition, or you are not in its organisation */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createProposal: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body replay the first response (`idempotent-replayed: true`) for at least 24 hours. Keys are scoped to the caller. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description The competition’s id
                 * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
                 */
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProposal"];
            };
        };
        responses: {
            /** @description The new draft */
            201: {
                headers: {
                    /** @description The path of the new proposal */
                    location?: string;
                    /** @description The proposal version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such published competition */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `COMPETITION_CLOSED`: The deadline (closesAt, plus grace and any individual extension) has passed by the database clock; `closesAt` and `effectiveClosesAt` say when.
             *     - `DRAFT_LIMIT_REACHED`: You hold the maximum of unsubmitted drafts in this competition (`maxDrafts`).
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             *     - `IDEMPOTENCY_IN_PROGRESS`: A request with the same `Idempotency-Key` is still running.
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `VALIDATION_FAILED`: Invalid input, or not a member of `organisationId`
             *     - `IDEMPOTENCY_KEY_REUSED`: This `Idempotency-Key` was already used with a different request.
             */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyProposals: {
        parameters: {
            query?: {
                /**
                 * @description Only proposals to this competition
                 * @example 7b2e9c41-5d3a-4f6b-8e1c-2a9d4b7c6e15
                 */
                competitionId?: string;
                /** @description Page size: 1 to 100 items */
                limit?: number;
                /** @description Opaque cursor from `nextCursor` of the previous page, with the same filters and sort; omit for the first page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of my proposals */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalSummaryList"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProposal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The proposal’s id
                 * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
                 */
                proposalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The proposal */
            200: {
                headers: {
                    /** @description The proposal version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such proposal, or you may not see it */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateProposal: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match.
                 * @example "v3"
                 */
                "if-match"?: string;
            };
            path: {
                /**
                 * @description The proposal’s id
                 * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
                 */
                proposalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProposal"];
            };
        };
        responses: {
            /** @description The proposal after the change */
            200: {
                headers: {
                    /** @description The proposal version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `APPLICANT_ONLY`: Only the applicant may do this; team members can read and edit */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such proposal, or you may not see it */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `COMPETITION_CLOSED`: The deadline (closesAt, plus grace and any individual extension) has passed by the database clock; `closesAt` and `effectiveClosesAt` say when.
             *     - `PROPOSAL_WITHDRAWN`: The proposal was withdrawn; it can no longer be changed or submitted.
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `PRECONDITION_FAILED`: `If-Match` does not match the current ETag (`"v<version>"`, compared strongly: a weak `W/` tag never matches): someone changed the proposal since you read it; the body has `currentVersion` */
            412: {
                headers: {
                    /** @description The current proposal version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    submitProposal: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match.
                 * @example "v3"
                 */
                "if-match"?: string;
                /** @description Makes a retry safe: the same key and body replay the first response (`idempotent-replayed: true`) for at least 24 hours. Keys are scoped to the caller. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description The proposal’s id
                 * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
                 */
                proposalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Nothing changed since the current revision: that revision and its receipt */
            200: {
                headers: {
                    /** @description The proposal version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmitResult"];
                };
            };
            /** @description Stored as a new revision, with its signed receipt */
            201: {
                headers: {
                    /** @description The proposal version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmitResult"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `APPLICANT_ONLY`: Only the applicant may do this; team members can read and edit */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such proposal, or you may not see it */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `COMPETITION_CLOSED`: The deadline (closesAt, plus grace and any individual extension) has passed by the database clock; `closesAt` and `effectiveClosesAt` say when.
             *     - `COMPETITION_NOT_OPEN`: Submissions have not opened yet (`opensAt`); drafts can be prepared.
             *     - `PROPOSAL_WITHDRAWN`: The proposal was withdrawn; it can no longer be changed or submitted.
             *     - `SUBMISSION_CONFLICT`: The proposal or its competition kept changing while it was being submitted.
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             *     - `IDEMPOTENCY_IN_PROGRESS`: A request with the same `Idempotency-Key` is still running.
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `PRECONDITION_FAILED`: `If-Match` does not match the current ETag (`"v<version>"`, compared strongly: a weak `W/` tag never matches): someone changed the proposal since you read it; the body has `currentVersion` */
            412: {
                headers: {
                    /** @description The current proposal version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SUBMISSION_INVALID`: Eligibility rules or form fields fail; `errors[]` lists every one (rules with `in: "rule"`).
             *     - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`).
             *     - `IDEMPOTENCY_KEY_REUSED`: This `Idempotency-Key` was already used with a different request.
             */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    "idempotent-replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    withdrawProposal: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match.
                 * @example "v3"
                 */
                "if-match"?: string;
            };
            path: {
                /**
                 * @description The proposal’s id
                 * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
                 */
                proposalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The withdrawn proposal */
            200: {
                headers: {
                    /** @description The proposal version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `APPLICANT_ONLY`: Only the applicant may do this; team members can read and edit */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such proposal, or you may not see it */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `COMPETITION_CLOSED`: The deadline (closesAt, plus grace and any individual extension) has passed by the database clock; `closesAt` and `effectiveClosesAt` say when.
             *     - `PROPOSAL_WITHDRAWN`: The proposal was withdrawn; it can no longer be changed or submitted.
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `PRECONDITION_FAILED`: `If-Match` does not match the current ETag (`"v<version>"`, compared strongly: a weak `W/` tag never matches): someone changed the proposal since you read it; the body has `currentVersion` */
            412: {
                headers: {
                    /** @description The current proposal version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProposalRevisions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The proposal’s id
                 * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
                 */
                proposalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every submitted revision */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalRevisionList"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such proposal, or you may not see it */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProposalRevision: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The proposal’s id
                 * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
                 */
                proposalId: string;
                /** @description Revision number, from 1 */
                revision: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revision */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalRevision"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such proposal or revision, or you may not see it */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    inviteProposalMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The proposal’s id
                 * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
                 */
                proposalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteProposalMember"];
            };
        };
        responses: {
            /** @description The invitation, pending until accepted */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalTeamMember"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `APPLICANT_ONLY`: Only the applicant may do this
             *     - `EMAIL_NOT_VERIFIED`: Your email address is not confirmed yet (`POST /v1/me/verification-email` sends the link again)
             */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such proposal, or you may not see it */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `COMPETITION_CLOSED`: The deadline (closesAt, plus grace and any individual extension) has passed by the database clock; `closesAt` and `effectiveClosesAt` say when.
             *     - `TEAM_FULL`: The team has the competition’s maximum size (`maxTeamSize`), pending invitations included.
             *     - `ALREADY_INVITED`: This address is already invited to or part of the team.
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: Invalid input, or the applicant’s own address (field `email`, code `is_applicant`) */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account).
             *     - `RECIPIENT_EMAIL_LIMIT`: This address has received as many emails of this kind as it may in an hour; nothing was created.
             */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeProposalMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The proposal’s id
                 * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
                 */
                proposalId: string;
                /**
                 * @description The team member entry’s `id` (not the user id)
                 * @example 6b8d0f2a-4c6e-4b9d-8a1c-3e5f7b9d1a2c
                 */
                memberId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `APPLICANT_ONLY`: Only the applicant may do this; team members can read and edit */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such proposal or member */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `COMPETITION_CLOSED`: The deadline (closesAt, plus grace and any individual extension) has passed by the database clock; `closesAt` and `effectiveClosesAt` say when.
             *     - `PROPOSAL_WITHDRAWN`: The proposal was withdrawn; it can no longer be changed or submitted.
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acceptProposalInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProposalInvitationToken"];
            };
        };
        responses: {
            /** @description The proposal you joined */
            200: {
                headers: {
                    /** @description The proposal version as a strong ETag, `"v<version>"`; send it back in `If-Match` */
                    etag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INVITATION_EMAIL_MISMATCH`: The invitation was sent to another email address than the logged-in account’s. */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INVITATION_NOT_FOUND`: The invitation token is unknown, used, revoked or expired. */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `COMPETITION_CLOSED`: The deadline (closesAt, plus grace and any individual extension) has passed by the database clock; `closesAt` and `effectiveClosesAt` say when.
             *     - `TEAM_FULL`: The team has the competition’s maximum size (`maxTeamSize`), pending invitations included.
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    declineProposalInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProposalInvitationToken"];
            };
        };
        responses: {
            /** @description Declined */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INVITATION_EMAIL_MISMATCH`: The invitation was sent to another email address than the logged-in account’s. */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INVITATION_NOT_FOUND`: The invitation token is unknown, used, revoked or expired. */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `COMPETITION_CLOSED`: The deadline (closesAt, plus grace and any individual extension) has passed by the database clock; `closesAt` and `effectiveClosesAt` say when.
             *     - `PROPOSAL_WITHDRAWN`: The proposal was withdrawn; it can no longer be changed or submitted.
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    uploadProposalAttachment: {
        parameters: {
            query?: {
                /** @description The file's name, if not the one in the `file` part's Content-Disposition (which a client sending a bare Blob sets to `blob`) */
                filename?: string;
            };
            header?: {
                /** @description URL-encoded file name (the raw form) */
                "x-filename"?: string;
            };
            path: {
                /**
                 * @description The proposal’s id
                 * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
                 */
                proposalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["ProposalAttachmentUpload"];
            };
        };
        responses: {
            /** @description The stored attachment */
            201: {
                headers: {
                    /** @description The path of the new attachment */
                    location?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalAttachment"];
                };
            };
            /**
             * @description - `MALFORMED_MULTIPART`: Not valid multipart/form-data, e.g. no or a wrong boundary
             *     - `MULTIPART_LIMIT`: More than 10 parts, or more than 16 KiB of headers in a part
             *     - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `APPLICANT_ONLY`: Only the applicant may do this; team members can read and edit */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such proposal, or you may not see it */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `COMPETITION_CLOSED`: The deadline (closesAt, plus grace and any individual extension) has passed by the database clock; `closesAt` and `effectiveClosesAt` say when.
             *     - `PROPOSAL_WITHDRAWN`: The proposal was withdrawn; it can no longer be changed or submitted.
             *     - `TOO_MANY_ATTACHMENTS`: The proposal has the maximum number of attachments.
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: Larger than the upload limit */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: Not an allowed type */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `VALIDATION_FAILED`: No single `file` part, or another part (each named)
             *     - `ATTACHMENT_INVALID`: The bytes are not of the declared type, the file is empty or has no name
             */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadProposalAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The proposal’s id
                 * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
                 */
                proposalId: string;
                /**
                 * @description The attachment’s id
                 * @example 8e0a2c4d-6f8b-4d1e-a3c5-7b9d1f3e5a6b
                 */
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with its Content-Type and a Content-Disposition naming it */
            200: {
                headers: {
                    /** @description The file’s SHA-256 as a strong ETag */
                    etag?: string;
                    /** @description `attachment` with the file name */
                    "content-disposition"?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": Blob;
                    "image/png": Blob;
                    "image/jpeg": Blob;
                    "text/plain": Blob;
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such proposal or attachment, or you may not see it */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteProposalAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The proposal’s id
                 * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
                 */
                proposalId: string;
                /**
                 * @description The attachment’s id
                 * @example 8e0a2c4d-6f8b-4d1e-a3c5-7b9d1f3e5a6b
                 */
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such proposal or attachment */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `COMPETITION_CLOSED`: The deadline (closesAt, plus grace and any individual extension) has passed by the database clock; `closesAt` and `effectiveClosesAt` say when.
             *     - `PROPOSAL_WITHDRAWN`: The proposal was withdrawn; it can no longer be changed or submitted.
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    requestGuardianConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The proposal’s id
                 * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
                 */
                proposalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestGuardianConsent"];
            };
        };
        responses: {
            /** @description The consent request, pending until the guardian confirms */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuardianConsent"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             *     - `BAD_URL`: The request URL is not validly percent-encoded.
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `APPLICANT_ONLY`: Only the applicant may do this; team members can read and edit */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such proposal, or you may not see it */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `COMPETITION_CLOSED`: The deadline (closesAt, plus grace and any individual extension) has passed by the database clock; `closesAt` and `effectiveClosesAt` say when.
             *     - `CONSENT_NOT_REQUIRED`: The competition does not ask for guardian consent.
             *     - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait).
             */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: Invalid input, or `guardianEmail` is the applicant's own mailbox: the same address, another case, a `+tag`, or Gmail dots (field `guardianEmail`, code `is_applicant`) */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account).
             *     - `RECIPIENT_EMAIL_LIMIT`: This address has received as many emails of this kind as it may in an hour; nothing was created.
             */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGuardianConsents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The proposal’s id
                 * @example d2f4b6a8-3c5e-4a7b-9d1f-8e6c4a2b0d9e
                 */
                proposalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every consent request */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuardianConsentList"];
                };
            };
            /** @description - `BAD_URL`: The request URL is not validly percent-encoded. */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `UNAUTHENTICATED`: No bearer access token was sent.
             *     - `TOKEN_EXPIRED`: The access token has expired.
             *     - `TOKEN_INVALID`: 401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.
             */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `APPLICANT_ONLY`: Only the applicant may do this; team members can read and edit */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `NOT_FOUND`: No such proposal, or you may not see it */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `URI_TOO_LONG`: A path parameter is longer than the router accepts. */
            414: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    confirmGuardianConsent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GuardianConsentToken"];
            };
        };
        responses: {
            /** @description Consent confirmed */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuardianConsentConfirmation"];
                };
            };
            /**
             * @description - `MALFORMED_JSON`: The body is not JSON, or empty where JSON was announced.
             *     - `JSON_TOO_DEEP`: The JSON body nests deeper than 32 levels.
             *     - `BAD_REQUEST`: The request is not valid HTTP (e.g. a malformed Content-Length).
             */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONSENT_NOT_FOUND`: The guardian-consent token is unknown or expired. */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `REQUEST_TIMEOUT`: The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `CONCURRENT_UPDATE`: A concurrent change interfered (deadlock, serialization failure, lock wait). */
            409: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `BODY_TOO_LARGE`: The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES). */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `UNSUPPORTED_MEDIA_TYPE`: The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types). */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `VALIDATION_FAILED`: One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`). */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `RATE_LIMITED`: Too many requests from this caller (per account when logged in, else per address; credential routes also per account). */
            429: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `HEADERS_TOO_LARGE`: The request headers are larger than the server accepts. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description - `INTERNAL`: An unexpected failure; no internals are disclosed. */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description - `SERVICE_UNAVAILABLE`: The server is overloaded (event loop or database pool saturated).
             *     - `SHUTTING_DOWN`: This instance is shutting down.
             *     - `DATABASE_UNAVAILABLE`: The database is not reachable.
             *     - `DATABASE_TIMEOUT`: The database was too slow (no free connection, or a statement over its time limit).
             */
            503: {
                headers: {
                    "retry-after": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    "x-ratelimit-limit": components["headers"]["RateLimitLimit"];
                    "x-ratelimit-remaining": components["headers"]["RateLimitRemaining"];
                    "x-ratelimit-reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
