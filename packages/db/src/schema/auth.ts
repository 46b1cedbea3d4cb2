import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { NoticeChannels } from '@ronghe/domain/notifications';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

// The tables better-auth works on (core schema, property names as it expects them), plus our
// own fields: a mobile number and the platform-admin flag on users, the organisation a session
// acts for. better-auth generates the text ids.

export const users = pgTable('user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  /** mainland mobile number, 11 digits; sign-in by mobile resolves to this user */
  phoneNumber: text('phone_number').unique(),
  /** the mobile number was confirmed by a code sent to it (email_verified: the same for the email) */
  phoneNumberVerified: boolean('phone_number_verified').notNull().default(false),
  isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
  /** set: the account may not sign in and its sessions count for nothing (demo accounts with demo mode off) */
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  /** the version of the privacy notice (domain/privacy.ts) the person last agreed to, and when */
  privacyVersion: text('privacy_version'),
  privacyAcceptedAt: timestamp('privacy_accepted_at', { withTimezone: true }),
  /** the language messages to this person are written in (chosen in the app; zh-CN until then) */
  language: text('language', { enum: ['zh-CN', 'en'] })
    .notNull()
    .default('zh-CN'),
  /** per kind of notice, whether it also goes by email or text message (domain noticeCategories); {} = bell only */
  noticeChannels: jsonb('notice_channels').$type<NoticeChannels>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    token: text('token').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    activeOrganizationId: uuid('active_organization_id').references((): AnyPgColumn => organizations.id, { onDelete: 'set null' }),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

export const accounts = pgTable(
  'account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    password: text('password'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('account_user_idx').on(t.userId)],
);

export const verifications = pgTable('verification', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Fixed-window counters for rate limits (sign-in per account and per address), shared by all processes. */
export const rateLimits = pgTable('rate_limit', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One-time codes that confirm an email address or a mobile number belongs to the account (issue 20): 6 digits,
 * valid 10 minutes, 5 attempts. Only a hash of the code is kept.
 */
export const verificationCodes = pgTable(
  'verification_code',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    /** the address or number the code was sent to: verifying confirms this one, even if the account's changed since */
    identifier: text('identifier').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    /**
     * a sign-up with an address an unverified account holds: the password hash and name it chose, which the account
     * takes (its other sessions ending) when this code comes back, proving the address is the new person's
     */
    pendingPasswordHash: text('pending_password_hash'),
    pendingName: text('pending_name'),
    /** the code adds `identifier` to the account as its second (a mobile number to an email account, or the reverse) */
    addsIdentifier: boolean('adds_identifier').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('verification_code_user_idx').on(t.userId, t.channel, t.createdAt)],
);

/**
 * Password resets (issue 20): a link by email (a long random token) or a 6-digit code by text message, valid 30
 * minutes, used once; a code allows 5 attempts. Only a hash of the token or code is kept.
 */
export const passwordResets = pgTable(
  'password_reset',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    /** sha-256 of the link's token (email) or of the user, channel and code (sms) */
    secretHash: text('secret_hash').notNull().unique(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('password_reset_user_idx').on(t.userId, t.channel, t.createdAt)],
);

/**
 * Browsers an account has signed in from, by a random id kept in a long-lived httpOnly cookie (only its hash here):
 * a sign-in from a browser not on the list sends the owner a notice.
 */
export const knownDevices = pgTable(
  'known_device',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deviceHash: text('device_hash').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.deviceHash] })],
);
