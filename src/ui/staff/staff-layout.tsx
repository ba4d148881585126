import type { ComponentChildren } from 'preact';
import type { PageContext } from '../context';
import { Layout } from '../layout';

type NavItem = { href: string; label: string; adminOnly?: boolean };

/** The back-office menu, in the order staff use it. Pages built by other features are linked here. */
export const STAFF_NAV: NavItem[] = [
  { href: '/gestion/', label: 'Panel' },
  { href: '/gestion/clientes/', label: 'Clientes' },
  { href: '/gestion/empresas/', label: 'Empresas' },
  { href: '/gestion/intereses/', label: 'Intereses' },
  { href: '/gestion/talleres/', label: 'Talleres' },
  { href: '/gestion/deudores/', label: 'Deudores' },
  { href: '/gestion/devoluciones/', label: 'Devoluciones' },
  { href: '/gestion/inscripciones/', label: 'Inscripciones' },
  { href: '/gestion/pagos/', label: 'Pagos' },
  { href: '/gestion/pagos-en-linea/', label: 'Pagos en línea' },
  { href: '/gestion/productos/', label: 'Productos' },
  { href: '/gestion/ventas/', label: 'Ventas' },
  { href: '/gestion/despachos/', label: 'Despachos' },
  { href: '/gestion/correos/', label: 'Correos' },
  { href: '/gestion/reportes/', label: 'Reportes' },
  { href: '/gestion/usuarios/', label: 'Usuarios', adminOnly: true },
  { href: '/gestion/auditoria/', label: 'Auditoría' },
  { href: '/gestion/asistencia/', label: 'Asistencia' },
  { href: '/gestion/series/', label: 'Series' },
  { href: '/gestion/facilitadores/', label: 'Facilitadores' },
  { href: '/gestion/bonos/', label: 'Bonos' },
  { href: '/gestion/codigos/', label: 'Descuentos' },
  { href: '/gestion/claves-api/', label: 'Claves de API', adminOnly: true },
  { href: '/gestion/webhooks/', label: 'Webhooks', adminOnly: true },
  { href: '/gestion/widget/', label: 'Widget', adminOnly: true },
  { href: '/gestion/sedes/', label: 'Sedes' },
  { href: '/gestion/honorarios/', label: 'Honorarios' },
  { href: '/gestion/tarjetas-regalo/', label: 'Tarjetas de regalo' },
];

const FACILITATOR_NAV: NavItem[] = [
  { href: '/gestion/mis-sesiones/', label: 'Mis sesiones' },
  { href: '/gestion/asistencia/', label: 'Asistencia' },
];

type Props = {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  scripts?: string[];
  /** Breadcrumb above the title: [label, href] pairs, the current page last without a link. */
  crumbs?: [string, string?][];
};

/**
 * Every /gestion/ page: the public layout (header, flash messages, footer) at the screen's whole
 * width, with the back-office menu beside the content on a laptop and above it, scrolling
 * sideways, on a phone.
 */
export function StaffLayout({ ctx, title, children, scripts = [], crumbs }: Props) {
  const isAdmin = ctx.user?.role === 'admin';
  // A facilitator reaches only their own sessions: the rest of the menu would answer 403.
  const nav =
    ctx.user?.role === 'facilitator'
      ? FACILITATOR_NAV
      : STAFF_NAV.filter((item) => !item.adminOnly || isAdmin);
  const active = (href: string) =>
    href === '/gestion/' ? ctx.path === '/gestion/' : ctx.path.startsWith(href);
  return (
    <Layout ctx={ctx} title={title} scripts={['/static/js/backoffice.js', ...scripts]} wide>
      <div class="staff-shell">
        <nav class="staff-nav" aria-label="Gestión">
          <ul>
            {nav.map((item) => (
              <li>
                <a href={item.href} aria-current={active(item.href) ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="staff-main">
          {crumbs && crumbs.length > 0 && (
            <nav class="crumbs" aria-label="Ruta">
              {crumbs.map(([label, href], i) => (
                <>
                  {i > 0 && <span aria-hidden="true"> › </span>}
                  {href ? <a href={href}>{label}</a> : <span aria-current="page">{label}</span>}
                </>
              ))}
            </nav>
          )}
          {children}
        </div>
      </div>
    </Layout>
  );
}
