// Generated from openapi/openapi.json by clients/typescript/generate.ts (`npm run client:generate`). Do not edit.

export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
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
        /** Ready for traffic: the database answers and the server is not shutting down */
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
         * @description Use it to check a receipt offline, e.g. with `crypto.verify(null, message, publicKey, signature)` in Node.js.
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
        /** Check that a receipt was signed by this API and not altered */
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
        /** Create an account (the answer never reveals whether the address is taken) */
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
        /** Exchange email and password for an access token and a refresh token */
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
        /** Rotate a refresh token; a reused token revokes every session of its login */
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
        /** Revoke the session (the refresh token family) */
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
        /** Email a password reset link (the answer never reveals whether the address exists) */
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
        /** Set a new password with an emailed token; every session is revoked */
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
        /** Confirm an email address with the emailed token */
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
        /** My account */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update my profile (email, role and admin flags cannot be set here) */
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
        /** Change my password; every session is revoked */
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
        /** Send the address confirmation email again */
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
        /** Create an organisation; you become its owner */
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
        /** Organisations I belong to, with my role */
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
        /** Public profile of an organisation */
        get: operations["getOrganisation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update the profile (owners and managers) */
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
        /** Members and their roles (members only) */
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
        /** Remove a member, or leave when it is you */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        /** Change a member's role (owners; managers for non-owner roles) */
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
        /** Invitations of the organisation (owners and managers) */
        get: operations["listInvitations"];
        put?: never;
        /** Invite someone by email with a role (owners and managers; only owners invite owners) */
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
        /** Revoke a pending invitation */
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
        /** Accept an invitation with the emailed token (logged in with the invited address) */
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
        /** All competitions of an organisation, drafts included (members) */
        get: operations["listOrganisationCompetitions"];
        put?: never;
        /**
         * Create a draft competition (owners and managers)
         * @description Every configuration problem is reported at once (`422`, `errors[].field` names each). Date-only `opensAt`/`closesAt` mean the start/end of that day in `timing.timezone`; the response echoes the exact instants.
         */
        post: operations["createCompetition"];
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
         * @description Public: competitions that are published, in judging or with published results. `phase` is derived from the database clock.
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
         * @description Public once published; drafts only for members of the owning organisation (optional bearer token).
         */
        get: operations["getCompetition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a competition (owners and managers); what may change depends on its status
         * @description `If-Match` is optional; when sent, a stale version is refused with 412. After publication: prize and time zone are fixed, opensAt until it opens, closesAt and grace only grow once open, eligibility/form/rubric until the first submission (`RULES_FROZEN`, audited).
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
        /** Publish a draft: it becomes public, upcoming or open by the clock */
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
        /** Move a closed competition into judging */
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
        /** Archive a competition (from any status); it stays readable if it was ever published */
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
        /** Move the closing instant later (published competitions); audited, emits competition.extended */
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
        /** Individual deadline extensions (organisers) */
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
         * @description `closesAt` must be later than the competition’s closesAt; a date means the end of that day in the competition’s time zone. The grace period applies on top.
         */
        put: operations["grantCompetitionExtension"];
        post?: never;
        /** Revoke an individual extension; audited, emits competition.extension_revoked */
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
        /** The competition’s audit log, oldest first, each entry with its seal once chained (organisers) */
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
        /** Recompute the hash chain from the stored rows; reports rows not sealed yet (organisers) */
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
        /** Organisers: the competition's submitted proposals with their current revision (never drafts) */
        get: operations["listCompetitionProposals"];
        put?: never;
        /** Start a draft proposal (while the competition is published and not closed) */
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
        /** Proposals I applied with or joined as a team member, most recently changed first */
        get: operations["listMyProposals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A proposal: the draft for the applicant and team, the current submitted revision for organisers */
        get: operations["getProposal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit the draft (title, answers merged, organisation); after a submit this prepares the next revision */
        patch: operations["updateProposal"];
        trace?: never;
    };
    "/v1/proposals/{id}/submit": {
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
    "/v1/proposals/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw the proposal (until the deadline); it can no longer be changed or submitted */
        post: operations["withdrawProposal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{id}/revisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The submitted revisions, oldest first */
        get: operations["listProposalRevisions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{id}/revisions/{revision}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One submitted revision: its frozen content, hash and receipt */
        get: operations["getProposalRevision"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite a team member by email (the applicant); they accept with the emailed token */
        post: operations["inviteProposalMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{id}/members/{memberId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a team member or cancel an invitation (the applicant), or leave the team (the member) */
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
        /** Join a proposal team with the emailed token (logged in with the invited address) */
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
        /** Decline an invitation to a proposal team */
        post: operations["declineProposalInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{id}/attachments": {
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
    "/v1/proposals/{id}/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an attachment (applicant and team; organisers for files of a submitted revision) */
        get: operations["downloadProposalAttachment"];
        put?: never;
        post?: never;
        /** Remove an attachment from the draft (files of submitted revisions stay with those revisions) */
        delete: operations["deleteProposalAttachment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{id}/guardian-consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask a parent or guardian to consent (emails them a confirmation link); needed for applicants under the competition's consent age */
        post: operations["requestGuardianConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{id}/guardian-consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The applicant's consent requests for this competition and their state */
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
        /** The guardian confirms consent with the emailed token (no account needed) */
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
        FieldErrorInput: {
            /** @description Dotted path of the offending field */
            field: string;
            message: string;
            code?: string;
            /** @enum {string} */
            in?: "body" | "querystring" | "params" | "headers" | "rule";
        };
        /** @description RFC 9457 problem details (application/problem+json) */
        ProblemInput: {
            /** @description URI identifying the problem type */
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            /** @description Stable machine-readable error code */
            code: string;
            requestId: string;
            errors?: components["schemas"]["FieldErrorInput"][];
        } & {
            [key: string]: unknown;
        };
        HealthInput: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            checks?: {
                [key: string]: "ok" | "failing";
            };
        };
        /** @description Signed proof of a submission. The signed message is the canonical JSON (keys sorted, no whitespace) of `{competitionId, contentHash, proposalId, receivedAt, revision}`. */
        ReceiptInput: {
            /** Format: uuid */
            proposalId: string;
            /** Format: uuid */
            competitionId: string;
            revision: number;
            /** @description SHA-256 of the revision's canonical content */
            contentHash: string;
            /**
             * Format: date-time
             * @description When the server received the submission (database clock)
             */
            receivedAt: string;
            /** @constant */
            algorithm: "Ed25519";
            /** @description Identifies the signing key: first 16 hex digits of SHA-256 of its SPKI DER */
            keyId: string;
            /** @description base64url Ed25519 signature over the canonical JSON of the five fields above */
            signature: string;
        };
        ReceiptPublicKeyInput: {
            keyId: string;
            /** @constant */
            algorithm: "Ed25519";
            /** @description SPKI PEM */
            publicKeyPem: string;
            /** @description The same key as a JSON Web Key (RFC 8037) */
            jwk: {
                /** @constant */
                kty: "OKP";
                /** @constant */
                crv: "Ed25519";
                x: string;
            };
        };
        ReceiptVerificationInput: {
            valid: boolean;
            /**
             * @description Why the receipt is not valid
             * @enum {string}
             */
            reason?: "unsupported_algorithm" | "unknown_key" | "malformed_signature" | "signature_mismatch";
        };
        RegisterRequestInput: {
            /** Format: email */
            email: string;
            password: string;
            displayName: string;
            /** @description ISO 3166-1 alpha-2 */
            country: string;
            /**
             * Format: date
             * @description Date of birth, YYYY-MM-DD, from 1900-01-01 to today
             */
            birthDate?: string;
            /** @description BCP 47 language tag */
            locale?: string;
        };
        /** @description The request was taken; the outcome arrives by email */
        AcceptedInput: {
            /** @constant */
            status: "accepted";
            message: string;
        };
        LoginRequestInput: {
            /** Format: email */
            email: string;
            password: string;
        };
        TokenPairInput: {
            /** @constant */
            tokenType: "Bearer";
            accessToken: string;
            /** @description Seconds until the access token expires */
            expiresIn: number;
            /** @description Single use: every refresh returns a new one */
            refreshToken: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            refreshExpiresAt: string;
        };
        RefreshRequestInput: {
            refreshToken: string;
        };
        MeInput: {
            /** Format: uuid */
            id: string;
            email: string;
            emailVerified: boolean;
            displayName: string;
            country: string;
            birthDate: string | null;
            locale: string;
            isAdmin: boolean;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            createdAt: string;
        };
        UpdateMeRequestInput: {
            displayName?: string;
            /** @description ISO 3166-1 alpha-2 */
            country?: string;
            birthDate?: string | null;
            /** @description BCP 47 language tag */
            locale?: string;
        };
        ChangePasswordRequestInput: {
            currentPassword: string;
            newPassword: string;
        };
        PasswordResetRequestInput: {
            /** Format: email */
            email: string;
        };
        PasswordResetCompletionInput: {
            token: string;
            newPassword: string;
        };
        EmailVerificationInput: {
            token: string;
        };
        CreateOrganisationRequestInput: {
            name: string;
            /** @enum {string} */
            kind: "public_body" | "ngo" | "social_enterprise" | "company" | "university" | "foundation" | "financial_operator" | "citizen_group";
            /** @description ISO 3166-1 alpha-2 */
            country: string;
            website?: string | null;
            description?: string | null;
            themes?: ("education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty")[];
            sdgs?: number[];
        };
        UpdateOrganisationRequestInput: {
            name?: string;
            /** @enum {string} */
            kind?: "public_body" | "ngo" | "social_enterprise" | "company" | "university" | "foundation" | "financial_operator" | "citizen_group";
            /** @description ISO 3166-1 alpha-2 */
            country?: string;
            website?: string | null;
            description?: string | null;
            themes?: ("education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty")[];
            sdgs?: number[];
        };
        OrganisationInput: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            kind: "public_body" | "ngo" | "social_enterprise" | "company" | "university" | "foundation" | "financial_operator" | "citizen_group";
            country: string;
            website: string | null;
            description: string | null;
            themes: string[];
            sdgs: number[];
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            updatedAt: string;
        };
        MyOrganisationInput: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            kind: "public_body" | "ngo" | "social_enterprise" | "company" | "university" | "foundation" | "financial_operator" | "citizen_group";
            country: string;
            website: string | null;
            description: string | null;
            themes: string[];
            sdgs: number[];
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            updatedAt: string;
            /** @enum {string} */
            myRole: "owner" | "manager" | "member";
        };
        MyOrganisationListInput: {
            items: components["schemas"]["MyOrganisationInput"][];
        };
        MemberInput: {
            /** Format: uuid */
            userId: string;
            displayName: string;
            /** @description Shown to owners and managers (and to each member for their own entry); null for other members' entries */
            email: string | null;
            /** @enum {string} */
            role: "owner" | "manager" | "member";
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            joinedAt: string;
        };
        MemberListInput: {
            items: components["schemas"]["MemberInput"][];
        };
        CreateInvitationRequestInput: {
            /** Format: email */
            email: string;
            /** @enum {string} */
            role: "owner" | "manager" | "member";
        };
        InvitationInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            organisationId: string;
            email: string;
            /** @enum {string} */
            role: "owner" | "manager" | "member";
            /** @enum {string} */
            status: "pending" | "accepted" | "revoked" | "expired";
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            expiresAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            createdAt: string;
        };
        InvitationListInput: {
            items: components["schemas"]["InvitationInput"][];
        };
        AcceptInvitationRequestInput: {
            token: string;
        };
        ChangeRoleRequestInput: {
            /** @enum {string} */
            role: "owner" | "manager" | "member";
        };
        /** @description text, number, boolean, or a list of options (multichoice) */
        AnswerValueInput: string | number | boolean | string[];
        /** @description Answers by question id */
        AnswersInput: {
            [key: string]: components["schemas"]["AnswerValueInput"];
        };
        CreateProposalInput: {
            /** @default  */
            title?: string;
            /** @default {} */
            answers?: components["schemas"]["AnswersInput"];
            /**
             * @description Submit on behalf of an organisation you are a member of
             * @default null
             */
            organisationId?: string | null;
        };
        UpdateProposalInput: {
            title?: string;
            /** @description Merged into the draft (JSON merge patch): a question set to null is cleared, questions left out are kept */
            answers?: {
                [key: string]: components["schemas"]["AnswerValueInput"] | null;
            };
            organisationId?: string | null;
        };
        ProposalTeamMemberInput: {
            /** Format: uuid */
            id: string;
            userId: string | null;
            displayName: string | null;
            /** @description Shown to the applicant and the team only */
            email: string | null;
            /** @enum {string} */
            status: "invited" | "accepted" | "declined";
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            invitedAt: string;
            respondedAt: string | null;
        };
        ProposalAttachmentInput: {
            /** Format: uuid */
            id: string;
            filename: string;
            /** @enum {string} */
            contentType: "application/pdf" | "image/png" | "image/jpeg" | "text/plain";
            size: number;
            sha256: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            uploadedAt?: string;
        };
        SubmittedRevisionSummaryInput: {
            revision: number;
            contentHash: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            receivedAt: string;
            late: boolean;
        };
        ProposalInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            competitionId: string;
            /** Format: uuid */
            applicantId: string;
            organisationId: string | null;
            /** @enum {string} */
            status: "draft" | "submitted" | "withdrawn";
            /**
             * @description Which content is shown: the working draft (applicant and team) or the current submitted revision (organisers)
             * @enum {string}
             */
            view: "draft" | "submitted";
            /** @enum {string} */
            viewerRole: "applicant" | "member" | "organiser";
            title: string;
            answers: components["schemas"]["AnswersInput"];
            team: components["schemas"]["ProposalTeamMemberInput"][];
            attachments: components["schemas"]["ProposalAttachmentInput"][];
            currentRevision: number | null;
            /** @description The current submitted revision */
            submitted: components["schemas"]["SubmittedRevisionSummaryInput"] | null;
            /** @description The draft differs from the current revision (always true before the first submit) */
            unsubmittedChanges: boolean;
            /** @description Organisers only (null otherwise): the applicant's country and birth date as frozen at their first submit to this competition, self-declared */
            eligibilityFacts: {
                country: string;
                birthDate: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 instant with offset
                 */
                frozenAt: string;
                /** @description Facts the applicant's profile states differently today; eligibility still decides on the frozen ones */
                changedSince: ("country" | "birthDate")[];
            } | null;
            late: boolean;
            firstSubmittedAt: string | null;
            lastSubmittedAt: string | null;
            withdrawnAt: string | null;
            /** @description Also sent as the ETag header */
            version: number;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            updatedAt: string;
        };
        ProposalSummaryInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            competitionId: string;
            /** Format: uuid */
            applicantId: string;
            organisationId: string | null;
            /** @enum {string} */
            status: "draft" | "submitted" | "withdrawn";
            title: string;
            currentRevision: number | null;
            /** @description The draft differs from the current revision (always true before the first submit) */
            unsubmittedChanges: boolean;
            late: boolean;
            /** @description Also sent as the ETag header */
            version: number;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            updatedAt: string;
            /** @enum {string} */
            viewerRole: "applicant" | "member";
        };
        ProposalSummaryListInput: {
            items: components["schemas"]["ProposalSummaryInput"][];
            nextCursor: string | null;
        };
        SubmittedProposalInput: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "submitted" | "withdrawn";
            /** Format: uuid */
            applicantId: string;
            applicantName: string;
            /** @description As frozen at the first submit to this competition (what eligibility decided on) */
            applicantCountry: string;
            /** @description Frozen eligibility facts the applicant's profile states differently today (empty: unchanged) */
            eligibilityFactsChanged: ("country" | "birthDate")[];
            organisationId: string | null;
            title: string;
            currentRevision: number;
            contentHash: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            receivedAt: string;
            late: boolean;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            firstSubmittedAt: string;
            withdrawnAt: string | null;
        };
        SubmittedProposalListInput: {
            items: components["schemas"]["SubmittedProposalInput"][];
            nextCursor: string | null;
        };
        /** @description What a revision freezes; `contentHash` is the SHA-256 of its canonical JSON (RFC 8785 style) */
        ProposalRevisionContentInput: {
            /** Format: uuid */
            proposalId: string;
            /** Format: uuid */
            competitionId: string;
            /** Format: uuid */
            applicantId: string;
            organisationId: string | null;
            title: string;
            answers: components["schemas"]["AnswersInput"];
            team: string[];
            attachments: {
                /** Format: uuid */
                id: string;
                filename: string;
                contentType: string;
                size: number;
                sha256: string;
            }[];
        };
        ProposalRevisionSummaryInput: {
            /** Format: uuid */
            proposalId: string;
            /** Format: uuid */
            competitionId: string;
            revision: number;
            contentHash: string;
            /**
             * Format: date-time
             * @description Database clock, microseconds
             */
            receivedAt: string;
            late: boolean;
            submittedBy: string | null;
            current: boolean;
        };
        ProposalRevisionListInput: {
            items: components["schemas"]["ProposalRevisionSummaryInput"][];
        };
        ProposalRevisionInput: {
            /** Format: uuid */
            proposalId: string;
            /** Format: uuid */
            competitionId: string;
            revision: number;
            contentHash: string;
            /**
             * Format: date-time
             * @description Database clock, microseconds
             */
            receivedAt: string;
            late: boolean;
            submittedBy: string | null;
            current: boolean;
            content: components["schemas"]["ProposalRevisionContentInput"];
            receipt: components["schemas"]["ReceiptInput"];
        };
        /** @description The submitted proposal and a signed receipt; verify it with GET /v1/receipts/public-key */
        SubmitResultInput: {
            proposal: components["schemas"]["ProposalInput"];
            receipt: components["schemas"]["ReceiptInput"];
        };
        InviteProposalMemberInput: {
            /** Format: email */
            email: string;
        };
        ProposalInvitationTokenInput: {
            token: string;
        };
        RequestGuardianConsentInput: {
            /** Format: email */
            guardianEmail: string;
        };
        GuardianConsentTokenInput: {
            token: string;
        };
        GuardianConsentInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            competitionId: string;
            /** Format: uuid */
            applicantId: string;
            guardianEmail: string;
            /** @enum {string} */
            status: "pending" | "confirmed" | "expired";
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            requestedAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            expiresAt: string;
            confirmedAt: string | null;
        };
        GuardianConsentConfirmationInput: {
            /** @constant */
            confirmed: true;
            /** Format: uuid */
            competitionId: string;
            competitionTitle: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            confirmedAt: string;
        };
        /** @description An attachment upload: `multipart/form-data` with exactly one part, `file` */
        ProposalAttachmentUploadInput: {
            /**
             * Format: binary
             * @description The file, its name in the part's Content-Disposition and its type in the part's Content-Type: one of application/pdf, image/png, image/jpeg, text/plain. A part typed `application/octet-stream` is taken as the allowed type its bytes are.
             */
            file: Blob;
        };
        PrizeInput: {
            /** @description In minor units of `currency` (EUR 5,000.00 = 500000) */
            amount: number;
            currency: string;
            /** @default 1 */
            winners?: number;
            /** @description Minor units per rank, one per winner, summing to `amount`; default: even split, remainder to the top ranks */
            split?: number[];
        };
        PrizeDetailsInput: {
            amount: number;
            currency: string;
            winners: number;
            split: number[];
        };
        CompetitionTimingRequestInput: {
            /** @description ISO 8601 instant with offset, or a date YYYY-MM-DD meaning the start (opening) or end (closing) of that day in `timezone`; years 1900 to 2200 (1900-01-01 to 2200-12-31) */
            opensAt: string;
            /** @description ISO 8601 instant with offset, or a date YYYY-MM-DD meaning the start (opening) or end (closing) of that day in `timezone`; years 1900 to 2200 (1900-01-01 to 2200-12-31) */
            closesAt: string;
            /** @description IANA time zone, e.g. Europe/Rome */
            timezone: string;
            /**
             * @description Submissions received this long after `closesAt` are accepted and marked late
             * @default 0
             */
            gracePeriodSeconds?: number;
        };
        EligibilityRulesInput: {
            minAge?: number | null;
            maxAge?: number | null;
            /** @description Age is computed at this date; at the submission instant when absent */
            ageReferenceDate?: string | null;
            /**
             * @description Applicant and team members; empty means anywhere
             * @default []
             */
            allowedCountries?: string[];
            /** @default 1 */
            minTeamSize?: number;
            /** @default 1 */
            maxTeamSize?: number;
            /** @default 1 */
            maxProposalsPerApplicant?: number;
            /** @description Applicants younger than this need a guardian’s consent */
            guardianConsentUnderAge?: number | null;
        };
        FormQuestionInput: {
            id: string;
            /** @enum {string} */
            type: "text" | "longtext" | "number" | "choice" | "multichoice" | "url" | "date" | "boolean";
            label: string;
            help?: string;
            /** @default false */
            required?: boolean;
            /** @description text, longtext, url */
            maxChars?: number;
            /** @description text, longtext */
            maxWords?: number;
            /** @description number: smallest value; multichoice: fewest selections */
            min?: number;
            /** @description number: largest value; multichoice: most selections */
            max?: number;
            /** @description choice, multichoice: at least two, unique */
            options?: string[];
        };
        RubricCriterionInput: {
            id: string;
            label: string;
            description?: string;
            weight: number;
            scaleMin: number;
            scaleMax: number;
        };
        TieBreakInput: {
            /** @constant */
            kind: "criterion";
            criterionId: string;
        } | {
            /** @constant */
            kind: "earliest_submission";
        };
        JudgingSettingsInput: {
            /** @default 3 */
            reviewsPerProposal?: number;
            /** @default true */
            blind?: boolean;
            /**
             * @default mean
             * @enum {string}
             */
            aggregation?: "mean" | "median";
            /**
             * @default none
             * @enum {string}
             */
            normalisation?: "none" | "zscore";
            /** @default [] */
            tieBreaks?: components["schemas"]["TieBreakInput"][];
            judgingOpensAt?: string | null;
            judgingClosesAt?: string | null;
            /** @description Top N advance to a second round */
            shortlistSize?: number | null;
            /** @default false */
            showScoresToApplicants?: boolean;
        };
        CreateCompetitionRequestInput: {
            title: string;
            /** @default  */
            summary?: string;
            /** @default  */
            description?: string;
            /** @default [] */
            themes?: ("education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty")[];
            /** @default [] */
            countries?: string[];
            challengeId?: string | null;
            prize: components["schemas"]["PrizeInput"];
            timing: components["schemas"]["CompetitionTimingRequestInput"];
            /** @default {} */
            eligibility?: components["schemas"]["EligibilityRulesInput"];
            /** @default [] */
            form?: components["schemas"]["FormQuestionInput"][];
            /** @default [] */
            rubric?: components["schemas"]["RubricCriterionInput"][];
            /** @default {} */
            judging?: components["schemas"]["JudgingSettingsInput"];
        };
        /** @description Fields to change; objects (prize, eligibility, judging) and lists (form, rubric) are replaced whole. After publication only title, summary, description, themes, countries and challengeId change freely; closesAt and gracePeriodSeconds may only grow; eligibility, form and rubric until the first submission. */
        UpdateCompetitionRequestInput: {
            title?: string;
            summary?: string;
            description?: string;
            themes?: ("education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty")[];
            countries?: string[];
            challengeId?: string | null;
            prize?: components["schemas"]["PrizeInput"];
            timing?: {
                /** @description ISO 8601 instant with offset, or a date YYYY-MM-DD meaning the start (opening) or end (closing) of that day in `timezone`; years 1900 to 2200 (1900-01-01 to 2200-12-31) */
                opensAt?: string;
                /** @description ISO 8601 instant with offset, or a date YYYY-MM-DD meaning the start (opening) or end (closing) of that day in `timezone`; years 1900 to 2200 (1900-01-01 to 2200-12-31) */
                closesAt?: string;
                /** @description IANA time zone, e.g. Europe/Rome */
                timezone?: string;
                gracePeriodSeconds?: number;
            };
            eligibility?: components["schemas"]["EligibilityRulesInput"];
            form?: components["schemas"]["FormQuestionInput"][];
            rubric?: components["schemas"]["RubricCriterionInput"][];
            judging?: components["schemas"]["JudgingSettingsInput"];
        };
        CompetitionTimingInput: {
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            opensAt: string;
            /**
             * Format: date-time
             * @description Exclusive: submissions must arrive before it (plus grace)
             */
            closesAt: string;
            timezone: string;
            gracePeriodSeconds: number;
            /**
             * Format: date-time
             * @description closesAt + gracePeriodSeconds: nothing is accepted from this instant on
             */
            effectiveClosesAt: string;
            /** @description The same instants as wall-clock time in `timezone`, ISO 8601 with that zone’s offset; a fraction of a second is kept when there is one */
            local: {
                opensAt: string;
                closesAt: string;
                effectiveClosesAt: string;
            };
        };
        CompetitionInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            organisationId: string;
            challengeId: string | null;
            title: string;
            summary: string;
            description: string;
            themes: string[];
            countries: string[];
            /** @enum {string} */
            status: "draft" | "published" | "judging" | "results_published" | "archived";
            /** @description Derived from the database clock at read time; null for drafts */
            phase: ("upcoming" | "open" | "closed") | null;
            prize: components["schemas"]["PrizeDetailsInput"];
            timing: components["schemas"]["CompetitionTimingInput"];
            eligibility: components["schemas"]["EligibilityRulesInput"];
            form: components["schemas"]["FormQuestionInput"][];
            rubric: components["schemas"]["RubricCriterionInput"][];
            judging: components["schemas"]["JudgingSettingsInput"];
            /** @description Set by the first submission; eligibility, form and rubric are fixed from then on */
            rulesFrozenAt: string | null;
            publishedAt: string | null;
            /** @description Also sent as the ETag; send it back in If-Match */
            version: number;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            updatedAt: string;
        };
        CompetitionSummaryInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            organisationId: string;
            organisationName: string;
            challengeId: string | null;
            title: string;
            summary: string;
            themes: string[];
            countries: string[];
            allowedCountries: string[];
            /** @enum {string} */
            status: "draft" | "published" | "judging" | "results_published" | "archived";
            /** @description Derived from the database clock at read time; null for drafts */
            phase: ("upcoming" | "open" | "closed") | null;
            prize: components["schemas"]["PrizeDetailsInput"];
            timing: components["schemas"]["CompetitionTimingInput"];
            publishedAt: string | null;
            version: number;
        };
        CompetitionPageInput: {
            items: components["schemas"]["CompetitionSummaryInput"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        ExtendCompetitionRequestInput: {
            /** @description ISO 8601 instant with offset, or a date YYYY-MM-DD meaning the start (opening) or end (closing) of that day in `timezone`; years 1900 to 2200 (1900-01-01 to 2200-12-31) */
            closesAt: string;
            reason?: string;
        };
        CompetitionTransitionRequestInput: {
            reason?: string;
        };
        GrantExtensionRequestInput: {
            /** @description ISO 8601 instant with offset, or a date YYYY-MM-DD meaning the start (opening) or end (closing) of that day in `timezone`; years 1900 to 2200 (1900-01-01 to 2200-12-31) */
            closesAt: string;
            reason: string;
        };
        CompetitionExtensionInput: {
            /** Format: uuid */
            competitionId: string;
            /** Format: uuid */
            userId: string;
            displayName: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            closesAt: string;
            /**
             * Format: date-time
             * @description closesAt + the competition’s grace period
             */
            effectiveClosesAt: string;
            localClosesAt: string;
            reason: string;
            grantedBy: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            createdAt: string;
        };
        CompetitionExtensionListInput: {
            items: components["schemas"]["CompetitionExtensionInput"][];
        };
        AuditEntryInput: {
            id: number;
            /** Format: uuid */
            competitionId: string;
            actorId: string | null;
            action: string;
            subjectType: string;
            subjectId: string | null;
            data: {
                [key: string]: unknown;
            };
            /** @description UTC, microseconds, exactly as hashed */
            createdAt: string;
            /** @description Null until the background sealer chains it */
            seal: {
                seq: number;
                hash: string;
                prevHash: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 instant with offset
                 */
                sealedAt: string;
            } | null;
        };
        AuditPageInput: {
            items: components["schemas"]["AuditEntryInput"][];
            nextCursor: string | null;
        };
        AuditVerificationInput: {
            /** Format: uuid */
            competitionId: string;
            /** @description Every sealed row matches its seal and the chain is unbroken */
            valid: boolean;
            sealedCount: number;
            /** @description Rows appended but not chained yet; verified once the sealer has run */
            unsealedCount: number;
            headHash: string | null;
            headSeq: number | null;
            firstInvalid?: {
                auditId: number;
                seq: number;
                /** @enum {string} */
                reason: "seq_gap" | "prev_hash_mismatch" | "row_missing" | "hash_mismatch";
            };
        };
        GuardianConsentListInput: {
            items: components["schemas"]["GuardianConsentInput"][];
        };
        FieldError: {
            /** @description Dotted path of the offending field */
            field: string;
            message: string;
            code?: string;
            /** @enum {string} */
            in?: "body" | "querystring" | "params" | "headers" | "rule";
        };
        /** @description RFC 9457 problem details (application/problem+json) */
        Problem: {
            /** @description URI identifying the problem type */
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            /** @description Stable machine-readable error code */
            code: string;
            requestId: string;
            errors?: components["schemas"]["FieldError"][];
        } & {
            [key: string]: unknown;
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            checks?: {
                [key: string]: "ok" | "failing";
            };
        };
        /** @description Signed proof of a submission. The signed message is the canonical JSON (keys sorted, no whitespace) of `{competitionId, contentHash, proposalId, receivedAt, revision}`. */
        Receipt: {
            /** Format: uuid */
            proposalId: string;
            /** Format: uuid */
            competitionId: string;
            revision: number;
            /** @description SHA-256 of the revision's canonical content */
            contentHash: string;
            /**
             * Format: date-time
             * @description When the server received the submission (database clock)
             */
            receivedAt: string;
            /** @constant */
            algorithm: "Ed25519";
            /** @description Identifies the signing key: first 16 hex digits of SHA-256 of its SPKI DER */
            keyId: string;
            /** @description base64url Ed25519 signature over the canonical JSON of the five fields above */
            signature: string;
        };
        ReceiptPublicKey: {
            keyId: string;
            /** @constant */
            algorithm: "Ed25519";
            /** @description SPKI PEM */
            publicKeyPem: string;
            /** @description The same key as a JSON Web Key (RFC 8037) */
            jwk: {
                /** @constant */
                kty: "OKP";
                /** @constant */
                crv: "Ed25519";
                x: string;
            };
        };
        ReceiptVerification: {
            valid: boolean;
            /**
             * @description Why the receipt is not valid
             * @enum {string}
             */
            reason?: "unsupported_algorithm" | "unknown_key" | "malformed_signature" | "signature_mismatch";
        };
        RegisterRequest: {
            email: unknown;
            password: string;
            displayName: string;
            /** @description ISO 3166-1 alpha-2 */
            country: string;
            /**
             * Format: date
             * @description Date of birth, YYYY-MM-DD, from 1900-01-01 to today
             */
            birthDate?: string;
            /** @description BCP 47 language tag */
            locale?: string;
        };
        /** @description The request was taken; the outcome arrives by email */
        Accepted: {
            /** @constant */
            status: "accepted";
            message: string;
        };
        LoginRequest: {
            email: unknown;
            password: string;
        };
        TokenPair: {
            /** @constant */
            tokenType: "Bearer";
            accessToken: string;
            /** @description Seconds until the access token expires */
            expiresIn: number;
            /** @description Single use: every refresh returns a new one */
            refreshToken: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            refreshExpiresAt: string;
        };
        RefreshRequest: {
            refreshToken: string;
        };
        Me: {
            /** Format: uuid */
            id: string;
            email: string;
            emailVerified: boolean;
            displayName: string;
            country: string;
            birthDate: string | null;
            locale: string;
            isAdmin: boolean;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            createdAt: string;
        };
        UpdateMeRequest: {
            displayName?: string;
            /** @description ISO 3166-1 alpha-2 */
            country?: string;
            birthDate?: string | null;
            /** @description BCP 47 language tag */
            locale?: string;
        };
        ChangePasswordRequest: {
            currentPassword: string;
            newPassword: string;
        };
        PasswordResetRequest: {
            email: unknown;
        };
        PasswordResetCompletion: {
            token: string;
            newPassword: string;
        };
        EmailVerification: {
            token: string;
        };
        CreateOrganisationRequest: {
            name: string;
            /** @enum {string} */
            kind: "public_body" | "ngo" | "social_enterprise" | "company" | "university" | "foundation" | "financial_operator" | "citizen_group";
            /** @description ISO 3166-1 alpha-2 */
            country: string;
            website?: string | null;
            description?: string | null;
            themes?: ("education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty")[];
            sdgs?: number[];
        };
        UpdateOrganisationRequest: {
            name?: string;
            /** @enum {string} */
            kind?: "public_body" | "ngo" | "social_enterprise" | "company" | "university" | "foundation" | "financial_operator" | "citizen_group";
            /** @description ISO 3166-1 alpha-2 */
            country?: string;
            website?: string | null;
            description?: string | null;
            themes?: ("education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty")[];
            sdgs?: number[];
        };
        Organisation: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            kind: "public_body" | "ngo" | "social_enterprise" | "company" | "university" | "foundation" | "financial_operator" | "citizen_group";
            country: string;
            website: string | null;
            description: string | null;
            themes: string[];
            sdgs: number[];
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            updatedAt: string;
        };
        MyOrganisation: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            kind: "public_body" | "ngo" | "social_enterprise" | "company" | "university" | "foundation" | "financial_operator" | "citizen_group";
            country: string;
            website: string | null;
            description: string | null;
            themes: string[];
            sdgs: number[];
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            updatedAt: string;
            /** @enum {string} */
            myRole: "owner" | "manager" | "member";
        };
        MyOrganisationList: {
            items: components["schemas"]["MyOrganisation"][];
        };
        Member: {
            /** Format: uuid */
            userId: string;
            displayName: string;
            /** @description Shown to owners and managers (and to each member for their own entry); null for other members' entries */
            email: string | null;
            /** @enum {string} */
            role: "owner" | "manager" | "member";
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            joinedAt: string;
        };
        MemberList: {
            items: components["schemas"]["Member"][];
        };
        CreateInvitationRequest: {
            email: unknown;
            /** @enum {string} */
            role: "owner" | "manager" | "member";
        };
        Invitation: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            organisationId: string;
            email: string;
            /** @enum {string} */
            role: "owner" | "manager" | "member";
            /** @enum {string} */
            status: "pending" | "accepted" | "revoked" | "expired";
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            expiresAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            createdAt: string;
        };
        InvitationList: {
            items: components["schemas"]["Invitation"][];
        };
        AcceptInvitationRequest: {
            token: string;
        };
        ChangeRoleRequest: {
            /** @enum {string} */
            role: "owner" | "manager" | "member";
        };
        /** @description text, number, boolean, or a list of options (multichoice) */
        AnswerValue: string | number | boolean | string[];
        /** @description Answers by question id */
        Answers: {
            [key: string]: components["schemas"]["AnswerValue"];
        };
        CreateProposal: {
            /** @default  */
            title: string;
            /** @default {} */
            answers: components["schemas"]["Answers"];
            /**
             * @description Submit on behalf of an organisation you are a member of
             * @default null
             */
            organisationId: string | null;
        };
        UpdateProposal: {
            title?: string;
            /** @description Merged into the draft (JSON merge patch): a question set to null is cleared, questions left out are kept */
            answers?: {
                [key: string]: components["schemas"]["AnswerValue"] | null;
            };
            organisationId?: string | null;
        };
        ProposalTeamMember: {
            /** Format: uuid */
            id: string;
            userId: string | null;
            displayName: string | null;
            /** @description Shown to the applicant and the team only */
            email: string | null;
            /** @enum {string} */
            status: "invited" | "accepted" | "declined";
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            invitedAt: string;
            respondedAt: string | null;
        };
        ProposalAttachment: {
            /** Format: uuid */
            id: string;
            filename: string;
            /** @enum {string} */
            contentType: "application/pdf" | "image/png" | "image/jpeg" | "text/plain";
            size: number;
            sha256: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            uploadedAt?: string;
        };
        SubmittedRevisionSummary: {
            revision: number;
            contentHash: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            receivedAt: string;
            late: boolean;
        };
        Proposal: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            competitionId: string;
            /** Format: uuid */
            applicantId: string;
            organisationId: string | null;
            /** @enum {string} */
            status: "draft" | "submitted" | "withdrawn";
            /**
             * @description Which content is shown: the working draft (applicant and team) or the current submitted revision (organisers)
             * @enum {string}
             */
            view: "draft" | "submitted";
            /** @enum {string} */
            viewerRole: "applicant" | "member" | "organiser";
            title: string;
            answers: components["schemas"]["Answers"];
            team: components["schemas"]["ProposalTeamMember"][];
            attachments: components["schemas"]["ProposalAttachment"][];
            currentRevision: number | null;
            /** @description The current submitted revision */
            submitted: components["schemas"]["SubmittedRevisionSummary"] | null;
            /** @description The draft differs from the current revision (always true before the first submit) */
            unsubmittedChanges: boolean;
            /** @description Organisers only (null otherwise): the applicant's country and birth date as frozen at their first submit to this competition, self-declared */
            eligibilityFacts: {
                country: string;
                birthDate: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 instant with offset
                 */
                frozenAt: string;
                /** @description Facts the applicant's profile states differently today; eligibility still decides on the frozen ones */
                changedSince: ("country" | "birthDate")[];
            } | null;
            late: boolean;
            firstSubmittedAt: string | null;
            lastSubmittedAt: string | null;
            withdrawnAt: string | null;
            /** @description Also sent as the ETag header */
            version: number;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            updatedAt: string;
        };
        ProposalSummary: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            competitionId: string;
            /** Format: uuid */
            applicantId: string;
            organisationId: string | null;
            /** @enum {string} */
            status: "draft" | "submitted" | "withdrawn";
            title: string;
            currentRevision: number | null;
            /** @description The draft differs from the current revision (always true before the first submit) */
            unsubmittedChanges: boolean;
            late: boolean;
            /** @description Also sent as the ETag header */
            version: number;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            updatedAt: string;
            /** @enum {string} */
            viewerRole: "applicant" | "member";
        };
        ProposalSummaryList: {
            items: components["schemas"]["ProposalSummary"][];
            nextCursor: string | null;
        };
        SubmittedProposal: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "submitted" | "withdrawn";
            /** Format: uuid */
            applicantId: string;
            applicantName: string;
            /** @description As frozen at the first submit to this competition (what eligibility decided on) */
            applicantCountry: string;
            /** @description Frozen eligibility facts the applicant's profile states differently today (empty: unchanged) */
            eligibilityFactsChanged: ("country" | "birthDate")[];
            organisationId: string | null;
            title: string;
            currentRevision: number;
            contentHash: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            receivedAt: string;
            late: boolean;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            firstSubmittedAt: string;
            withdrawnAt: string | null;
        };
        SubmittedProposalList: {
            items: components["schemas"]["SubmittedProposal"][];
            nextCursor: string | null;
        };
        /** @description What a revision freezes; `contentHash` is the SHA-256 of its canonical JSON (RFC 8785 style) */
        ProposalRevisionContent: {
            /** Format: uuid */
            proposalId: string;
            /** Format: uuid */
            competitionId: string;
            /** Format: uuid */
            applicantId: string;
            organisationId: string | null;
            title: string;
            answers: components["schemas"]["Answers"];
            team: string[];
            attachments: {
                /** Format: uuid */
                id: string;
                filename: string;
                contentType: string;
                size: number;
                sha256: string;
            }[];
        };
        ProposalRevisionSummary: {
            /** Format: uuid */
            proposalId: string;
            /** Format: uuid */
            competitionId: string;
            revision: number;
            contentHash: string;
            /**
             * Format: date-time
             * @description Database clock, microseconds
             */
            receivedAt: string;
            late: boolean;
            submittedBy: string | null;
            current: boolean;
        };
        ProposalRevisionList: {
            items: components["schemas"]["ProposalRevisionSummary"][];
        };
        ProposalRevision: {
            /** Format: uuid */
            proposalId: string;
            /** Format: uuid */
            competitionId: string;
            revision: number;
            contentHash: string;
            /**
             * Format: date-time
             * @description Database clock, microseconds
             */
            receivedAt: string;
            late: boolean;
            submittedBy: string | null;
            current: boolean;
            content: components["schemas"]["ProposalRevisionContent"];
            receipt: components["schemas"]["Receipt"];
        };
        /** @description The submitted proposal and a signed receipt; verify it with GET /v1/receipts/public-key */
        SubmitResult: {
            proposal: components["schemas"]["Proposal"];
            receipt: components["schemas"]["Receipt"];
        };
        InviteProposalMember: {
            email: unknown;
        };
        ProposalInvitationToken: {
            token: string;
        };
        RequestGuardianConsent: {
            guardianEmail: unknown;
        };
        GuardianConsentToken: {
            token: string;
        };
        GuardianConsent: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            competitionId: string;
            /** Format: uuid */
            applicantId: string;
            guardianEmail: string;
            /** @enum {string} */
            status: "pending" | "confirmed" | "expired";
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            requestedAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            expiresAt: string;
            confirmedAt: string | null;
        };
        GuardianConsentConfirmation: {
            /** @constant */
            confirmed: true;
            /** Format: uuid */
            competitionId: string;
            competitionTitle: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            confirmedAt: string;
        };
        /** @description An attachment upload: `multipart/form-data` with exactly one part, `file` */
        ProposalAttachmentUpload: {
            /**
             * Format: binary
             * @description The file, its name in the part's Content-Disposition and its type in the part's Content-Type: one of application/pdf, image/png, image/jpeg, text/plain. A part typed `application/octet-stream` is taken as the allowed type its bytes are.
             */
            file: Blob;
        };
        Prize: {
            /** @description In minor units of `currency` (EUR 5,000.00 = 500000) */
            amount: number;
            currency: string;
            /** @default 1 */
            winners: number;
            /** @description Minor units per rank, one per winner, summing to `amount`; default: even split, remainder to the top ranks */
            split?: number[];
        };
        PrizeDetails: {
            amount: number;
            currency: string;
            winners: number;
            split: number[];
        };
        CompetitionTimingRequest: {
            /** @description ISO 8601 instant with offset, or a date YYYY-MM-DD meaning the start (opening) or end (closing) of that day in `timezone`; years 1900 to 2200 (1900-01-01 to 2200-12-31) */
            opensAt: string;
            /** @description ISO 8601 instant with offset, or a date YYYY-MM-DD meaning the start (opening) or end (closing) of that day in `timezone`; years 1900 to 2200 (1900-01-01 to 2200-12-31) */
            closesAt: string;
            /** @description IANA time zone, e.g. Europe/Rome */
            timezone: string;
            /**
             * @description Submissions received this long after `closesAt` are accepted and marked late
             * @default 0
             */
            gracePeriodSeconds: number;
        };
        EligibilityRules: {
            minAge?: number | null;
            maxAge?: number | null;
            /** @description Age is computed at this date; at the submission instant when absent */
            ageReferenceDate?: string | null;
            /**
             * @description Applicant and team members; empty means anywhere
             * @default []
             */
            allowedCountries: string[];
            /** @default 1 */
            minTeamSize: number;
            /** @default 1 */
            maxTeamSize: number;
            /** @default 1 */
            maxProposalsPerApplicant: number;
            /** @description Applicants younger than this need a guardian’s consent */
            guardianConsentUnderAge?: number | null;
        };
        FormQuestion: {
            id: string;
            /** @enum {string} */
            type: "text" | "longtext" | "number" | "choice" | "multichoice" | "url" | "date" | "boolean";
            label: string;
            help?: string;
            /** @default false */
            required: boolean;
            /** @description text, longtext, url */
            maxChars?: number;
            /** @description text, longtext */
            maxWords?: number;
            /** @description number: smallest value; multichoice: fewest selections */
            min?: number;
            /** @description number: largest value; multichoice: most selections */
            max?: number;
            /** @description choice, multichoice: at least two, unique */
            options?: string[];
        };
        RubricCriterion: {
            id: string;
            label: string;
            description?: string;
            weight: number;
            scaleMin: number;
            scaleMax: number;
        };
        TieBreak: {
            /** @constant */
            kind: "criterion";
            criterionId: string;
        } | {
            /** @constant */
            kind: "earliest_submission";
        };
        JudgingSettings: {
            /** @default 3 */
            reviewsPerProposal: number;
            /** @default true */
            blind: boolean;
            /**
             * @default mean
             * @enum {string}
             */
            aggregation: "mean" | "median";
            /**
             * @default none
             * @enum {string}
             */
            normalisation: "none" | "zscore";
            /** @default [] */
            tieBreaks: components["schemas"]["TieBreak"][];
            judgingOpensAt?: string | null;
            judgingClosesAt?: string | null;
            /** @description Top N advance to a second round */
            shortlistSize?: number | null;
            /** @default false */
            showScoresToApplicants: boolean;
        };
        CreateCompetitionRequest: {
            title: string;
            /** @default  */
            summary: string;
            /** @default  */
            description: string;
            /** @default [] */
            themes: ("education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty")[];
            /** @default [] */
            countries: string[];
            challengeId?: string | null;
            prize: components["schemas"]["Prize"];
            timing: components["schemas"]["CompetitionTimingRequest"];
            eligibility: components["schemas"]["EligibilityRules"];
            /** @default [] */
            form: components["schemas"]["FormQuestion"][];
            /** @default [] */
            rubric: components["schemas"]["RubricCriterion"][];
            judging: components["schemas"]["JudgingSettings"];
        };
        /** @description Fields to change; objects (prize, eligibility, judging) and lists (form, rubric) are replaced whole. After publication only title, summary, description, themes, countries and challengeId change freely; closesAt and gracePeriodSeconds may only grow; eligibility, form and rubric until the first submission. */
        UpdateCompetitionRequest: {
            title?: string;
            summary?: string;
            description?: string;
            themes?: ("education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty")[];
            countries?: string[];
            challengeId?: string | null;
            prize?: components["schemas"]["Prize"];
            timing?: {
                /** @description ISO 8601 instant with offset, or a date YYYY-MM-DD meaning the start (opening) or end (closing) of that day in `timezone`; years 1900 to 2200 (1900-01-01 to 2200-12-31) */
                opensAt?: string;
                /** @description ISO 8601 instant with offset, or a date YYYY-MM-DD meaning the start (opening) or end (closing) of that day in `timezone`; years 1900 to 2200 (1900-01-01 to 2200-12-31) */
                closesAt?: string;
                /** @description IANA time zone, e.g. Europe/Rome */
                timezone?: string;
                gracePeriodSeconds?: number;
            };
            eligibility?: components["schemas"]["EligibilityRules"];
            form?: components["schemas"]["FormQuestion"][];
            rubric?: components["schemas"]["RubricCriterion"][];
            judging?: components["schemas"]["JudgingSettings"];
        };
        CompetitionTiming: {
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            opensAt: string;
            /**
             * Format: date-time
             * @description Exclusive: submissions must arrive before it (plus grace)
             */
            closesAt: string;
            timezone: string;
            gracePeriodSeconds: number;
            /**
             * Format: date-time
             * @description closesAt + gracePeriodSeconds: nothing is accepted from this instant on
             */
            effectiveClosesAt: string;
            /** @description The same instants as wall-clock time in `timezone`, ISO 8601 with that zone’s offset; a fraction of a second is kept when there is one */
            local: {
                opensAt: string;
                closesAt: string;
                effectiveClosesAt: string;
            };
        };
        Competition: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            organisationId: string;
            challengeId: string | null;
            title: string;
            summary: string;
            description: string;
            themes: string[];
            countries: string[];
            /** @enum {string} */
            status: "draft" | "published" | "judging" | "results_published" | "archived";
            /** @description Derived from the database clock at read time; null for drafts */
            phase: ("upcoming" | "open" | "closed") | null;
            prize: components["schemas"]["PrizeDetails"];
            timing: components["schemas"]["CompetitionTiming"];
            eligibility: components["schemas"]["EligibilityRules"];
            form: components["schemas"]["FormQuestion"][];
            rubric: components["schemas"]["RubricCriterion"][];
            judging: components["schemas"]["JudgingSettings"];
            /** @description Set by the first submission; eligibility, form and rubric are fixed from then on */
            rulesFrozenAt: string | null;
            publishedAt: string | null;
            /** @description Also sent as the ETag; send it back in If-Match */
            version: number;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            updatedAt: string;
        };
        CompetitionSummary: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            organisationId: string;
            organisationName: string;
            challengeId: string | null;
            title: string;
            summary: string;
            themes: string[];
            countries: string[];
            allowedCountries: string[];
            /** @enum {string} */
            status: "draft" | "published" | "judging" | "results_published" | "archived";
            /** @description Derived from the database clock at read time; null for drafts */
            phase: ("upcoming" | "open" | "closed") | null;
            prize: components["schemas"]["PrizeDetails"];
            timing: components["schemas"]["CompetitionTiming"];
            publishedAt: string | null;
            version: number;
        };
        CompetitionPage: {
            items: components["schemas"]["CompetitionSummary"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        ExtendCompetitionRequest: {
            /** @description ISO 8601 instant with offset, or a date YYYY-MM-DD meaning the start (opening) or end (closing) of that day in `timezone`; years 1900 to 2200 (1900-01-01 to 2200-12-31) */
            closesAt: string;
            reason?: string;
        };
        CompetitionTransitionRequest: {
            reason?: string;
        };
        GrantExtensionRequest: {
            /** @description ISO 8601 instant with offset, or a date YYYY-MM-DD meaning the start (opening) or end (closing) of that day in `timezone`; years 1900 to 2200 (1900-01-01 to 2200-12-31) */
            closesAt: string;
            reason: string;
        };
        CompetitionExtension: {
            /** Format: uuid */
            competitionId: string;
            /** Format: uuid */
            userId: string;
            displayName: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            closesAt: string;
            /**
             * Format: date-time
             * @description closesAt + the competition’s grace period
             */
            effectiveClosesAt: string;
            localClosesAt: string;
            reason: string;
            grantedBy: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 instant with offset
             */
            createdAt: string;
        };
        CompetitionExtensionList: {
            items: components["schemas"]["CompetitionExtension"][];
        };
        AuditEntry: {
            id: number;
            /** Format: uuid */
            competitionId: string;
            actorId: string | null;
            action: string;
            subjectType: string;
            subjectId: string | null;
            data: {
                [key: string]: unknown;
            };
            /** @description UTC, microseconds, exactly as hashed */
            createdAt: string;
            /** @description Null until the background sealer chains it */
            seal: {
                seq: number;
                hash: string;
                prevHash: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 instant with offset
                 */
                sealedAt: string;
            } | null;
        };
        AuditPage: {
            items: components["schemas"]["AuditEntry"][];
            nextCursor: string | null;
        };
        AuditVerification: {
            /** Format: uuid */
            competitionId: string;
            /** @description Every sealed row matches its seal and the chain is unbroken */
            valid: boolean;
            sealedCount: number;
            /** @description Rows appended but not chained yet; verified once the sealer has run */
            unsealedCount: number;
            headHash: string | null;
            headSeq: number | null;
            firstInvalid?: {
                auditId: number;
                seq: number;
                /** @enum {string} */
                reason: "seq_gap" | "prev_hash_mismatch" | "row_missing" | "hash_mismatch";
            };
        };
        GuardianConsentList: {
            items: components["schemas"]["GuardianConsent"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not ready: shutting down (`SHUTTING_DOWN`) or database unreachable (`DATABASE_UNAVAILABLE`) */
            503: {
                headers: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptPublicKey"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptVerification"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                "application/json": components["schemas"]["RegisterRequestInput"];
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid fields or a weak password; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts from this address or for this account; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many password checks are waiting (`AUTH_BUSY`); see `Retry-After` */
            503: {
                headers: {
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
                "application/json": components["schemas"]["LoginRequestInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Email or password is incorrect (`INVALID_CREDENTIALS`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts from this address (`RATE_LIMITED`), or too many failed logins for this account from this address (`LOGIN_THROTTLED`); see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many password checks are waiting (`AUTH_BUSY`); see `Retry-After` */
            503: {
                headers: {
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
                "application/json": components["schemas"]["RefreshRequestInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown, expired, revoked or reused refresh token (`REFRESH_TOKEN_*`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts from this address or for this account; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                "application/json": components["schemas"]["RefreshRequestInput"];
            };
        };
        responses: {
            /** @description Logged out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                "application/json": components["schemas"]["PasswordResetRequestInput"];
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts from this address or for this account; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                "application/json": components["schemas"]["PasswordResetCompletionInput"];
            };
        };
        responses: {
            /** @description Password changed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON, or the token is invalid, used or expired (`TOKEN_INVALID`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts from this address or for this account; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many password checks are waiting (`AUTH_BUSY`); see `Retry-After` */
            503: {
                headers: {
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
                "application/json": components["schemas"]["EmailVerificationInput"];
            };
        };
        responses: {
            /** @description Address verified */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON, or the token is invalid, used or expired (`TOKEN_INVALID`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts from this address or for this account; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                "application/json": components["schemas"]["UpdateMeRequestInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                "application/json": components["schemas"]["ChangePasswordRequestInput"];
            };
        };
        responses: {
            /** @description Password changed; log in again */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts from this address or for this account; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many password checks are waiting (`AUTH_BUSY`); see `Retry-After` */
            503: {
                headers: {
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
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                "application/json": components["schemas"]["CreateOrganisationRequestInput"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyOrganisation"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `EMAIL_NOT_VERIFIED`: confirm your email address first (`POST /v1/me/verification-email` sends the link again) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyOrganisationList"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            /** @description No such organisation (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOrganisationRequestInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your role in the organisation does not allow this (`FORBIDDEN`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such organisation, or you are not a member (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberList"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such organisation, or you are not a member (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                organisationId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your role in the organisation does not allow this (`FORBIDDEN`), or `EMAIL_NOT_VERIFIED`: confirm your email address first (`POST /v1/me/verification-email` sends the link again) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such organisation or member (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The organisation would have no owner left (`LAST_OWNER`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                organisationId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeRoleRequestInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your role in the organisation does not allow this (`FORBIDDEN`), or `EMAIL_NOT_VERIFIED`: confirm your email address first (`POST /v1/me/verification-email` sends the link again) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such organisation or member (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The organisation would have no owner left (`LAST_OWNER`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationList"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your role in the organisation does not allow this (`FORBIDDEN`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such organisation, or you are not a member (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInvitationRequestInput"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your role in the organisation does not allow this (`FORBIDDEN`), or `EMAIL_NOT_VERIFIED`: confirm your email address first (`POST /v1/me/verification-email` sends the link again) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such organisation, or you are not a member (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (`RATE_LIMITED`), or this address has received as many of these emails as it may in an hour (`RECIPIENT_EMAIL_LIMIT`); see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                organisationId: string;
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your role in the organisation does not allow this (`FORBIDDEN`), or `EMAIL_NOT_VERIFIED`: confirm your email address first (`POST /v1/me/verification-email` sends the link again) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such organisation or pending invitation */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                "application/json": components["schemas"]["AcceptInvitationRequestInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyOrganisation"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The invitation was sent to another address (`INVITATION_EMAIL_MISMATCH`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown, used, revoked or expired invitation (`INVITATION_NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                /** @description Listed in the competition’s countries or its eligible countries */
                country?: string;
                theme?: "education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty";
                sort?: "closing_soon" | "newest";
                limit?: number;
                /** @description Opaque cursor from `nextCursor` of the previous page */
                cursor?: string;
                status?: "draft" | "published" | "judging" | "results_published" | "archived";
            };
            header?: never;
            path: {
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitionPage"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such organisation, or you are not a member (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                organisationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCompetitionRequestInput"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Competition"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your role in the organisation does not allow this (`FORBIDDEN`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such organisation, or you are not a member (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A request with the same `Idempotency-Key` is still running (`IDEMPOTENCY_IN_PROGRESS`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`); or an `Idempotency-Key` reused with a different request (`IDEMPOTENCY_KEY_REUSED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                /** @description Listed in the competition’s countries or its eligible countries */
                country?: string;
                theme?: "education" | "inclusion" | "employment" | "health" | "care" | "housing" | "environment" | "culture" | "mobility" | "digital" | "ageing" | "youth" | "migration" | "poverty";
                sort?: "closing_soon" | "newest";
                limit?: number;
                /** @description Opaque cursor from `nextCursor` of the previous page */
                cursor?: string;
                status?: "published" | "judging" | "results_published";
                organisationId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitionPage"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The competition */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Competition"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such competition, or it is a draft of an organisation you are not a member of (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                /** @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match. */
                "if-match"?: string;
            };
            path: {
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCompetitionRequestInput"];
            };
        };
        responses: {
            /** @description The competition after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Competition"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only owners and managers of the owning organisation may do this (`FORBIDDEN`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such competition, or it is a draft of an organisation you are not a member of (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed in the current state: `RULES_FROZEN` (first proposal submitted), `CLOSES_AT_NOT_EXTENDABLE`, `GRACE_PERIOD_NOT_REDUCIBLE`, `FIELD_LOCKED`, `COMPETITION_ARCHIVED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `If-Match` names an older version, or a weak `W/` tag (compared strongly) (`PRECONDITION_FAILED`, with `currentVersion`); the current ETag is in the `etag` header */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                /** @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match. */
                "if-match"?: string;
            };
            path: {
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompetitionTransitionRequestInput"] | null;
            };
        };
        responses: {
            /** @description The competition in its new status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Competition"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only owners and managers of the owning organisation may do this (`FORBIDDEN`), or your email address is not confirmed yet (`EMAIL_NOT_VERIFIED`; `POST /v1/me/verification-email` sends the link again) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such competition, or it is a draft of an organisation you are not a member of (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a draft (`INVALID_TRANSITION`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `If-Match` names an older version, or a weak `W/` tag (compared strongly) (`PRECONDITION_FAILED`, with `currentVersion`); the current ETag is in the `etag` header */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not ready: every missing part is listed (`COMPETITION_INCOMPLETE`), or invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                /** @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match. */
                "if-match"?: string;
            };
            path: {
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompetitionTransitionRequestInput"] | null;
            };
        };
        responses: {
            /** @description The competition in its new status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Competition"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only owners and managers of the owning organisation may do this (`FORBIDDEN`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such competition, or it is a draft of an organisation you are not a member of (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not published (`INVALID_TRANSITION`), not closed yet including grace (`COMPETITION_NOT_CLOSED`), or individual extensions still running (`EXTENSIONS_RUNNING`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `If-Match` names an older version, or a weak `W/` tag (compared strongly) (`PRECONDITION_FAILED`, with `currentVersion`); the current ETag is in the `etag` header */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                /** @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match. */
                "if-match"?: string;
            };
            path: {
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompetitionTransitionRequestInput"] | null;
            };
        };
        responses: {
            /** @description The competition in its new status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Competition"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only owners and managers of the owning organisation may do this (`FORBIDDEN`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such competition, or it is a draft of an organisation you are not a member of (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Already archived (`INVALID_TRANSITION`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `If-Match` names an older version, or a weak `W/` tag (compared strongly) (`PRECONDITION_FAILED`, with `currentVersion`); the current ETag is in the `etag` header */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                /** @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match. */
                "if-match"?: string;
            };
            path: {
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExtendCompetitionRequestInput"];
            };
        };
        responses: {
            /** @description The competition with its new closing instant */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Competition"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only owners and managers of the owning organisation may do this (`FORBIDDEN`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such competition, or it is a draft of an organisation you are not a member of (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not published (`COMPETITION_NOT_PUBLISHED`) or not later than the current closesAt (`CLOSES_AT_NOT_EXTENDABLE`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `If-Match` names an older version, or a weak `W/` tag (compared strongly) (`PRECONDITION_FAILED`, with `currentVersion`); the current ETag is in the `etag` header */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitionExtensionList"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only owners and managers of the owning organisation may do this (`FORBIDDEN`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such competition, or it is a draft of an organisation you are not a member of (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                competitionId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GrantExtensionRequestInput"];
            };
        };
        responses: {
            /** @description Replaced an existing extension */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitionExtension"];
                };
            };
            /** @description Granted */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitionExtension"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only owners and managers of the owning organisation may do this (`FORBIDDEN`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such competition (`NOT_FOUND`), or no applicant of it with this user id (`USER_NOT_FOUND`: the same answer whether or not such an account exists) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Judging has started (`COMPETITION_NOT_PUBLISHED`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input, or closesAt not after the competition’s (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                competitionId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only owners and managers of the owning organisation may do this (`FORBIDDEN`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such competition or extension (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only owners and managers of the owning organisation may do this (`FORBIDDEN`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such competition, or it is a draft of an organisation you are not a member of (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerification"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only owners and managers of the owning organisation may do this (`FORBIDDEN`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such competition, or it is a draft of an organisation you are not a member of (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                status?: "submitted" | "withdrawn";
                limit?: number;
                /** @description Opaque cursor from `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmittedProposalList"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only owners and managers of the organising organisation (`FORBIDDEN`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such competition, or you are not in its organisation (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                competitionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProposalInput"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such published competition (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The competition is closed (`COMPETITION_CLOSED`, with `closesAt`), you hold the maximum of unsubmitted drafts in it (`DRAFT_LIMIT_REACHED`, with `maxDrafts`), or a retry of a request still running (`IDEMPOTENCY_IN_PROGRESS`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input, or not a member of `organisationId` (`VALIDATION_FAILED`); or an `Idempotency-Key` reused with a different request (`IDEMPOTENCY_KEY_REUSED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                competitionId?: string;
                limit?: number;
                /** @description Opaque cursor from `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalSummaryList"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such proposal, or you may not see it (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                /** @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match. */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProposalInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only the applicant may do this; team members can read and edit (`APPLICANT_ONLY`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such proposal, or you may not see it (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The deadline (closesAt, plus grace and any individual extension) has passed by the database clock (`COMPETITION_CLOSED`, with `closesAt` and `effectiveClosesAt`), or the proposal was withdrawn (`PROPOSAL_WITHDRAWN`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `If-Match` does not match the current ETag (`"v<version>"`, compared strongly: a weak `W/` tag never matches): someone changed the proposal since you read it (`PRECONDITION_FAILED`, with `currentVersion`; the current ETag is in the `etag` header) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                /** @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match. */
                "if-match"?: string;
                /** @description Makes a retry safe: the same key and body replay the first response (`idempotent-replayed: true`) for at least 24 hours. Keys are scoped to the caller. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmitResult"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmitResult"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only the applicant may do this; team members can read and edit (`APPLICANT_ONLY`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such proposal, or you may not see it (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Deadline passed (`COMPETITION_CLOSED`, with `closesAt`), not open yet (`COMPETITION_NOT_OPEN`), withdrawn (`PROPOSAL_WITHDRAWN`), the proposal or competition kept changing while it was stored (`SUBMISSION_CONFLICT`, with `Retry-After`: read and retry), or a retry of a request still running (`IDEMPOTENCY_IN_PROGRESS`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `If-Match` does not match the current ETag (`"v<version>"`, compared strongly: a weak `W/` tag never matches): someone changed the proposal since you read it (`PRECONDITION_FAILED`, with `currentVersion`; the current ETag is in the `etag` header) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Eligibility rules or form fields fail; `errors` lists every one (`SUBMISSION_INVALID`); or an `Idempotency-Key` reused with a different request (`IDEMPOTENCY_KEY_REUSED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                /** @description The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match. */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only the applicant may do this; team members can read and edit (`APPLICANT_ONLY`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such proposal, or you may not see it (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The deadline (closesAt, plus grace and any individual extension) has passed by the database clock (`COMPETITION_CLOSED`, with `closesAt` and `effectiveClosesAt`), or the proposal was withdrawn (`PROPOSAL_WITHDRAWN`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `If-Match` does not match the current ETag (`"v<version>"`, compared strongly: a weak `W/` tag never matches): someone changed the proposal since you read it (`PRECONDITION_FAILED`, with `currentVersion`; the current ETag is in the `etag` header) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalRevisionList"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such proposal, or you may not see it (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                id: string;
                revision: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalRevision"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such proposal or revision, or you may not see it (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteProposalMemberInput"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalTeamMember"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only the applicant may do this (`APPLICANT_ONLY`), or your email address is not confirmed yet (`EMAIL_NOT_VERIFIED`; `POST /v1/me/verification-email` sends the link again) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such proposal, or you may not see it (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Deadline passed (`COMPETITION_CLOSED`), team full (`TEAM_FULL`), or already invited (`ALREADY_INVITED`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (`RATE_LIMITED`), or this address has received as many of these emails as it may in an hour (`RECIPIENT_EMAIL_LIMIT`); see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                id: string;
                memberId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only the applicant may do this; team members can read and edit (`APPLICANT_ONLY`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such proposal or member (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The deadline (closesAt, plus grace and any individual extension) has passed by the database clock (`COMPETITION_CLOSED`, with `closesAt` and `effectiveClosesAt`), or the proposal was withdrawn (`PROPOSAL_WITHDRAWN`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                "application/json": components["schemas"]["ProposalInvitationTokenInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The invitation was sent to another address (`INVITATION_EMAIL_MISMATCH`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown, used or expired invitation (`INVITATION_NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Deadline passed (`COMPETITION_CLOSED`) or the team is full (`TEAM_FULL`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                "application/json": components["schemas"]["ProposalInvitationTokenInput"];
            };
        };
        responses: {
            /** @description Declined */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The invitation was sent to another address (`INVITATION_EMAIL_MISMATCH`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown, used or expired invitation (`INVITATION_NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The deadline (closesAt, plus grace and any individual extension) has passed by the database clock (`COMPETITION_CLOSED`, with `closesAt` and `effectiveClosesAt`), or the proposal was withdrawn (`PROPOSAL_WITHDRAWN`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["ProposalAttachmentUploadInput"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalAttachment"];
                };
            };
            /** @description Not valid multipart/form-data, e.g. no or a wrong boundary (`MALFORMED_MULTIPART`), or more than 10 parts or 16 KiB of headers in a part (`MULTIPART_LIMIT`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only the applicant may do this; team members can read and edit (`APPLICANT_ONLY`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such proposal, or you may not see it (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Deadline passed (`COMPETITION_CLOSED`), withdrawn, or too many attachments (`TOO_MANY_ATTACHMENTS`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Larger than the upload limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an allowed type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No single `file` part, or another part (`VALIDATION_FAILED`, naming each); the bytes are not of the declared type, the file is empty or has no name (`ATTACHMENT_INVALID`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                id: string;
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with its Content-Type and a Content-Disposition naming it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": Blob;
                    "image/png": Blob;
                    "image/jpeg": Blob;
                    "text/plain": Blob;
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such proposal or attachment, or you may not see it (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                id: string;
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such proposal or attachment (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The deadline (closesAt, plus grace and any individual extension) has passed by the database clock (`COMPETITION_CLOSED`, with `closesAt` and `effectiveClosesAt`), or the proposal was withdrawn (`PROPOSAL_WITHDRAWN`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestGuardianConsentInput"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuardianConsent"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only the applicant may do this; team members can read and edit (`APPLICANT_ONLY`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such proposal, or you may not see it (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Deadline passed (`COMPETITION_CLOSED`) or the competition needs no consent (`CONSENT_NOT_REQUIRED`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input, or `guardianEmail` is the applicant's own mailbox: the same address, another case, a `+tag`, or Gmail dots (`VALIDATION_FAILED`, field `guardianEmail`, code `is_applicant`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (`RATE_LIMITED`), or this address has received as many of these emails as it may in an hour (`RECIPIENT_EMAIL_LIMIT`); see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuardianConsentList"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only the applicant may do this; team members can read and edit (`APPLICANT_ONLY`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such proposal, or you may not see it (`NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is too long (`URI_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
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
                "application/json": components["schemas"]["GuardianConsentTokenInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuardianConsentConfirmation"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown or expired token (`CONSENT_NOT_FOUND`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit (`BODY_TOO_LARGE`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; `errors` names every bad field (`VALIDATION_FAILED`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers larger than the server accepts (`HEADERS_TOO_LARGE`) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (`INTERNAL`); no internals are disclosed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
