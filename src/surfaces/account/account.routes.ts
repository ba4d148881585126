import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../db/transaction';
import { mergeSessionCartIntoCustomer } from '../../domain/cart';
import { mayReceiveMarketing } from '../../domain/customers';
import {
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
  updateProfile,
  verifyEmail,
} from '../../domain/users';
import { logIn, logOut } from '../../http/auth-session';
import { serviceContext } from '../../http/context';
import { rememberTrustedDevice } from '../../http/device-cookie';
import { requireUser, safeLocalPath } from '../../http/guards';
import { form, localPath, tokenParams } from '../../http/routes';
import { santiagoDate } from '../../lib/dates';
import { InvalidLinkPage } from '../../ui/invalid-link.page';
import { loadProfile } from './profile';
import { ConfirmSignupPage, ResetSentPage, SignupSentPage } from './views/message.page';
import { NewPasswordPage } from './views/new-password.page';
import { ProfilePage } from './views/profile.page';
import { ProfileEditPage } from './views/profile-edit.page';
import { RegisterPage } from './views/register.page';
import { ResetRequestPage } from './views/reset-request.page';
import { VerifyEmailPage } from './views/verify.page';

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

const renewReset = () => ({ href: '/cuenta/recuperar/', label: 'Pedir un enlace nuevo' });
const renewSignup = () => ({ href: '/cuenta/registro/', label: 'Volver a registrarme' });
const renewVerification = (request: FastifyRequest) =>
  request.user
    ? { href: '/cuenta/perfil/', label: 'Ir a mi cuenta para pedir otro' }
    : { href: '/login/?next=%2Fcuenta%2Fperfil%2F', label: 'Inicia sesión para pedir otro' };

/** The password form of a reset link: who it is for, read again from the link. */
async function resetPasswordPage(
  request: FastifyRequest<{ Params: { token: string } }>,
  reply: FastifyReply,
  errors: Record<string, string>,
) {
  const { token } = request.params;
  const account = await findResetAccount(request.server.deps.database, token, serviceContext(request));
  // Shown again after a form error too, so an expired link is answered here rather than thrown.
  if (!account) return reply.page(InvalidLinkPage, { again: renewReset() }, 410);
  return reply.page(NewPasswordPage, {
    action: `/cuenta/recuperar/${encodeURIComponent(token)}/`,
    askCurrent: false,
    errors,
    identity: { email: account.email, name: account.name },
  });
}

function changePasswordPage(request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>) {
  const user = request.user!;
  return reply.page(NewPasswordPage, {
    action: '/cuenta/password/',
    askCurrent: true,
    errors,
    identity: { email: user.email, name: user.name },
  });
}

/** Sign-up, e-mail verification, password reset and change, and the customer's profile (/cuenta/...). */
export async function accountRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  const today = () => santiagoDate(app.deps.clock());

  app.get(
    '/cuenta/registro/',
    { schema: { querystring: z.object({ next: localPath }) } },
    async (request, reply) => {
      if (request.user) return reply.redirect('/cuenta/perfil/', 303);
      return reply.page(RegisterPage, { values: { next: request.query.next }, errors: {} });
    },
  );

  app.post(
    '/cuenta/registro/',
    {
      schema: { body: registerForm(today) },
      config: {
        rateLimit: RATE_LIMITS.signup,
        invalidForm: (_request, reply, { values, errors }) => reply.page(RegisterPage, { values, errors }),
      },
    },
    async (request, reply) => {
      const data = { ...request.body, next: safeLocalPath(request.body.next) ?? '' };
      await requestSignup(database, data, serviceContext(request));
      // The same page whether or not the address already had an account: the e-mail tells its owner.
      request.flash('info', `Te enviamos un correo a ${data.email}.`);
      return reply.redirect('/cuenta/registro/enviado/', 303);
    },
  );

  app.get('/cuenta/registro/enviado/', async (_request, reply) => reply.page(SignupSentPage, {}));

  app.get(
    '/cuenta/registro/confirmar/:token/',
    { schema: { params: tokenParams }, config: { renewLink: renewSignup } },
    async (request, reply) => {
      const { token } = request.params;
      const pending = await findSignupRequest(database.db, token, serviceContext(request));
      if (!pending) throw new InvalidTokenError();
      return reply.page(ConfirmSignupPage, {
        action: `/cuenta/registro/confirmar/${encodeURIComponent(token)}/`,
        name: pending.name,
        email: pending.email,
      });
    },
  );

  app.post(
    '/cuenta/registro/confirmar/:token/',
    {
      schema: { params: tokenParams },
      config: { rateLimit: RATE_LIMITS.links, renewLink: renewSignup, errorRedirect: () => '/login/' },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const confirmed = await inTransaction(database, (trx) => confirmSignup(trx, request.params.token, ctx));
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

  app.get('/cuenta/verificar/:token/', { schema: { params: tokenParams } }, async (request, reply) =>
    reply.page(VerifyEmailPage, { token: encodeURIComponent(request.params.token) }),
  );

  app.post(
    '/cuenta/verificar/:token/',
    {
      schema: { params: tokenParams },
      config: { rateLimit: RATE_LIMITS.links, renewLink: renewVerification },
    },
    async (request, reply) => {
      await inTransaction(database, (trx) => verifyEmail(trx, request.params.token, serviceContext(request)));
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
    {
      schema: { body: resetRequestForm },
      config: {
        rateLimit: RATE_LIMITS.resetRequest,
        invalidForm: (_request, reply, { values, errors }) =>
          reply.page(ResetRequestPage, { values, errors }),
      },
    },
    async (request, reply) => {
      await inTransaction(database, (trx) =>
        requestPasswordReset(trx, request.body.email, serviceContext(request)),
      );
      return reply.redirect('/cuenta/recuperar/enviado/', 303);
    },
  );

  app.get('/cuenta/recuperar/enviado/', async (_request, reply) => reply.page(ResetSentPage, {}));

  app.get(
    '/cuenta/recuperar/:token/',
    { schema: { params: tokenParams }, config: { renewLink: renewReset } },
    async (request, reply) => resetPasswordPage(request, reply, {}),
  );

  app.post(
    '/cuenta/recuperar/:token/',
    {
      schema: { params: tokenParams, body: newPasswordForm },
      config: {
        renewLink: renewReset,
        invalidForm: (request, reply, { errors }) =>
          resetPasswordPage(request as FastifyRequest<{ Params: { token: string } }>, reply, errors),
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      await resetPassword(database, { token, password: request.body.password }, serviceContext(request));
      // Every session of the account ended, this one included if it was the account's.
      await logOut(request);
      return reply.flashRedirect(
        '/login/',
        'success',
        'Tu contraseña fue actualizada. Ya puedes iniciar sesión con ella.',
      );
    },
  );

  app.get('/cuenta/password/', { onRequest: requireUser }, async (request, reply) =>
    changePasswordPage(request, reply, {}),
  );

  app.post(
    '/cuenta/password/',
    {
      onRequest: requireUser,
      ...form({ body: changePasswordForm }, (request, reply, { errors }) =>
        changePasswordPage(request, reply, errors),
      ),
    },
    async (request, reply) => {
      const user = request.user!;
      await changePassword(
        database,
        {
          userId: user.id,
          currentPassword: request.body.password_actual,
          password: request.body.password,
          sessionId: request.session.sessionId,
          ip: request.ip,
        },
        serviceContext(request),
      );
      await logIn(request, user.id);
      return reply.flashRedirect(
        '/cuenta/perfil/',
        'success',
        'Tu contraseña fue cambiada. Cerramos tus otras sesiones.',
      );
    },
  );

  app.get('/cuenta/perfil/', { onRequest: requireUser }, async (request, reply) => {
    const profile = await loadProfile(database.db, request.user!.id, app.deps.clock());
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
        novedades: mayReceiveMarketing({ isMarketingOptOut: account.isMarketingOptOut ?? false }) ? '1' : '',
      },
      errors: {},
    });
  });

  app.post(
    '/cuenta/perfil/editar/',
    {
      onRequest: requireUser,
      schema: { body: profileForm(today) },
      config: {
        errorRedirect: () => '/cuenta/perfil/',
        invalidForm: (request, reply, { values, errors }) =>
          reply.page(ProfileEditPage, { email: request.user!.email, values, errors }),
      },
    },
    async (request, reply) => {
      const user = request.user!;
      await inTransaction(database, (trx) =>
        updateProfile(
          trx,
          { userId: user.id, customerId: user.customerId, data: request.body },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect('/cuenta/perfil/', 'success', 'Guardamos tus datos.');
    },
  );
}
