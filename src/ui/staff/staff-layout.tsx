import type { ComponentChildren } from 'preact';
import type { PageContext } from '../context';
import { Layout } from '../layout';

/**
 * The menu's headings, in the order they are shown. Not "Clientes" for the people group: a heading
 * that reads like the link under it is one more thing to misclick.
 */
const NAV_GROUPS = {
  agenda: 'Agenda',
  clientes: 'Contactos',
  tienda: 'Tienda',
  dinero: 'Dinero',
  ajustes: 'Ajustes',
} as const;
type NavGroup = keyof typeof NAV_GROUPS;

/**
 * One link of the menu and the heading it goes under. An entry without a group goes under "Más",
 * last, so a page added without choosing one still shows.
 */
type NavItem = { href: string; label: string; adminOnly?: boolean; group?: NavGroup };

/**
 * The back-office menu. Pages built by other features are linked here; the menu shows them under
 * their group's heading, in this order within it.
 */
export const STAFF_NAV: NavItem[] = [
  { href: '/gestion/', label: 'Panel', group: 'agenda' },
  { href: '/gestion/clientes/', label: 'Clientes', group: 'clientes' },
  { href: '/gestion/empresas/', label: 'Empresas', group: 'clientes' },
  { href: '/gestion/intereses/', label: 'Intereses', group: 'clientes' },
  { href: '/gestion/talleres/', label: 'Talleres', group: 'agenda' },
  { href: '/gestion/deudores/', label: 'Deudores', group: 'dinero' },
  { href: '/gestion/devoluciones/', label: 'Devoluciones', group: 'dinero' },
  { href: '/gestion/inscripciones/', label: 'Inscripciones', group: 'agenda' },
  { href: '/gestion/pagos/', label: 'Pagos', group: 'dinero' },
  { href: '/gestion/pagos-en-linea/', label: 'Pagos en línea', group: 'dinero' },
  { href: '/gestion/productos/', label: 'Productos', group: 'tienda' },
  { href: '/gestion/ventas/', label: 'Ventas', group: 'tienda' },
  { href: '/gestion/despachos/', label: 'Despachos', group: 'tienda' },
  { href: '/gestion/correos/', label: 'Correos', group: 'clientes' },
  { href: '/gestion/reportes/', label: 'Reportes', group: 'dinero' },
  { href: '/gestion/usuarios/', label: 'Usuarios', adminOnly: true, group: 'ajustes' },
  { href: '/gestion/auditoria/', label: 'Auditoría', group: 'ajustes' },
  { href: '/gestion/asistencia/', label: 'Asistencia', group: 'agenda' },
  { href: '/gestion/series/', label: 'Series', group: 'agenda' },
  { href: '/gestion/facilitadores/', label: 'Facilitadores', group: 'agenda' },
  { href: '/gestion/bonos/', label: 'Bonos', group: 'tienda' },
  { href: '/gestion/codigos/', label: 'Descuentos', group: 'tienda' },
  { href: '/gestion/claves-api/', label: 'Claves de API', adminOnly: true, group: 'ajustes' },
  { href: '/gestion/webhooks/', label: 'Webhooks', adminOnly: true, group: 'ajustes' },
  { href: '/gestion/widget/', label: 'Widget', adminOnly: true, group: 'ajustes' },
  { href: '/gestion/sedes/', label: 'Sedes', group: 'ajustes' },
  { href: '/gestion/honorarios/', label: 'Honorarios', group: 'dinero' },
  { href: '/gestion/tarjetas-regalo/', label: 'Tarjetas de regalo', group: 'tienda' },
];

const FACILITATOR_NAV: NavItem[] = [
  { href: '/gestion/mis-sesiones/', label: 'Mis sesiones', group: 'agenda' },
  { href: '/gestion/asistencia/', label: 'Asistencia', group: 'agenda' },
];

/** The menu's entries under their headings, in NAV_GROUPS order, those without a group last. */
function groupedNav(items: NavItem[]) {
  const keys = [...(Object.keys(NAV_GROUPS) as NavGroup[]), 'mas' as const];
  return keys
    .map((key) => ({
      key,
      label: key === 'mas' ? 'Más' : NAV_GROUPS[key],
      items: items.filter((item) => (item.group ?? 'mas') === key),
    }))
    .filter((group) => group.items.length > 0);
}

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
 * width, with the back-office menu (links under headings) beside the content on a laptop and
 * above it, scrolling sideways, on a phone.
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
            {groupedNav(nav).map((group) => (
              <li class="staff-nav-group">
                <span class="staff-nav-heading" id={`menu-${group.key}`}>
                  {group.label}
                </span>
                <ul class="staff-nav-links" aria-labelledby={`menu-${group.key}`}>
                  {group.items.map((item) => (
                    <li>
                      <a href={item.href} aria-current={active(item.href) ? 'page' : undefined}>
                        {item.label}
                      </a>
                    </li>
                  ))}
                </ul>
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
