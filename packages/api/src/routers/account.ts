import { z } from 'zod';
import { listMembershipsOfUser, listOpenInvitationsFor } from '@ronghe/db/queries/memberships';
import { identifierSchema, isMobileAccountEmail, mobileSchema, passwordSchema, personNameSchema } from '@ronghe/domain/account';
import { memberRoles, organizationKinds, organizationStatuses } from '@ronghe/domain/organization';
import { PRIVACY_NOTICE_VERSION } from '@ronghe/domain/privacy';
import * as accounts from '../services/accounts.ts';
import { addIdentifier, sendCode, verifyCode } from '../services/verification.ts';
import { requestPasswordReset, resetPassword } from '../services/password-reset.ts';
import { listSessions, revokeSession } from '../services/sessions.ts';
import { deleteAccount } from '../services/account-erasure.ts';
import { myDataFile } from '../services/personal-data.ts';
import { getPreferences, updatePreferences } from '../services/preferences.ts';
import { noticeCategories, noticeChannels } from '@ronghe/domain/notifications';
import { switchOrganization } from '../services/memberships.ts';
import type { Context } from '../context.ts';
import { protectedProcedure, publicProcedure, router, unbatched } from '../trpc.ts';

function authOf(ctx: Context) {
  if (!ctx.auth) throw new Error('auth is not configured in this context');
  // better-auth records a session's address from x-forwarded-for: give it the socket's, never the client's claim
  const headers = new Headers(ctx.headers);
  headers.set('x-forwarded-for', ctx.ip);
  return {
    auth: ctx.auth,
    db: ctx.db,
    headers,
    resHeaders: ctx.resHeaders,
    ip: ctx.ip,
    notifier: ctx.notifier,
    lang: ctx.lang,
    publicUrl: ctx.publicUrl,
  };
}

const codeChannel = z.enum(['email', 'sms']);
const sixDigits = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { message: 'verification.codeFormat' });

const me = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phoneNumber: z.string().nullable(),
    emailVerified: z.boolean(),
    phoneNumberVerified: z.boolean(),
    isPlatformAdmin: z.boolean(),
    activeOrganizationId: z.string().nullable(),
    /** the privacy notice version to agree to, when the one agreed to is older (or none was) */
    privacyNoticeToAccept: z.string().nullable(),
    memberships: z.array(
      z.object({
        organizationId: z.string(),
        name: z.string(),
        kind: z.enum(organizationKinds),
        status: z.enum(organizationStatuses),
        role: z.enum(memberRoles),
      }),
    ),
    invitations: z.array(
      z.object({
        token: z.string(),
        role: z.enum(memberRoles),
        organizationId: z.string(),
        organizationName: z.string(),
        organizationKind: z.enum(organizationKinds),
        expiresAt: z.date(),
      }),
    ),
  })
  .nullable();

const preferencesOutput = z.object({
  language: z.enum(['zh-CN', 'en']),
  noticeChannels: z.partialRecord(z.enum(noticeCategories), z.enum(noticeChannels)),
  available: z.object({ email: z.boolean(), sms: z.boolean() }),
});

export const accountRouter = router({
  /**
   * anyone; alone in its request, as every action that checks a secret. Sends a code; the same answer whether or not
   * the address is registered, and nobody is signed in until completeSignUp
   */
  signUp: publicProcedure
    .use(unbatched)
    .input(
      z.object({
        identifier: identifierSchema,
        password: passwordSchema,
        name: personNameSchema,
        // the privacy notice (web /privacy, version PRIVACY_NOTICE_VERSION) is agreed to before anything is stored
        acceptPrivacy: z.literal(true, { message: 'privacy.required' }),
      }),
    )
    .output(z.object({ channel: codeChannel, sentTo: z.string(), resendAfterS: z.number(), validMinutes: z.number() }))
    .mutation(({ ctx, input }) => accounts.signUp(authOf(ctx), input)),

  /** anyone holding the code a sign-up sent: verifies the address or number and signs in */
  completeSignUp: publicProcedure
    .use(unbatched)
    .input(z.object({ identifier: identifierSchema, password: z.string().min(1).max(128), code: sixDigits }))
    .output(z.object({ userId: z.string() }))
    .mutation(({ ctx, input }) => accounts.completeSignUp(authOf(ctx), input)),

  /** signed in: sends a code to the account's email or mobile number (services/verification.ts) */
  sendCode: protectedProcedure
    .use(unbatched)
    .input(z.object({ channel: codeChannel }))
    .output(z.object({ sentTo: z.string(), resendAfterS: z.number(), validMinutes: z.number() }))
    .mutation(({ ctx, input }) => sendCode(ctx, ctx.session, input.channel)),

  /** signed in: adds a mobile number to an email account (or the reverse); verifyCode with the code sent to it adds it */
  addIdentifier: protectedProcedure
    .use(unbatched)
    .input(z.object({ identifier: identifierSchema }))
    .output(z.object({ sentTo: z.string(), resendAfterS: z.number(), validMinutes: z.number() }))
    .mutation(({ ctx, input }) => addIdentifier(ctx, ctx.session, input.identifier)),

  /** signed in: confirms the email or mobile number with the code sent to it */
  verifyCode: protectedProcedure
    .use(unbatched)
    .input(
      z.object({
        channel: codeChannel,
        code: sixDigits,
      }),
    )
    .output(z.object({ verified: z.literal(true) }))
    .mutation(({ ctx, input }) => verifyCode(ctx, ctx.session, input.channel, input.code)),

  /** anyone */
  signIn: publicProcedure
    .use(unbatched)
    .input(z.object({ identifier: identifierSchema, password: z.string().min(1).max(128) }))
    .output(z.object({ userId: z.string() }))
    .mutation(({ ctx, input }) => accounts.signIn(authOf(ctx), input)),

  /** signed in */
  signOut: protectedProcedure
    .input(z.object({ everywhere: z.boolean().default(false) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await accounts.signOut(authOf(ctx), input);
      return { ok: true as const };
    }),

  /** signed in */
  changePassword: protectedProcedure
    .use(unbatched)
    .input(z.object({ currentPassword: z.string().min(1).max(128), newPassword: passwordSchema }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await accounts.changePassword({ ...authOf(ctx), userId: ctx.session.userId }, input);
      return { ok: true as const };
    }),

  /** anyone: a reset link by email or code by text message, if the account exists; the same answer either way */
  requestPasswordReset: publicProcedure
    .use(unbatched)
    .input(z.object({ identifier: identifierSchema }))
    .output(z.object({ channel: codeChannel, sentTo: z.string(), validMinutes: z.number() }))
    .mutation(({ ctx, input }) => requestPasswordReset(ctx, input.identifier)),

  /** anyone holding a live reset link or code: sets the password and signs the account out everywhere */
  resetPassword: publicProcedure
    .use(unbatched)
    .input(
      z.union([
        z.object({ token: z.string().trim().min(20).max(100), newPassword: passwordSchema }),
        z.object({ mobile: mobileSchema, code: sixDigits, newPassword: passwordSchema }),
      ]),
    )
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => resetPassword(authOf(ctx), input)),

  /** signed in: the account's live sessions (device, address, times), this one marked */
  sessions: protectedProcedure
    .output(
      z.array(
        z.object({
          id: z.string(),
          device: z.string().nullable(),
          ipAddress: z.string().nullable(),
          createdAt: z.date(),
          lastSeenAt: z.date(),
          current: z.boolean(),
        }),
      ),
    )
    .query(({ ctx }) => listSessions(ctx.db, ctx.session)),

  /** signed in: signs out one of the account's other sessions */
  revokeSession: protectedProcedure
    .input(z.object({ sessionId: z.string().min(1).max(100) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await revokeSession(ctx.db, ctx.session, input.sessionId);
      return { ok: true as const };
    }),

  /** anyone: null when signed out */
  me: publicProcedure.output(me).query(async ({ ctx }) => {
    const s = ctx.session;
    if (!s) return null;
    // invitations show only to the verified holder of the address or number they were sent to
    const identifiers = [...(s.emailVerified ? [s.email] : []), ...(s.phoneNumber && s.phoneNumberVerified ? [s.phoneNumber] : [])];
    return {
      userId: s.userId,
      name: s.name,
      // accounts made with a mobile number carry an internal address that is not the user's
      email: isMobileAccountEmail(s.email) ? null : s.email,
      phoneNumber: s.phoneNumber,
      emailVerified: s.emailVerified && !isMobileAccountEmail(s.email),
      phoneNumberVerified: s.phoneNumberVerified,
      isPlatformAdmin: s.isPlatformAdmin,
      activeOrganizationId: s.activeOrganizationId,
      privacyNoticeToAccept: s.privacyVersion === PRIVACY_NOTICE_VERSION ? null : PRIVACY_NOTICE_VERSION,
      memberships: await listMembershipsOfUser(ctx.db, s.userId),
      invitations: await listOpenInvitationsFor(ctx.db, identifiers),
    };
  }),

  /** signed in: agrees to the current privacy notice (asked again when a new version replaces the one agreed to) */
  acceptPrivacy: protectedProcedure
    .input(z.object({ version: z.string().max(20) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await accounts.acceptPrivacyNotice(ctx.db, ctx.session.userId, input.version);
      return { ok: true as const };
    }),

  /** signed in: everything Ronghe holds about the caller, as a JSON or Excel file */
  myData: protectedProcedure
    .input(z.object({ format: z.enum(['json', 'xlsx']) }))
    .output(z.object({ filename: z.string(), base64: z.string() }))
    .query(({ ctx, input }) => myDataFile(ctx.db, ctx.session.userId, input.format, ctx.lang)),

  /** signed in, confirming with the password: deletes the account by anonymising it (not while sole owner of an organisation) */
  deleteAccount: protectedProcedure
    .use(unbatched)
    .input(z.object({ password: z.string().min(1).max(128) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      // every session of the account is deleted with it: the browser's cookie names nothing from here on
      await deleteAccount(authOf(ctx), ctx.session.userId, input.password);
      return { ok: true as const };
    }),

  /** signed in: the language of messages to me, and which notices also come by email or text message */
  preferences: protectedProcedure.output(preferencesOutput).query(({ ctx }) => getPreferences(ctx.db, ctx.session)),

  /** signed in */
  setPreferences: protectedProcedure
    .input(
      z.object({
        language: z.enum(['zh-CN', 'en']).optional(),
        noticeChannels: z.partialRecord(z.enum(noticeCategories), z.enum(noticeChannels)).optional(),
      }),
    )
    .output(preferencesOutput)
    .mutation(({ ctx, input }) => updatePreferences(ctx.db, ctx.session, input)),

  /** signed in, member of the organisation */
  switchOrganization: protectedProcedure
    .input(z.object({ organizationId: z.uuid().nullable() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await switchOrganization(ctx.db, ctx.session, input.organizationId);
      return { ok: true as const };
    }),
});
