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
  /** The back office: header, content and footer use the screen's whole width (app.css, "Back office"). */
  wide?: boolean;
};

const NAV = [
  { href: '/', label: 'Inicio' },
  { href: '/talleres/', label: 'Talleres' },
  { href: '/productos/', label: 'Kits' },
  { href: '/carrito/', label: 'Carrito' },
];

export function Layout({ ctx, title, children, scripts = [], description, wide }: LayoutProps) {
  const { user } = ctx;
  const current = (href: string) =>
    (href === '/' ? ctx.path === '/' : ctx.path.startsWith(href)) ? 'page' : undefined;
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
      <body class={wide ? 'layout-wide' : undefined}>
        <a class="skip-link" href="#contenido">
          Saltar al contenido
        </a>
        <header class="site-header">
          <div class="container header-inner">
            <a class="brand" href="/">
              <img src="/static/img/logo.svg" alt="" width="36" height="36" />
              <span>
                <strong>TMM</strong>
                <small>Bienestar y Conexión</small>
              </span>
            </a>
            <nav class="main-nav" aria-label="Principal">
              {NAV.map((item) => (
                <a href={item.href} aria-current={current(item.href)}>
                  {item.label}
                </a>
              ))}
            </nav>
            <nav class="account-nav" aria-label="Tu cuenta">
              {user ? (
                <>
                  {isStaff(user) && (
                    <a href="/gestion/" class="staff-link" aria-current={current('/gestion/')}>
                      Gestión
                    </a>
                  )}
                  {user.role === 'facilitator' && (
                    <a
                      href="/gestion/mis-sesiones/"
                      class="staff-link"
                      aria-current={current('/gestion/mis-sesiones/')}
                    >
                      Mis sesiones
                    </a>
                  )}
                  <span class="greeting" data-test="greeting">
                    Hola, {user.name.split(' ')[0] || user.username || user.email}
                  </span>
                  <a
                    href="/cuenta/perfil/"
                    class="account-link"
                    data-test="profile-link"
                    aria-current={current('/cuenta/')}
                  >
                    Mi cuenta
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
                    Iniciar sesión
                  </a>
                  <a href="/cuenta/registro/" class="button button-small" data-test="register-link">
                    Crear cuenta
                  </a>
                </>
              )}
            </nav>
          </div>
        </header>
        <main id="contenido" class="container">
          <FlashMessages flash={ctx.flash} />
          {children}
        </main>
        <SiteFooter ctx={ctx} />
      </body>
    </html>
  );
}

function SiteFooter({ ctx }: { ctx: PageContext }) {
  const { centre } = ctx;
  return (
    <footer class="site-footer">
      <div class="container">
        <div class="footer-grid">
          <section aria-labelledby="footer-centro">
            <h2 id="footer-centro">{centre.name}</h2>
            <p>Talleres de manualidades y mindfulness, presenciales y online.</p>
            <address data-test="footer-address">{centre.address}</address>
          </section>
          <section aria-labelledby="footer-contacto">
            <h2 id="footer-contacto">Contacto</h2>
            <ul>
              <li>
                <a href={centre.whatsapp.href} rel="noopener" data-test="footer-whatsapp">
                  WhatsApp {centre.whatsapp.label}
                </a>
              </li>
              <li>
                <a href={centre.instagram.href} rel="noopener" data-test="footer-instagram">
                  Instagram {centre.instagram.label}
                </a>
              </li>
              <li>
                <a href={`mailto:${centre.email}`}>{centre.email}</a>
              </li>
            </ul>
          </section>
          <nav aria-labelledby="footer-legal">
            <h2 id="footer-legal">Información legal</h2>
            <ul>
              <li>
                <a href="/terminos/" data-test="footer-terms">
                  Términos y condiciones
                </a>
              </li>
              <li>
                <a href="/privacidad/" data-test="footer-privacy">
                  Política de privacidad
                </a>
              </li>
            </ul>
          </nav>
        </div>
        <p class="footer-bottom">
          © {ctx.year} {centre.name} · Valparaíso, Chile
        </p>
      </div>
    </footer>
  );
}
