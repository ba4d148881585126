import type { Database, Db, Tx } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { hashPassword, verifyPassword } from '../../lib/password';
import { checkPassword } from '../../lib/password-policy';
import type { ServiceContext } from '../context';
import {
  createCustomerForAccount,
  customerForUser,
  EmailVerificationRequiredError,
  findCustomerByEmail,
  recordMarketingConsent,
  updateOwnCustomerData,
} from '../customers';
import { queueEmail } from '../email';
import {
  AccountEmailTakenError,
  InvalidTokenError,
  NoCustomerRecordError,
  WrongCurrentPasswordError,
} from './account.errors';
import type { ProfileInput, RegisterInput } from './account.input';
import {
  consumeSignupRequest,
  consumeToken,
  countTokensSince,
  findAccountUser,
  findLatestSignupRequest,
  findUsableSignupRequest,
  findUsableToken,
  insertSignupRequest,
  insertUserToken,
  markEmailVerified,
  replaceSignupToken,
  updateUserName,
  updateUserPassword,
  voidTokens,
} from './account.queries';
import { findUserByEmail, insertUser } from './auth.queries';
import { accountKeyFor, assertLoginAllowed, recordLoginFailure } from './auth.service';
import { destroyUserSessions } from './sessions.queries';
import { hashToken, looksLikeToken, newToken } from './tokens';
import { WeakPasswordError } from './users.errors';
export const VERIFY_TOKEN_HOURS = 72;
export const RESET_TOKEN_MINUTES = 60;
/** At most this many reset e-mails per account and hour: the form cannot be used to flood a mailbox. */
const RESETS_PER_HOUR = 3;
/** A new verification e-mail at most this often. */
const VERIFY_RESEND_MINUTES = 2;

const verifyPath = (token: string) => `/cuenta/verificar/${token}/`;
export const resetPath = (token: string) => `/cuenta/recuperar/${token}/`;

async function issueVerification(
  trx: Tx,
  user: { id: number; email: string; name: string },
  ctx: ServiceContext,
  customerId: number | null,
) {
  const { token, tokenHash } = newToken();
  await insertUserToken(trx, {
    userId: user.id,
    purpose: 'email_verification',
    tokenHash,
    expiresAt: new Date(ctx.now.getTime() + VERIFY_TOKEN_HOURS * 3600_000),
    now: ctx.now,
  });
  await queueEmail(
    trx,
    {
      template: 'verify_email',
      to: user.email,
      data: { name: user.name, verifyPath: verifyPath(token) },
      privateLink: verifyPath(token),
      customerId,
    },
    ctx,
  );
}

/** A sign-up confirmation link lasts this long: long enough to find the e-mail the next day. */
export const SIGNUP_LINK_HOURS = 48;
/** At most one "you already have an account" e-mail per address in this many minutes. */
const EXISTING_ACCOUNT_NOTICE_MINUTES = 10;

const signupConfirmPath = (token: string) => `/cuenta/registro/confirmar/${token}/`;

/**
 * Sign-up answers the same whatever the address: no account exists until its owner confirms it
 * from the e-mail (confirmSignup), and an address that already has an account gets an e-mail that
 * says so instead (with links to log in or reset the password). So neither the page nor its
 * timing tells a visitor whether an address has an account or a customer record; the password is
 * hashed in both cases, before the transaction opens.
 * Throws WeakPasswordError.
 */
export async function requestSignup(database: Database, input: RegisterInput, ctx: ServiceContext) {
  const failure = checkPassword(input.password, { email: input.email, name: input.nombre });
  if (failure) throw new WeakPasswordError(failure);
  const passwordHash = await hashPassword(input.password);
  await inTransaction(database, async (trx) => {
    const existing = await findUserByEmail(trx, input.email);
    if (existing) {
      const window = Math.floor(ctx.now.getTime() / (EXISTING_ACCOUNT_NOTICE_MINUTES * 60_000));
      await queueEmail(
        trx,
        {
          template: 'signup_existing_account',
          to: existing.email,
          data: { name: existing.name || existing.email },
          dedupeKey: `signup-existing:${existing.id}:${window}`,
        },
        ctx,
      );
      return;
    }
    const { token, tokenHash } = newToken();
    await insertSignupRequest(trx, {
      email: input.email,
      name: input.nombre,
      phone: input.telefono,
      birthDate: input.fecha_nacimiento,
      comuna: input.comuna,
      rut: input.rut,
      passwordHash,
      nextPath: input.next || null,
      // The consent counts from when the ticked form was sent, not from the click on the e-mail.
      marketingConsentAt: input.novedades ? ctx.now.toISOString() : null,
      tokenHash,
      expiresAt: new Date(ctx.now.getTime() + SIGNUP_LINK_HOURS * 3600_000).toISOString(),
      createdAt: ctx.now.toISOString(),
    });
    await queueEmail(
      trx,
      {
        template: 'signup_confirmation',
        to: input.email,
        data: {
          name: input.nombre,
          confirmPath: signupConfirmPath(token),
          expiresInHours: SIGNUP_LINK_HOURS,
        },
        privateLink: signupConfirmPath(token),
      },
      ctx,
    );
  });
}

/** The pending sign-up a confirmation link belongs to, if it can still be used (GET shows the button). */
export async function findSignupRequest(db: Db, token: string, ctx: Pick<ServiceContext, 'now'>) {
  if (!looksLikeToken(token)) return undefined;
  return findUsableSignupRequest(db, hashToken(token), ctx.now);
}

/**
 * Confirms a sign-up from its e-mail link: creates the account (its address verified, since the
 * link proved the mailbox) and links it to the customer record with that address, or creates one;
 * the answer to the marketing opt-in given on the form is recorded on that customer.
 * Returns the new user and where the visitor was going. Throws InvalidTokenError for an unknown,
 * used or expired link, AccountEmailTakenError when the address got an account meanwhile.
 */
export async function confirmSignup(trx: Tx, token: string, ctx: ServiceContext) {
  const request = looksLikeToken(token)
    ? await consumeSignupRequest(trx, hashToken(token), ctx.now)
    : undefined;
  if (!request) throw new InvalidTokenError();
  if (await findUserByEmail(trx, request.email)) throw new AccountEmailTakenError();
  const now = ctx.now.toISOString();
  const userId = await insertUser(trx, {
    email: request.email,
    name: request.name,
    passwordHash: request.passwordHash,
    role: 'customer',
    emailVerifiedAt: now,
    createdAt: now,
  });
  const existing = await findCustomerByEmail(trx, request.email);
  if (!existing) {
    await createCustomerForAccount(
      trx,
      {
        fullName: request.name,
        email: request.email,
        phone: request.phone,
        birthDate: request.birthDate,
        comuna: request.comuna,
        rut: request.rut,
        userId,
      },
      ctx,
    );
  }
  const customer = await customerForUser(trx, userId, ctx);
  await recordMarketingConsent(trx, { customerId: customer.id, consentAt: request.marketingConsentAt }, ctx);
  await queueEmail(
    trx,
    {
      template: 'welcome',
      to: request.email,
      data: { name: request.name, verifyPath: null },
      customerId: customer.id,
    },
    ctx,
  );
  return { userId, next: request.nextPath };
}

/**
 * Uses an e-mail verification link: marks the address verified and links the account to the
 * customer record with that e-mail (or creates one). A customer already linked to another account
 * stays with it. Throws InvalidTokenError for an unknown, used or expired link.
 */
export async function verifyEmail(trx: Tx, token: string, ctx: ServiceContext) {
  const userId = looksLikeToken(token)
    ? await consumeToken(trx, hashToken(token), 'email_verification', ctx.now)
    : undefined;
  if (userId === undefined) throw new InvalidTokenError();
  await markEmailVerified(trx, userId, ctx.now);
  try {
    const customer = await customerForUser(trx, userId, ctx);
    return { userId, customerId: customer.id };
  } catch (error) {
    if (error instanceof EmailVerificationRequiredError) return { userId, customerId: null };
    throw error;
  }
}

/** Sends a new verification link unless the address is verified or one went out minutes ago. */
export async function resendVerification(
  trx: Tx,
  userId: number,
  ctx: ServiceContext,
): Promise<'sent' | 'already_verified' | 'too_soon'> {
  const user = await findAccountUser(trx, userId);
  if (!user) throw new InvalidTokenError();
  if (user.emailVerifiedAt) return 'already_verified';
  const since = new Date(ctx.now.getTime() - VERIFY_RESEND_MINUTES * 60_000);
  if ((await countTokensSince(trx, userId, 'email_verification', since)) > 0) return 'too_soon';
  await issueVerification(trx, user, ctx, null);
  return 'sent';
}

/**
 * Queues a password-reset link (single use, valid RESET_TOKEN_MINUTES) when an active account has
 * that e-mail. Returns nothing either way: the page says the same whether or not it exists.
 */
export async function requestPasswordReset(trx: Tx, email: string, ctx: ServiceContext): Promise<void> {
  const user = await findUserByEmail(trx, email);
  if (!user?.isActive) return;
  const hourAgo = new Date(ctx.now.getTime() - 3600_000);
  if ((await countTokensSince(trx, user.id, 'password_reset', hourAgo)) >= RESETS_PER_HOUR) return;
  await issuePasswordReset(trx, user, ctx);
}

export async function issuePasswordReset(
  trx: Tx,
  user: { id: number; email: string; name: string },
  ctx: ServiceContext,
): Promise<void> {
  const { token, tokenHash } = newToken();
  await insertUserToken(trx, {
    userId: user.id,
    purpose: 'password_reset',
    tokenHash,
    expiresAt: new Date(ctx.now.getTime() + RESET_TOKEN_MINUTES * 60_000),
    now: ctx.now,
  });
  await queueEmail(
    trx,
    {
      template: 'password_reset',
      to: user.email,
      data: {
        name: user.name || user.email,
        resetPath: resetPath(token),
        expiresInMinutes: RESET_TOKEN_MINUTES,
      },
      privateLink: resetPath(token),
    },
    ctx,
  );
}

/**
 * Staff pressed "Reenviar" on a password-reset or confirmation e-mail: the stored copy holds no
 * link (and its link was single-use), so a new link is issued to the same address and the older
 * reset links stop working. Returns what happened: 'sent', or why nothing was sent.
 */
export async function reissueAccessLink(
  trx: Tx,
  input: { template: string; email: string },
  ctx: ServiceContext,
): Promise<'sent' | 'no_account' | 'already_verified'> {
  if (input.template === 'signup_confirmation') {
    const pending = await findLatestSignupRequest(trx, input.email, ctx.now);
    if (!pending) return 'no_account';
    const { token, tokenHash } = newToken();
    const expiresAt = new Date(ctx.now.getTime() + SIGNUP_LINK_HOURS * 3600_000).toISOString();
    await replaceSignupToken(trx, pending.id, tokenHash, expiresAt);
    await queueEmail(
      trx,
      {
        template: 'signup_confirmation',
        to: input.email,
        data: {
          name: pending.name,
          confirmPath: signupConfirmPath(token),
          expiresInHours: SIGNUP_LINK_HOURS,
        },
        privateLink: signupConfirmPath(token),
      },
      ctx,
    );
    return 'sent';
  }
  const user = await findUserByEmail(trx, input.email);
  if (!user?.isActive) return 'no_account';
  if (input.template === 'verify_email') {
    const account = await findAccountUser(trx, user.id);
    if (!account || account.emailVerifiedAt) return 'already_verified';
    await issueVerification(trx, account, ctx, null);
    return 'sent';
  }
  await voidTokens(trx, user.id, 'password_reset', ctx.now);
  await issuePasswordReset(trx, { id: user.id, email: user.email, name: user.name || user.email }, ctx);
  return 'sent';
}

/** The account a reset link belongs to, if the link can still be used (GET shows the form). */
export async function findResetAccount(database: Database, token: string, ctx: Pick<ServiceContext, 'now'>) {
  if (!looksLikeToken(token)) return undefined;
  return findUsableToken(database.db, hashToken(token), 'password_reset', ctx.now);
}

/**
 * Sets a new password from a reset link: uses the link (once), voids the account's other reset
 * links, marks the e-mail verified (the link proved the mailbox) and ends every session of the
 * account. Throws InvalidTokenError, WeakPasswordError.
 */
export async function resetPassword(
  database: Database,
  input: { token: string; password: string },
  ctx: ServiceContext,
) {
  const account = await findResetAccount(database, input.token, ctx);
  if (!account) throw new InvalidTokenError();
  const failure = checkPassword(input.password, {
    email: account.email,
    name: account.name,
    username: account.username ?? undefined,
  });
  if (failure) throw new WeakPasswordError(failure);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(database, async (trx) => {
    const userId = await consumeToken(trx, hashToken(input.token), 'password_reset', ctx.now);
    if (userId === undefined) throw new InvalidTokenError();
    await updateUserPassword(trx, userId, passwordHash);
    await voidTokens(trx, userId, 'password_reset', ctx.now);
    await markEmailVerified(trx, userId, ctx.now);
    await destroyUserSessions(trx, userId);
    return { userId };
  });
}

/**
 * Changes the password of a logged-in user who knows the current one. Wrong current passwords
 * count as failed logins (the same limit), so this form cannot be used to guess it. Ends the
 * account's other sessions. Throws TooManyLoginAttemptsError, WrongCurrentPasswordError,
 * WeakPasswordError.
 */
export async function changePassword(
  database: Database,
  input: { userId: number; currentPassword: string; password: string; sessionId: string; ip: string },
  ctx: ServiceContext,
) {
  const user = await findAccountUser(database.db, input.userId);
  if (!user) throw new WrongCurrentPasswordError();
  const key = { accountKey: accountKeyFor(user.id, user.email), ip: input.ip, deviceId: null };
  await assertLoginAllowed(database.db, key, ctx);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await recordLoginFailure(database.db, key, ctx);
    throw new WrongCurrentPasswordError();
  }
  const failure = checkPassword(input.password, {
    email: user.email,
    name: user.name,
    username: user.username ?? undefined,
  });
  if (failure) throw new WeakPasswordError(failure);
  const passwordHash = await hashPassword(input.password);
  await inTransaction(database, async (trx) => {
    await updateUserPassword(trx, user.id, passwordHash);
    await voidTokens(trx, user.id, 'password_reset', ctx.now);
    await destroyUserSessions(trx, user.id, input.sessionId);
  });
}

/**
 * Saves the customer's own data (name, phone, birth date, comuna, RUT, the marketing opt-in) and
 * the account's name.
 * The e-mail is not editable here: it is the account's identity and its link to the customer.
 * Throws NoCustomerRecordError when the account has no customer record of its own.
 */
export async function updateProfile(
  trx: Tx,
  input: { userId: number; customerId: number | null; data: ProfileInput },
  ctx: ServiceContext,
) {
  const d = input.data;
  const saved =
    input.customerId !== null &&
    (await updateOwnCustomerData(
      trx,
      {
        customerId: input.customerId,
        userId: input.userId,
        fullName: d.nombre,
        phone: d.telefono,
        birthDate: d.fecha_nacimiento,
        comuna: d.comuna,
        rut: d.rut,
        wantsMarketing: d.novedades,
      },
      ctx,
    ));
  if (!saved) throw new NoCustomerRecordError();
  await updateUserName(trx, input.userId, d.nombre);
}
