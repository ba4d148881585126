import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTransaction } from '../../db/transaction';
import { mergeSessionCartIntoCustomer } from '../../domain/cart';
import {
  AccountEmailTakenError,
  changePassword,
  changePasswordForm,
  confirmSignup,
  findProfileAccount,
  findResetAccount,
  findSignupRequest,
  InvalidTokenError,
  newPasswordForm,
  profileForm,
  registerForm,
  requestPasswordReset,
  requestSignup,
  resendVerification,
  resetPassword,
  resetRequestForm,
  TooManyLoginAttemptsError,
  updateProfile,
  verifyEmail,
} from '../../domain/users';
import { logIn, logOut } from '../../http/auth-session';
import { serviceContext } from '../../http/context';
import { rememberTrustedDevice } from '../../http/device-cookie';
import { formValues, parseForm } from '../../http/forms';
import { requireUser, safeLocalPath } from '../../http/guards';
import { santiagoDate } from '../../lib/dates';
import { ValidationError } from '../../lib/errors';
import { loadProfile } from './profile';
import { ConfirmSignupPage, InvalidLinkPage, ResetSentPage, SignupSentPage } from './views/message.page';
import { NewPasswordPage } from './views/new-password.page';
import { ProfilePage } from './views/profile.page';
import { ProfileEditPage } from './views/profile-edit.page';
import { RegisterPage } from './views/register.page';
import { ResetRequestPage } from './views/reset-request.page';
import { VerifyEmailPage } from './views/verify.page';

type TokenParams = { Params: { token: string } };

const NEW_RESET_LINK = { href: '/cuenta/recuperar/', label: 'Pedir un enlace nuevo' };
const NEW_SIGNUP_LINK = { href: '/cuenta/registro/', label: 'Volver a registrarme' };

/**
 * Requests per address in ten minutes on the forms that send e-mail or check a link (in memory, per
 * process: they stop one client flooding a mailbox or guessing links, not a determined botnet).
 * Logins have their own limits in the database (auth.service.ts).
 */
export const RATE_LIMITS = {
  signup: { max: 20, timeWindow: '10 minutes' },
  resetRequest: { max: 20, timeWindow: '10 minutes' },
  links: { max: 30, timeWindow: '10 minutes' },
} as const;

function invalidLinkPage(reply: FastifyReply, again = NEW_RESET_LINK) {
  return reply.page(InvalidLinkPage, { again }, 410);
}

const today = (request: FastifyRequest) => santiagoDate(request.server.deps.clock());

/** Sign-up, e-mail verification, password reset and change, and the customer's profile (/cuenta/...). */
export async function accountRoutes(app: FastifyInstance) {
  const { database } = app.deps;

  app.get<{ Querystring: { next?: string } }>('/cuenta/registro/', async (request, reply) => {
    if (request.user) return reply.redirect('/cuenta/perfil/', 303);
    return reply.page(RegisterPage, {
      values: { next: safeLocalPath(request.query.next) ?? undefined },
      errors: {},
    });
  });

  app.post('/cuenta/registro/', { config: { rateLimit: RATE_LIMITS.signup } }, async (request, reply) => {
    const form = parseForm(registerForm(today(request)), request.body);
    if (!form.ok) return reply.page(RegisterPage, { values: form.values, errors: form.errors }, 422);
    try {
      await requestSignup(
        database,
        { ...form.data, next: safeLocalPath(form.data.next) ?? '' },
        serviceContext(request),
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.page(RegisterPage, { values: formValues(request.body), errors: error.fields }, 422);
    }
    // The same page whether or not the address already had an account: the e-mail tells its owner.
    request.flash('info', `Te enviamos un correo a ${form.data.email}.`);
    return reply.redirect('/cuenta/registro/enviado/', 303);
  });

  app.get('/cuenta/registro/enviado/', async (_request, reply) => reply.page(SignupSentPage, {}));

  app.get<TokenParams>('/cuenta/registro/confirmar/:token/', async (request, reply) => {
    const pending = await findSignupRequest(database.db, request.params.token, serviceContext(request));
    if (!pending) return invalidLinkPage(reply, NEW_SIGNUP_LINK);
    return reply.page(ConfirmSignupPage, {
      action: `/cuenta/registro/confirmar/${encodeURIComponent(request.params.token)}/`,
      name: pending.name,
      email: pending.email,
    });
  });

  app.post<TokenParams>(
    '/cuenta/registro/confirmar/:token/',
    { config: { rateLimit: RATE_LIMITS.links } },
    async (request, reply) => {
      const ctx = serviceContext(request);
      let confirmed: { userId: number; next: string | null };
      try {
        confirmed = await inTransaction(database, (trx) => confirmSignup(trx, request.params.token, ctx));
      } catch (error) {
        if (error instanceof InvalidTokenError) return invalidLinkPage(reply, NEW_SIGNUP_LINK);
        if (error instanceof AccountEmailTakenError)
          return reply.flashRedirect(
            '/login/',
            'info',
            'Ya tienes una cuenta con ese correo: inicia sesión.',
          );
        throw error;
      }
      // The anonymous cart joins the new account before the session id changes.
      await inTransaction(database, (trx) =>
        mergeSessionCartIntoCustomer(trx, request.session.sessionId, confirmed.userId, ctx),
      );
      await logIn(request, confirmed.userId);
      rememberTrustedDevice(request, reply, confirmed.userId);
      return reply.flashRedirect(
        safeLocalPath(confirmed.next) ?? '/',
        'success',
        '¡Listo! Tu cuenta está activa. Te damos la bienvenida a TMM.',
      );
    },
  );

  app.post(
    '/cuenta/verificar/reenviar/',
    { onRequest: requireUser, config: { rateLimit: RATE_LIMITS.links } },
    async (request, reply) => {
      const result = await inTransaction(database, (trx) =>
        resendVerification(trx, request.user!.id, serviceContext(request)),
      );
      const messages = {
        sent: ['success', 'Te enviamos un nuevo correo de verificación.'],
        already_verified: ['info', 'Tu correo ya está confirmado.'],
        too_soon: [
          'info',
          'Te enviamos un correo hace un momento: revisa tu bandeja de entrada y la carpeta de spam.',
        ],
      } as const;
      const [kind, message] = messages[result];
      return reply.flashRedirect('/cuenta/perfil/', kind, message);
    },
  );

  app.get<TokenParams>('/cuenta/verificar/:token/', async (request, reply) =>
    reply.page(VerifyEmailPage, { token: encodeURIComponent(request.params.token) }),
  );

  app.post<TokenParams>(
    '/cuenta/verificar/:token/',
    { config: { rateLimit: RATE_LIMITS.links } },
    async (request, reply) => {
      try {
        await inTransaction(database, (trx) =>
          verifyEmail(trx, request.params.token, serviceContext(request)),
        );
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) throw error;
        return invalidLinkPage(
          reply,
          request.user
            ? { href: '/cuenta/perfil/', label: 'Ir a mi perfil para pedir otro' }
            : { href: '/login/?next=%2Fcuenta%2Fperfil%2F', label: 'Inicia sesión para pedir otro' },
        );
      }
      return reply.flashRedirect(
        request.user ? '/cuenta/perfil/' : '/login/',
        'success',
        '¡Gracias! Tu correo quedó confirmado.',
      );
    },
  );

  app.get('/cuenta/recuperar/', async (_request, reply) =>
    reply.page(ResetRequestPage, { values: {}, errors: {} }),
  );

  app.post(
    '/cuenta/recuperar/',
    { config: { rateLimit: RATE_LIMITS.resetRequest } },
    async (request, reply) => {
      const form = parseForm(resetRequestForm, request.body);
      if (!form.ok) return reply.page(ResetRequestPage, { values: form.values, errors: form.errors }, 422);
      await inTransaction(database, (trx) =>
        requestPasswordReset(trx, form.data.email, serviceContext(request)),
      );
      return reply.redirect('/cuenta/recuperar/enviado/', 303);
    },
  );

  app.get('/cuenta/recuperar/enviado/', async (_request, reply) => reply.page(ResetSentPage, {}));

  app.get<TokenParams>('/cuenta/recuperar/:token/', async (request, reply) => {
    const account = await findResetAccount(database, request.params.token, serviceContext(request));
    if (!account) return invalidLinkPage(reply);
    return reply.page(NewPasswordPage, {
      action: `/cuenta/recuperar/${request.params.token}/`,
      askCurrent: false,
      errors: {},
      identity: { email: account.email, name: account.name },
    });
  });

  app.post<TokenParams>('/cuenta/recuperar/:token/', async (request, reply) => {
    const { token } = request.params;
    const page = async (errors: Record<string, string>) => {
      const account = await findResetAccount(database, token, serviceContext(request));
      if (!account) return invalidLinkPage(reply);
      return reply.page(
        NewPasswordPage,
        {
          action: `/cuenta/recuperar/${token}/`,
          askCurrent: false,
          errors,
          identity: { email: account.email, name: account.name },
        },
        422,
      );
    };
    const form = parseForm(newPasswordForm, request.body);
    if (!form.ok) return page(form.errors);
    try {
      await resetPassword(database, { token, password: form.data.password }, serviceContext(request));
    } catch (error) {
      if (error instanceof ValidationError) return page(error.fields);
      if (error instanceof InvalidTokenError) return invalidLinkPage(reply);
      throw error;
    }
    // Every session of the account ended, this one included if it was the account's.
    await logOut(request);
    return reply.flashRedirect(
      '/login/',
      'success',
      'Tu contraseña fue actualizada. Ya puedes iniciar sesión con ella.',
    );
  });

  app.get('/cuenta/password/', { onRequest: requireUser }, async (request, reply) =>
    reply.page(NewPasswordPage, {
      action: '/cuenta/password/',
      askCurrent: true,
      errors: {},
      identity: { email: request.user!.email, name: request.user!.name },
    }),
  );

  app.post('/cuenta/password/', { onRequest: requireUser }, async (request, reply) => {
    const user = request.user!;
    const page = (errors: Record<string, string>, status: number) =>
      reply.page(
        NewPasswordPage,
        {
          action: '/cuenta/password/',
          askCurrent: true,
          errors,
          identity: { email: user.email, name: user.name },
        },
        status,
      );
    const form = parseForm(changePasswordForm, request.body);
    if (!form.ok) return page(form.errors, 422);
    try {
      await changePassword(
        database,
        {
          userId: user.id,
          currentPassword: form.data.password_actual,
          password: form.data.password,
          sessionId: request.session.sessionId,
          ip: request.ip,
        },
        serviceContext(request),
      );
    } catch (error) {
      if (error instanceof TooManyLoginAttemptsError) {
        reply.header('retry-after', String(error.retryAfterSeconds));
        return page({ password_actual: error.message }, 429);
      }
      if (error instanceof ValidationError) return page(error.fields, 422);
      throw error;
    }
    await logIn(request, user.id);
    return reply.flashRedirect(
      '/cuenta/perfil/',
      'success',
      'Tu contraseña fue cambiada. Cerramos tus otras sesiones.',
    );
  });

  app.get('/cuenta/perfil/', { onRequest: requireUser }, async (request, reply) => {
    const profile = await loadProfile(database.db, request.user!.id, request.server.deps.clock());
    if (!profile) return requireUser(request, reply);
    return reply.page(ProfilePage, profile);
  });

  app.get('/cuenta/perfil/editar/', { onRequest: requireUser }, async (request, reply) => {
    const account = await findProfileAccount(database.db, request.user!.id);
    if (!account?.customerId)
      return reply.flashRedirect(
        '/cuenta/perfil/',
        'warning',
        'Confirma tu correo para completar tus datos.',
      );
    return reply.page(ProfileEditPage, {
      email: account.email,
      values: {
        nombre: account.fullName,
        telefono: account.phone,
        fecha_nacimiento: account.birthDate,
        comuna: account.comuna,
        rut: account.rut,
      },
      errors: {},
    });
  });

  const toProfile = { errorRedirect: () => '/cuenta/perfil/' };
  app.post(
    '/cuenta/perfil/editar/',
    { onRequest: requireUser, config: toProfile },
    async (request, reply) => {
      const user = request.user!;
      const form = parseForm(profileForm(today(request)), request.body);
      if (!form.ok)
        return reply.page(
          ProfileEditPage,
          { email: user.email, values: form.values, errors: form.errors },
          422,
        );
      await inTransaction(database, (trx) =>
        updateProfile(
          trx,
          { userId: user.id, customerId: user.customerId, data: form.data },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect('/cuenta/perfil/', 'success', 'Guardamos tus datos.');
    },
  );
}
