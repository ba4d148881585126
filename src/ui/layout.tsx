import type { ComponentChildren } from 'preact';
import { CsrfField, FlashMessages } from './components';
import { isStaff, type PageContext } from './context';

type LayoutProps = {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Extra scripts from /static (no inline script: the CSP forbids it). */
  scripts?: string[];
  description?: string;
};

const NAV = [
  { href: '/', label: 'Inicio' },
  { href: '/talleres/', label: 'Talleres' },
  { href: '/productos/', label: 'Kits' },
];

export function Layout({ ctx, title, children, scripts = [], description }: LayoutProps) {
  const { user } = ctx;
  const current = (href: string) =>
    href === '/' ? ctx.path === '/' : ctx.path.startsWith(href) ? 'page' : undefined;
  return (
    <html lang="es-CL">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · TMM Bienestar y Conexión`}</title>
        <meta
          name="description"
          content={
            description ??
            'Talleres de manualidades y mindfulness en Valparaíso: resina, encuadernación, timbres y bienestar.'
          }
        />
        <link rel="stylesheet" href="/static/css/app.css" />
        <link rel="icon" href="/static/img/logo.svg" type="image/svg+xml" />
        <script src="/static/js/app.js" defer />
        {scripts.map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#contenido">
          Saltar al contenido
        </a>
        <header class="site-header">
          <div class="container header-inner">
            <a class="brand" href="/">
              <img src="/static/img/logo.svg" alt="" width="40" height="40" />
              <span>
                <strong>TMM</strong>
                <small>Bienestar y Conexión</small>
              </span>
            </a>
            <nav class="main-nav" aria-label="Principal">
              {NAV.map((item) => (
                <a href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
                  {item.label}
                </a>
              ))}
              <a href="/carrito/" class="cart-link" aria-current={current('/carrito/') ? 'page' : undefined}>
                Carrito
              </a>
            </nav>
            <div class="account-nav">
              {user ? (
                <>
                  {isStaff(user) && (
                    <a href="/gestion/" class="staff-link">
                      Gestión
                    </a>
                  )}
                  <a href="/cuenta/perfil/" data-test="profile-link">
                    Hola, {user.name.split(' ')[0] || user.username || user.email}
                  </a>
                  <form method="post" action="/logout/" class="inline-form">
                    <CsrfField token={ctx.csrfToken} />
                    <button type="submit" class="link-button">
                      Cerrar sesión
                    </button>
                  </form>
                </>
              ) : (
                <>
                  <a href={`/login/?next=${encodeURIComponent(ctx.path)}`} data-test="login-link">
                    Iniciar Sesión
                  </a>
                  <a href="/cuenta/registro/" class="button button-small" data-test="register-link">
                    Registrarse
                  </a>
                </>
              )}
            </div>
          </div>
        </header>
        <main id="contenido" class="container">
          <FlashMessages flash={ctx.flash} />
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>
              © {ctx.year} TMM Bienestar y Conexión — Valparaíso, Chile ·{' '}
              <a href="mailto:tmmbienestaryconexion@gmail.com">tmmbienestaryconexion@gmail.com</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
