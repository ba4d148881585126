import type { Template } from './content';

export const welcome: Template<'welcome'> = (d, url) => ({
  subject: 'Bienvenida a TMM',
  preheader: 'Tu cuenta quedó creada: ya puedes inscribirte en talleres y comprar kits.',
  heading: '¡Bienvenido(a) a TMM!',
  greeting: `¡Hola, ${d.name}!`,
  blocks: [
    {
      kind: 'paragraph',
      text: 'Tu cuenta en TMM Bienestar y Conexión quedó creada. Ya puedes inscribirte en talleres, comprar kits y ver tus inscripciones en «Mi cuenta».',
    },
    d.verifyPath ? { kind: 'paragraph', text: 'Antes de empezar, confirma que este correo es tuyo:' } : null,
    d.verifyPath
      ? { kind: 'button', label: 'Confirmar mi correo', href: url(d.verifyPath) }
      : { kind: 'button', label: 'Ver talleres', href: url('/talleres/') },
    { kind: 'link', label: 'Mi cuenta', href: url('/cuenta/perfil/') },
  ],
});

export const verifyEmail: Template<'verify_email'> = (d, url) => ({
  subject: 'Confirma tu correo',
  preheader: 'Un clic para confirmar que este correo es tuyo.',
  heading: 'Confirma tu correo',
  greeting: `Hola, ${d.name}`,
  blocks: [
    { kind: 'paragraph', text: 'Para proteger tu cuenta, confirma que este correo es tuyo.' },
    { kind: 'button', label: 'Confirmar mi correo', href: url(d.verifyPath) },
    { kind: 'note', text: 'Si no creaste una cuenta en TMM, puedes ignorar este correo.' },
  ],
});

export const signupConfirmation: Template<'signup_confirmation'> = (d, url) => ({
  subject: 'Confirma tu correo para crear tu cuenta',
  preheader: 'Un clic y tu cuenta TMM queda lista.',
  heading: 'Activa tu cuenta',
  greeting: `Hola, ${d.name}`,
  blocks: [
    {
      kind: 'paragraph',
      text: `Para terminar de crear tu cuenta en TMM, confirma que este correo es tuyo. El enlace sirve una sola vez y vence en ${d.expiresInHours} horas.`,
    },
    { kind: 'button', label: 'Activar mi cuenta', href: url(d.confirmPath) },
    { kind: 'note', text: 'Si no creaste una cuenta en TMM, ignora este correo: no se creará nada.' },
  ],
});

export const signupExistingAccount: Template<'signup_existing_account'> = (d, url) => ({
  subject: 'Ya tienes una cuenta en TMM',
  preheader: 'Alguien intentó registrarse con tu correo.',
  heading: 'Ya tienes una cuenta',
  greeting: `Hola, ${d.name}`,
  blocks: [
    {
      kind: 'paragraph',
      text: 'Alguien (quizás tú) intentó crear una cuenta en TMM con este correo, pero ya tienes una. No cambiamos nada.',
    },
    { kind: 'button', label: 'Iniciar sesión', href: url('/login/') },
    { kind: 'link', label: '¿Olvidaste tu contraseña? Elige una nueva', href: url('/cuenta/recuperar/') },
    { kind: 'note', text: 'Si no fuiste tú, puedes ignorar este correo: tu cuenta sigue igual.' },
  ],
});

export const passwordReset: Template<'password_reset'> = (d, url) => ({
  subject: 'Recupera tu contraseña',
  preheader: `El enlace vence en ${d.expiresInMinutes} minutos.`,
  heading: 'Recupera tu contraseña',
  greeting: `Hola, ${d.name}`,
  blocks: [
    {
      kind: 'paragraph',
      text: `Recibimos una solicitud para cambiar tu contraseña. El enlace sirve una sola vez y vence en ${d.expiresInMinutes} minutos.`,
    },
    { kind: 'button', label: 'Elegir una contraseña nueva', href: url(d.resetPath) },
    { kind: 'note', text: 'Si no fuiste tú, ignora este correo: tu contraseña no cambia.' },
  ],
});
