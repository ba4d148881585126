/**
 * Cover illustrations for the demo workshops and kits, drawn in code as SVG: a crafts studio sells
 * with pictures, and the demo must look like one without fetching photos from the network. Each
 * motif (a resin tray, stitched books, block prints, gift boxes, a mandala…) is composed from
 * shapes and a palette, and every item's name seeds the layout, so no two covers are the same.
 *
 * Soft shadows and glows are radial gradients, not blur filters, and the paper grain is a tiled
 * pattern, not feTurbulence: a filter over the whole canvas costs librsvg ~300 ms a cover, the
 * gradients ~30 ms, and the demo seed draws some thirty covers at every fresh start.
 */

export const COVER_WIDTH = 1200;
export const COVER_HEIGHT = 800;

export const COVER_MOTIFS = [
  'resin',
  'flowers',
  'jewelry',
  'books',
  'notebooks',
  'stamps',
  'tote',
  'gifts',
  'mandala',
  'watercolor',
  'landscape',
  'circle',
  'pots',
  'candles',
  'pigments',
  'clay',
  'resinKit',
  'carvingKit',
  'bindingKit',
] as const;
export type CoverMotif = (typeof COVER_MOTIFS)[number];

export type Palette = {
  /** Background gradient, light to slightly deeper. */
  bg: [string, string];
  /** The motif's main colours, most prominent first. */
  main: [string, string, string, string];
  /** Lines, stitches, ink. */
  ink: string;
  /** Highlights: paper, petals, light. */
  light: string;
  /** Gold or warm metal for flecks, chains and flames. */
  metal: string;
};

export const PALETTES = {
  blush: {
    bg: ['#fdf1f4', '#f6dbe6'],
    main: ['#d63384', '#f08fb3', '#7c3a5c', '#f7c1d5'],
    ink: '#5a2140',
    light: '#fffafc',
    metal: '#d9a441',
  },
  ocean: {
    bg: ['#eef7f8', '#d3eaee'],
    main: ['#1d7874', '#4fb3bf', '#0b3c5d', '#a8dadc'],
    ink: '#0b3142',
    light: '#ffffff',
    metal: '#e0b354',
  },
  terracotta: {
    bg: ['#fbf1ea', '#f1dccd'],
    main: ['#c8553d', '#e9a178', '#7d3c2a', '#f4d1b5'],
    ink: '#4a2419',
    light: '#fff8f2',
    metal: '#d9a441',
  },
  sage: {
    bg: ['#f2f5ee', '#dfe8d6'],
    main: ['#6b8f71', '#a7c4a0', '#3e5641', '#d9e7cf'],
    ink: '#2f3e30',
    light: '#fcfdf9',
    metal: '#c9a04a',
  },
  lilac: {
    bg: ['#f6f1fb', '#e6dcf4'],
    main: ['#7b5ea7', '#b69ddb', '#46305f', '#e2d4f3'],
    ink: '#33214a',
    light: '#fdfbff',
    metal: '#d8b25a',
  },
  mustard: {
    bg: ['#fdf7e8', '#f5e6bf'],
    main: ['#d99a20', '#f2c15c', '#8a5a12', '#fae3a8'],
    ink: '#4d3208',
    light: '#fffdf6',
    metal: '#b8741a',
  },
  night: {
    bg: ['#eef0f7', '#d6dbeb'],
    main: ['#3d4a7a', '#7f8cc4', '#1f2747', '#c3cae6'],
    ink: '#1a2038',
    light: '#fbfcff',
    metal: '#e3b55b',
  },
  autumn: {
    bg: ['#fbf0e4', '#f0d9bd'],
    main: ['#b5543c', '#e08e45', '#6e3b2a', '#f3c98b'],
    ink: '#3f2116',
    light: '#fffaf3',
    metal: '#c99a3c',
  },
  patrias: {
    bg: ['#f7f4f1', '#ebe4de'],
    main: ['#c1272d', '#2f4b9a', '#7a1418', '#f4f1ec'],
    ink: '#222a44',
    light: '#ffffff',
    metal: '#d4a94a',
  },
  mint: {
    bg: ['#effaf6', '#d4efe5'],
    main: ['#2a9d8f', '#8fd3c1', '#1b5e56', '#e9c46a'],
    ink: '#173f3a',
    light: '#ffffff',
    metal: '#e9c46a',
  },
} as const satisfies Record<string, Palette>;
export type PaletteName = keyof typeof PALETTES;

type Rng = () => number;

/** FNV-1a of the item's name: the same name always draws the same cover. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function rngFrom(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const n = (v: number) => Math.round(v * 10) / 10;

/** What a motif draws with: the palette, the item's random stream, and gradient ids it may use. */
type Pen = {
  p: Palette;
  rand: Rng;
  between: (a: number, b: number) => number;
  pick: <T>(items: readonly T[]) => T;
  defs: string[];
  id: (prefix: string) => string;
};

function makePen(p: Palette, rand: Rng): Pen {
  let counter = 0;
  return {
    p,
    rand,
    between: (a, b) => a + rand() * (b - a),
    pick: (items) => items[Math.floor(rand() * items.length)]!,
    defs: [],
    id: (prefix) => `${prefix}${++counter}`,
  };
}

/** A soft elliptical shadow under an object, as a radial gradient (no blur filter). */
function shadow(pen: Pen, cx: number, cy: number, rx: number, ry: number, strength = 0.22): string {
  const id = pen.id('sh');
  pen.defs.push(
    `<radialGradient id="${id}"><stop offset="0" stop-color="${pen.p.ink}" stop-opacity="${strength}"/><stop offset="0.6" stop-color="${pen.p.ink}" stop-opacity="${n(strength * 0.45)}"/><stop offset="1" stop-color="${pen.p.ink}" stop-opacity="0"/></radialGradient>`,
  );
  return `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(rx)}" ry="${n(ry)}" fill="url(#${id})"/>`;
}

function linear(pen: Pen, from: string, to: string, angle = 90): string {
  const id = pen.id('lg');
  const rad = (angle * Math.PI) / 180;
  const x = n(0.5 + Math.cos(rad) / 2);
  const y = n(0.5 + Math.sin(rad) / 2);
  pen.defs.push(
    `<linearGradient id="${id}" x1="${n(1 - x)}" y1="${n(1 - y)}" x2="${x}" y2="${y}"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>`,
  );
  return `url(#${id})`;
}

function radial(pen: Pen, inner: string, outer: string, innerOpacity = 1, outerOpacity = 1): string {
  const id = pen.id('rg');
  pen.defs.push(
    `<radialGradient id="${id}" cx="0.4" cy="0.35" r="0.75"><stop offset="0" stop-color="${inner}" stop-opacity="${innerOpacity}"/><stop offset="1" stop-color="${outer}" stop-opacity="${outerOpacity}"/></radialGradient>`,
  );
  return `url(#${id})`;
}

/** A closed wobbly blob around a centre (petals, pours, washes). */
function blob(pen: Pen, cx: number, cy: number, r: number, wobble: number, points = 9): string {
  const pts = Array.from({ length: points }, (_, i) => {
    const a = (i / points) * Math.PI * 2;
    const rr = r * (1 + pen.between(-wobble, wobble));
    return [cx + Math.cos(a) * rr, cy + Math.sin(a) * rr] as const;
  });
  const mid = (a: readonly [number, number], b: readonly [number, number]) =>
    [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] as const;
  const start = mid(pts[points - 1]!, pts[0]!);
  let d = `M${n(start[0])} ${n(start[1])}`;
  for (let i = 0; i < points; i++) {
    const m = mid(pts[i]!, pts[(i + 1) % points]!);
    d += ` Q${n(pts[i]![0])} ${n(pts[i]![1])} ${n(m[0])} ${n(m[1])}`;
  }
  return `${d}Z`;
}

/** A five-petal flower (pressed flowers, prints, tote motifs). */
function flower(pen: Pen, cx: number, cy: number, r: number, petal: string, centre: string, petals = 5) {
  const turn = pen.between(0, 72);
  const leaves = Array.from({ length: petals }, (_, i) => {
    const a = turn + (i * 360) / petals;
    return `<ellipse cx="${n(cx)}" cy="${n(cy - r * 0.55)}" rx="${n(r * 0.36)}" ry="${n(r * 0.6)}" fill="${petal}" transform="rotate(${n(a)} ${n(cx)} ${n(cy)})"/>`;
  }).join('');
  return `${leaves}<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r * 0.26)}" fill="${centre}"/>`;
}

function leaf(cx: number, cy: number, length: number, angle: number, fill: string, vein?: string) {
  const w = length * 0.38;
  const path = `M0 0 Q${n(w)} ${n(-length * 0.5)} 0 ${n(-length)} Q${n(-w)} ${n(-length * 0.5)} 0 0Z`;
  const line = vein
    ? `<path d="M0 0 L0 ${n(-length * 0.9)}" stroke="${vein}" stroke-width="${n(length * 0.03)}" fill="none"/>`
    : '';
  return `<g transform="translate(${n(cx)} ${n(cy)}) rotate(${n(angle)})"><path d="${path}" fill="${fill}"/>${line}</g>`;
}

/** Flecks of gold leaf: small irregular quads. */
function flecks(pen: Pen, cx: number, cy: number, spread: number, count: number, colour: string) {
  return Array.from({ length: count }, () => {
    const a = pen.between(0, Math.PI * 2);
    const d = Math.sqrt(pen.rand()) * spread;
    const x = cx + Math.cos(a) * d;
    const y = cy + Math.sin(a) * d * 0.8;
    const s = pen.between(3, 11);
    return `<path d="M${n(x)} ${n(y - s)} L${n(x + s * 0.8)} ${n(y)} L${n(x)} ${n(y + s * 0.6)} L${n(x - s)} ${n(y + s * 0.1)}Z" fill="${colour}" opacity="${n(pen.between(0.7, 1))}"/>`;
  }).join('');
}

/** The background: a soft gradient, a few large translucent shapes and a fine grain. */
function backdrop(pen: Pen, style: 'dots' | 'confetti' | 'arcs' | 'plain'): string {
  const { p } = pen;
  const grainId = pen.id('grain');
  pen.defs.push(
    `<pattern id="${grainId}" width="9" height="9" patternUnits="userSpaceOnUse"><circle cx="2" cy="3" r="0.9" fill="${p.ink}" opacity="0.05"/><circle cx="6.5" cy="7" r="0.7" fill="${p.ink}" opacity="0.04"/></pattern>`,
  );
  const parts = [
    `<rect width="${COVER_WIDTH}" height="${COVER_HEIGHT}" fill="${linear(pen, p.bg[0], p.bg[1], pen.between(30, 150))}"/>`,
  ];
  for (let i = 0; i < 3; i++) {
    const cx = pen.between(0, COVER_WIDTH);
    const cy = pen.between(0, COVER_HEIGHT);
    parts.push(
      `<path d="${blob(pen, cx, cy, pen.between(160, 320), 0.18)}" fill="${pen.pick(p.main)}" opacity="${n(pen.between(0.06, 0.12))}"/>`,
    );
  }
  if (style === 'dots') {
    const id = pen.id('dots');
    const step = Math.round(pen.between(34, 48));
    pen.defs.push(
      `<pattern id="${id}" width="${step}" height="${step}" patternUnits="userSpaceOnUse"><circle cx="${step / 2}" cy="${step / 2}" r="3" fill="${p.main[0]}" opacity="0.13"/></pattern>`,
    );
    parts.push(`<rect width="${COVER_WIDTH}" height="${COVER_HEIGHT}" fill="url(#${id})"/>`);
  } else if (style === 'confetti') {
    for (let i = 0; i < 36; i++) {
      const x = pen.between(0, COVER_WIDTH);
      const y = pen.between(0, COVER_HEIGHT);
      parts.push(
        `<rect x="${n(x)}" y="${n(y)}" width="${n(pen.between(8, 16))}" height="${n(pen.between(4, 7))}" rx="2" fill="${pen.pick(p.main)}" opacity="0.35" transform="rotate(${n(pen.between(0, 180))} ${n(x)} ${n(y)})"/>`,
      );
    }
  } else if (style === 'arcs') {
    const cx = pen.between(200, 1000);
    for (let i = 1; i <= 6; i++)
      parts.push(
        `<circle cx="${n(cx)}" cy="${COVER_HEIGHT + 120}" r="${i * 150}" fill="none" stroke="${p.main[1]}" stroke-width="2" opacity="0.18"/>`,
      );
  }
  parts.push(`<rect width="${COVER_WIDTH}" height="${COVER_HEIGHT}" fill="url(#${grainId})"/>`);
  return parts.join('');
}

/** A table top along the bottom, for objects that stand (pots, candles, boxes). */
function tabletop(pen: Pen, y: number): string {
  const { p } = pen;
  return `<rect x="0" y="${n(y)}" width="${COVER_WIDTH}" height="${n(COVER_HEIGHT - y)}" fill="${linear(pen, p.main[3], p.bg[1], 90)}" opacity="0.85"/><rect x="0" y="${n(y)}" width="${COVER_WIDTH}" height="4" fill="${p.light}" opacity="0.6"/>`;
}

// ———————————————————————————————— motifs ————————————————————————————————

const cx0 = COVER_WIDTH / 2;
const cy0 = COVER_HEIGHT / 2;

function resinTray(pen: Pen, withFlowers: boolean): string {
  const { p } = pen;
  const round = pen.rand() < 0.5;
  const cx = cx0 + pen.between(-80, 80);
  const cy = cy0 + pen.between(-10, 30);
  const w = round ? 300 : 420;
  const h = round ? 300 : 270;
  const clip = pen.id('clip');
  const outline = round
    ? `<circle cx="${n(cx)}" cy="${n(cy)}" r="${w}"/>`
    : `<rect x="${n(cx - w)}" y="${n(cy - h)}" width="${w * 2}" height="${h * 2}" rx="46"/>`;
  pen.defs.push(`<clipPath id="${clip}">${outline}</clipPath>`);
  const waves: string[] = [];
  const bands = 5;
  for (let i = 0; i < bands; i++) {
    const y0 = cy - h + ((i + 0.6) * (h * 2)) / bands + pen.between(-25, 25);
    const amp = pen.between(30, 70);
    const phase = pen.between(0, 400);
    let d = `M${n(cx - w - 40)} ${n(cy + h + 60)} L${n(cx - w - 40)} ${n(y0)}`;
    for (let x = -w - 40; x <= w + 40; x += 60)
      d += ` Q${n(cx + x + 30)} ${n(y0 + Math.sin((x + phase) / 90) * amp)} ${n(cx + x + 60)} ${n(y0 + Math.sin((x + phase + 60) / 110) * amp * 0.6)}`;
    d += ` L${n(cx + w + 40)} ${n(cy + h + 60)}Z`;
    const colour = [p.main[1], p.main[0], p.main[3], p.main[2], p.main[1]][i]!;
    waves.push(`<path d="${d}" fill="${colour}" opacity="${n(0.75 + i * 0.05)}"/>`);
    waves.push(
      `<path d="${d.replace(/L[^Q]*?Z$/, '')}" fill="none" stroke="${p.light}" stroke-width="${n(pen.between(4, 9))}" stroke-linecap="round" opacity="0.8"/>`,
    );
  }
  const extras: string[] = [flecks(pen, cx + pen.between(-60, 60), cy, w * 0.8, 28, p.metal)];
  if (withFlowers) {
    for (let i = 0; i < 6; i++) {
      const a = pen.between(0, Math.PI * 2);
      const d = pen.between(0.2, 0.7) * w;
      extras.push(
        flower(
          pen,
          cx + Math.cos(a) * d,
          cy + Math.sin(a) * d * (round ? 1 : h / w),
          pen.between(36, 60),
          pen.pick([p.light, p.main[3], '#ffffff']),
          p.metal,
        ),
      );
      extras.push(leaf(cx + Math.cos(a) * d + 30, cy + Math.sin(a) * d, 60, pen.between(0, 360), '#6b8f71'));
    }
  }
  const rim = round
    ? `<circle cx="${n(cx)}" cy="${n(cy)}" r="${w}" fill="none" stroke="${p.light}" stroke-width="16" opacity="0.9"/><circle cx="${n(cx)}" cy="${n(cy)}" r="${w + 8}" fill="none" stroke="${p.main[2]}" stroke-width="3" opacity="0.4"/>`
    : `<rect x="${n(cx - w)}" y="${n(cy - h)}" width="${w * 2}" height="${h * 2}" rx="46" fill="none" stroke="${p.light}" stroke-width="16" opacity="0.9"/>`;
  const gloss = `<path d="M${n(cx - w * 0.7)} ${n(cy - h * 0.55)} Q${n(cx - w * 0.2)} ${n(cy - h * 0.95)} ${n(cx + w * 0.35)} ${n(cy - h * 0.7)}" stroke="#ffffff" stroke-width="14" fill="none" stroke-linecap="round" opacity="0.45"/>`;
  return `${shadow(pen, cx + 20, cy + h + 10, w * 1.15, 60)}<g clip-path="url(#${clip})"><rect x="${n(cx - w - 50)}" y="${n(cy - h - 50)}" width="${w * 2 + 100}" height="${h * 2 + 100}" fill="${p.main[3]}"/>${waves.join('')}${extras.join('')}</g>${rim}${gloss}`;
}

function jewelry(pen: Pen): string {
  const { p } = pen;
  const parts: string[] = [];
  const sag = pen.between(70, 120);
  parts.push(
    `<path d="M-20 140 Q${cx0} ${140 + sag * 2} ${COVER_WIDTH + 20} 140" fill="none" stroke="${p.metal}" stroke-width="5" stroke-dasharray="14 6" stroke-linecap="round"/>`,
  );
  const count = 4;
  for (let i = 0; i < count; i++) {
    const t = (i + 0.75) / (count + 0.5);
    const x = t * COVER_WIDTH;
    const chainY = 140 + sag * 2 * 2 * t * (1 - t);
    const drop = pen.between(150, 230);
    const y = chainY + drop;
    const size = pen.between(85, 120);
    const shape = pen.pick(['circle', 'drop', 'hex'] as const);
    const fill = radial(pen, p.main[3], pen.pick([p.main[0], p.main[1], p.main[2]]));
    parts.push(
      `<line x1="${n(x)}" y1="${n(chainY)}" x2="${n(x)}" y2="${n(y - size)}" stroke="${p.metal}" stroke-width="3"/>`,
    );
    parts.push(shadow(pen, x + 18, y + size + 30, size * 0.9, 18, 0.16));
    let body: string;
    if (shape === 'circle') body = `<circle cx="${n(x)}" cy="${n(y)}" r="${n(size)}"/>`;
    else if (shape === 'drop')
      body = `<path d="M${n(x)} ${n(y - size * 1.2)} Q${n(x + size)} ${n(y)} ${n(x)} ${n(y + size)} Q${n(x - size)} ${n(y)} ${n(x)} ${n(y - size * 1.2)}Z"/>`;
    else {
      const pts = Array.from({ length: 6 }, (_, k) => {
        const a = (k * Math.PI) / 3 + Math.PI / 6;
        return `${n(x + Math.cos(a) * size)},${n(y + Math.sin(a) * size)}`;
      }).join(' ');
      body = `<polygon points="${pts}"/>`;
    }
    parts.push(`<g fill="${fill}" stroke="${p.metal}" stroke-width="6">${body}</g>`);
    parts.push(flecks(pen, x, y, size * 0.55, 6, p.metal));
    if (pen.rand() < 0.6)
      parts.push(flower(pen, x - size * 0.15, y + size * 0.1, size * 0.5, p.light, p.metal));
    parts.push(
      `<ellipse cx="${n(x - size * 0.35)}" cy="${n(y - size * 0.4)}" rx="${n(size * 0.2)}" ry="${n(size * 0.1)}" fill="#fff" opacity="0.55" transform="rotate(-35 ${n(x - size * 0.35)} ${n(y - size * 0.4)})"/>`,
    );
  }
  return parts.join('');
}

/** A closed book seen from above, with Japanese stab binding on its left edge. */
function book(pen: Pen, x: number, y: number, w: number, h: number, angle: number, cover: string) {
  const { p } = pen;
  const holes = 4 + Math.floor(pen.rand() * 2);
  const spine = 34;
  const stitches: string[] = [];
  for (let i = 0; i < holes; i++) {
    const hy = (h / (holes + 1)) * (i + 1);
    stitches.push(
      `<line x1="0" y1="${n(hy)}" x2="${spine}" y2="${n(hy)}" stroke="${p.light}" stroke-width="4"/><circle cx="${spine}" cy="${n(hy)}" r="4" fill="${p.ink}"/>`,
    );
  }
  stitches.push(
    `<line x1="${spine}" y1="${n(h / (holes + 1))}" x2="${spine}" y2="${n((h * holes) / (holes + 1))}" stroke="${p.light}" stroke-width="4"/>`,
  );
  const pattern = pen.rand() < 0.5;
  const deco = pattern
    ? Array.from(
        { length: 7 },
        (_, i) =>
          `<path d="M${spine + 20} ${n(40 + i * ((h - 80) / 6))} q${n((w - spine - 40) / 4)} -18 ${n((w - spine - 40) / 2)} 0 t${n((w - spine - 40) / 2)} 0" stroke="${p.light}" stroke-width="3" fill="none" opacity="0.35"/>`,
      ).join('')
    : `<rect x="${n(w * 0.45)}" y="${n(h * 0.18)}" width="${n(w * 0.38)}" height="${n(h * 0.16)}" rx="6" fill="${p.light}" opacity="0.9"/>`;
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${n(angle)})">${shadow(pen, w / 2 + 14, h / 2 + 16, w * 0.62, h * 0.6, 0.18)}<rect x="6" y="6" width="${n(w)}" height="${n(h)}" rx="6" fill="${p.light}"/><rect width="${n(w)}" height="${n(h)}" rx="6" fill="${cover}"/>${deco}${stitches.join('')}</g>`;
}

function books(pen: Pen): string {
  const { p } = pen;
  const parts: string[] = [];
  const covers = [p.main[0], p.main[2], p.main[1]];
  for (let i = 0; i < 3; i++) {
    const w = pen.between(300, 360);
    const h = w * 1.3;
    parts.push(
      book(
        pen,
        160 + i * 290 + pen.between(-30, 30),
        180 + pen.between(-70, 40) + (i === 1 ? -40 : 0),
        w,
        h,
        pen.between(-14, 14),
        covers[i]!,
      ),
    );
  }
  // Needle and a loose thread.
  const nx = pen.between(860, 1000);
  parts.push(
    `<path d="M${n(nx - 500)} 760 C ${n(nx - 300)} 600, ${n(nx - 120)} 820, ${n(nx)} 650" stroke="${p.main[1]}" stroke-width="4" fill="none"/>`,
    `<line x1="${n(nx)}" y1="650" x2="${n(nx + 120)}" y2="520" stroke="#9aa3ad" stroke-width="7" stroke-linecap="round"/><ellipse cx="${n(nx + 110)}" cy="531" rx="6" ry="3" fill="${p.light}" transform="rotate(-47 ${n(nx + 110)} 531)"/>`,
  );
  return parts.join('');
}

function notebooks(pen: Pen): string {
  const { p } = pen;
  const parts: string[] = [];
  const cx = cx0 + pen.between(-60, 60);
  const cy = cy0 + 10;
  const w = 400;
  const h = 540;
  parts.push(shadow(pen, cx + 20, cy + h / 2 + 10, w * 1.3, 50));
  // An open notebook: two pages and a spine.
  for (const side of [-1, 1]) {
    const x = side < 0 ? cx - w : cx;
    const lines = Array.from(
      { length: 13 },
      (_, i) =>
        `<line x1="${n(x + 36)}" y1="${n(cy - h / 2 + 70 + i * 34)}" x2="${n(x + w - 36)}" y2="${n(cy - h / 2 + 70 + i * 34)}" stroke="${p.main[1]}" stroke-width="2" opacity="0.5"/>`,
    ).join('');
    parts.push(
      `<rect x="${n(x + (side < 0 ? -10 : 0))}" y="${n(cy - h / 2 - 10)}" width="${w + 10}" height="${h + 20}" rx="14" fill="${p.main[0]}"/>`,
      `<rect x="${n(x)}" y="${n(cy - h / 2)}" width="${w}" height="${h}" rx="6" fill="${p.light}"/>${lines}`,
    );
  }
  parts.push(
    `<line x1="${n(cx)}" y1="${n(cy - h / 2)}" x2="${n(cx)}" y2="${n(cy + h / 2)}" stroke="${p.ink}" stroke-width="3" opacity="0.25"/>`,
  );
  for (let i = 0; i < 10; i++)
    parts.push(`<circle cx="${n(cx)}" cy="${n(cy - h / 2 + 30 + i * 53)}" r="6" fill="${p.main[2]}"/>`);
  // A doodle on the right page and a pencil.
  parts.push(flower(pen, cx + w * 0.55, cy + h * 0.05, 90, p.main[1], p.main[0]));
  parts.push(leaf(cx + w * 0.5, cy + h * 0.38, 120, pen.between(-30, 30), p.main[2]));
  parts.push(leaf(cx + w * 0.62, cy + h * 0.36, 100, pen.between(20, 50), p.main[1]));
  const px = cx + pen.between(-260, -120);
  parts.push(
    `<g transform="rotate(${n(pen.between(-40, -25))} ${n(px)} ${n(cy + 60)})"><rect x="${n(px)}" y="${n(cy + 60)}" width="300" height="22" rx="4" fill="${p.metal}"/><rect x="${n(px + 300)}" y="${n(cy + 60)}" width="26" height="22" fill="${p.main[3]}"/><path d="M${n(px)} ${n(cy + 60)} L${n(px - 40)} ${n(cy + 71)} L${n(px)} ${n(cy + 82)}Z" fill="#f1d7b5"/><path d="M${n(px - 28)} ${n(cy + 65)} L${n(px - 40)} ${n(cy + 71)} L${n(px - 28)} ${n(cy + 77)}Z" fill="${p.ink}"/></g>`,
  );
  // A ribbon bookmark.
  parts.push(`<path d="M${n(cx + 60)} ${n(cy + h / 2)} l0 90 l14 -18 l14 18 l0 -90Z" fill="${p.main[2]}"/>`);
  return parts.join('');
}

/** One block-print motif (stamps, tote prints). */
function printMotif(
  pen: Pen,
  kind: 'leaf' | 'sun' | 'wave' | 'heart' | 'flower',
  x: number,
  y: number,
  s: number,
  ink: string,
) {
  switch (kind) {
    case 'leaf':
      return leaf(x, y + s * 0.5, s, pen.between(-20, 20), ink, '#ffffff');
    case 'sun': {
      const rays = Array.from({ length: 10 }, (_, i) => {
        const a = (i * Math.PI) / 5;
        return `<line x1="${n(x + Math.cos(a) * s * 0.32)}" y1="${n(y + Math.sin(a) * s * 0.32)}" x2="${n(x + Math.cos(a) * s * 0.5)}" y2="${n(y + Math.sin(a) * s * 0.5)}" stroke="${ink}" stroke-width="${n(s * 0.07)}" stroke-linecap="round"/>`;
      }).join('');
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(s * 0.24)}" fill="${ink}"/>${rays}`;
    }
    case 'wave':
      return [0, 1, 2]
        .map(
          (k) =>
            `<path d="M${n(x - s / 2)} ${n(y - s * 0.25 + k * s * 0.25)} q${n(s / 4)} ${n(-s * 0.18)} ${n(s / 2)} 0 t${n(s / 2)} 0" stroke="${ink}" stroke-width="${n(s * 0.08)}" fill="none" stroke-linecap="round"/>`,
        )
        .join('');
    case 'heart':
      return `<path d="M${n(x)} ${n(y + s * 0.35)} C ${n(x - s * 0.6)} ${n(y - s * 0.05)}, ${n(x - s * 0.3)} ${n(y - s * 0.5)}, ${n(x)} ${n(y - s * 0.18)} C ${n(x + s * 0.3)} ${n(y - s * 0.5)}, ${n(x + s * 0.6)} ${n(y - s * 0.05)}, ${n(x)} ${n(y + s * 0.35)}Z" fill="${ink}"/>`;
    default:
      return flower(pen, x, y, s * 0.5, ink, '#ffffff');
  }
}

type PrintKind = 'leaf' | 'sun' | 'wave' | 'heart' | 'flower';

function stamps(pen: Pen, kinds: PrintKind[]): string {
  const { p } = pen;
  const parts: string[] = [];
  // A printed sheet of paper, slightly turned, with an uneven grid of prints.
  const angle = pen.between(-6, 6);
  parts.push(
    `<g transform="rotate(${n(angle)} 480 400)">${shadow(pen, 500, 420, 420, 330, 0.14)}<rect x="110" y="90" width="740" height="620" fill="${p.light}"/>`,
  );
  for (let row = 0; row < 4; row++)
    for (let col = 0; col < 5; col++) {
      const kind = kinds[(row + col) % kinds.length]!;
      const ink = [p.main[0], p.main[2]][(row * 5 + col) % 2]!;
      parts.push(
        `<g opacity="${n(pen.between(0.7, 0.95))}">${printMotif(pen, kind, 190 + col * 145 + pen.between(-6, 6), 170 + row * 145 + pen.between(-6, 6), 88, ink)}</g>`,
      );
    }
  parts.push('</g>');
  // The carved stamp block with its handle, and an ink pad.
  const sx = pen.between(880, 960);
  const sy = pen.between(180, 260);
  parts.push(
    shadow(pen, sx + 110, sy + 200, 150, 40),
    `<rect x="${n(sx)}" y="${n(sy)}" width="220" height="190" rx="18" fill="#c89f74"/><rect x="${n(sx + 14)}" y="${n(sy + 14)}" width="192" height="162" rx="12" fill="#b3855a"/>`,
    `<circle cx="${n(sx + 110)}" cy="${n(sy + 95)}" r="56" fill="#8c6239"/><circle cx="${n(sx + 98)}" cy="${n(sy + 82)}" r="22" fill="#a77a4d"/>`,
  );
  const px = pen.between(860, 940);
  parts.push(
    shadow(pen, px + 130, 700, 170, 36),
    `<rect x="${n(px)}" y="520" width="260" height="170" rx="20" fill="${p.ink}"/><rect x="${n(px + 18)}" y="538" width="224" height="134" rx="12" fill="${p.main[0]}"/>`,
  );
  return parts.join('');
}

function tote(pen: Pen): string {
  const { p } = pen;
  const cx = cx0 + pen.between(-140, 140);
  const top = 260;
  const w = 420;
  const h = 440;
  const clip = pen.id('bag');
  pen.defs.push(
    `<clipPath id="${clip}"><rect x="${n(cx - w / 2)}" y="${top}" width="${w}" height="${h}" rx="12"/></clipPath>`,
  );
  const prints: string[] = [];
  const kind = pen.pick(['leaf', 'sun', 'flower', 'wave'] as const);
  for (let row = 0; row < 4; row++)
    for (let col = 0; col < 4; col++)
      prints.push(
        printMotif(
          pen,
          kind,
          cx - w / 2 + 60 + col * 105 + (row % 2) * 50,
          top + 60 + row * 110,
          70,
          row % 2 ? p.main[0] : p.main[2],
        ),
      );
  return `${shadow(pen, cx + 20, top + h + 20, w * 0.75, 46)}<path d="M${n(cx - 120)} ${top + 10} C ${n(cx - 120)} 80, ${n(cx + 120)} 80, ${n(cx + 120)} ${top + 10}" stroke="#e8dcc4" stroke-width="26" fill="none"/><path d="M${n(cx - 120)} ${top + 10} C ${n(cx - 120)} 80, ${n(cx + 120)} 80, ${n(cx + 120)} ${top + 10}" stroke="#d8c8aa" stroke-width="6" fill="none" opacity="0.6"/><rect x="${n(cx - w / 2)}" y="${top}" width="${w}" height="${h}" rx="12" fill="#f1e7d3"/><g clip-path="url(#${clip})" opacity="0.9">${prints.join('')}</g><rect x="${n(cx - w / 2)}" y="${top}" width="${w}" height="26" fill="#e3d6bd"/>${printMotif(pen, kind, cx + w / 2 + 170, 230, 120, p.main[1])}${printMotif(pen, kind, cx - w / 2 - 170, 560, 110, p.main[1])}`;
}

function giftBox(pen: Pen, x: number, base: number, w: number, h: number, paper: string, ribbon: string) {
  const { p } = pen;
  const id = pen.id('paper');
  const style = pen.pick(['dots', 'stripes', 'plain'] as const);
  const decor =
    style === 'dots'
      ? `<circle cx="8" cy="8" r="4" fill="${p.light}" opacity="0.55"/>`
      : style === 'stripes'
        ? `<rect width="8" height="16" fill="${p.light}" opacity="0.35"/>`
        : '';
  pen.defs.push(
    `<pattern id="${id}" width="16" height="16" patternUnits="userSpaceOnUse" patternTransform="rotate(${style === 'stripes' ? 35 : 0})"><rect width="16" height="16" fill="${paper}"/>${decor}</pattern>`,
  );
  const y = base - h;
  const lid = 34;
  return `${shadow(pen, x + w / 2 + 12, base + 6, w * 0.65, 26)}<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="6" fill="url(#${id})"/><rect x="${n(x - 12)}" y="${n(y - lid / 2)}" width="${n(w + 24)}" height="${lid}" rx="6" fill="url(#${id})"/><rect x="${n(x - 12)}" y="${n(y + lid / 2 - 6)}" width="${n(w + 24)}" height="6" fill="${p.ink}" opacity="0.12"/><rect x="${n(x + w / 2 - 14)}" y="${n(y - lid / 2)}" width="28" height="${n(h + lid / 2)}" fill="${ribbon}"/><path d="M${n(x + w / 2)} ${n(y - lid / 2)} C ${n(x + w / 2 - 90)} ${n(y - 110)}, ${n(x + w / 2 - 110)} ${n(y - 10)}, ${n(x + w / 2)} ${n(y - lid / 2)}Z M${n(x + w / 2)} ${n(y - lid / 2)} C ${n(x + w / 2 + 90)} ${n(y - 110)}, ${n(x + w / 2 + 110)} ${n(y - 10)}, ${n(x + w / 2)} ${n(y - lid / 2)}Z" fill="${ribbon}"/><circle cx="${n(x + w / 2)}" cy="${n(y - lid / 2)}" r="14" fill="${ribbon}"/>`;
}

function gifts(pen: Pen): string {
  const { p } = pen;
  const base = 640;
  const sizes = [
    [pen.between(260, 300), pen.between(230, 280)],
    [pen.between(220, 260), pen.between(330, 380)],
    [pen.between(180, 220), pen.between(160, 200)],
  ] as const;
  const order = pen.rand() < 0.5 ? [0, 1, 2] : [2, 1, 0];
  let x = pen.between(140, 200);
  const boxes = order.map((i, k) => {
    const [w, h] = sizes[i]!;
    const box = giftBox(
      pen,
      x,
      base + (k === 1 ? 20 : 0),
      w,
      h,
      p.main[k % 3 === 1 ? 1 : k === 0 ? 0 : 2],
      [p.metal, p.light, p.main[3]][k]!,
    );
    x += w + pen.between(50, 90);
    return box;
  });
  return `${tabletop(pen, 600)}${boxes.join('')}`;
}

function mandala(pen: Pen): string {
  const { p } = pen;
  const cx = cx0 + pen.between(-200, 200);
  const cy = cy0 + pen.between(-20, 20);
  const rings = 5;
  const parts: string[] = [`<circle cx="${n(cx)}" cy="${n(cy)}" r="340" fill="${p.light}" opacity="0.55"/>`];
  for (let ring = rings; ring >= 1; ring--) {
    const r = ring * 62;
    const petals = 6 + ring * 4;
    const colour = p.main[(ring + 1) % 4]!;
    for (let i = 0; i < petals; i++) {
      const a = (i * 360) / petals + (ring % 2 ? 0 : 180 / petals);
      parts.push(
        `<ellipse cx="${n(cx)}" cy="${n(cy - r)}" rx="${n(Math.min(30, (Math.PI * r) / petals))}" ry="${n(28 + ring * 4)}" fill="${colour}" opacity="0.9" transform="rotate(${n(a)} ${n(cx)} ${n(cy)})"/>`,
      );
    }
    parts.push(
      `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r - 22)}" fill="none" stroke="${p.ink}" stroke-width="2" stroke-dasharray="3 9" opacity="0.4"/>`,
    );
  }
  parts.push(
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="36" fill="${p.metal}"/><circle cx="${n(cx)}" cy="${n(cy)}" r="16" fill="${p.light}"/>`,
  );
  // Pencils or beads around it.
  for (let i = 0; i < 9; i++) {
    const a = pen.between(0, Math.PI * 2);
    const d = pen.between(380, 520);
    parts.push(
      `<circle cx="${n(cx + Math.cos(a) * d)}" cy="${n(cy + Math.sin(a) * d * 0.8)}" r="${n(pen.between(6, 14))}" fill="${pen.pick(p.main)}" opacity="0.7"/>`,
    );
  }
  return parts.join('');
}

function watercolor(pen: Pen): string {
  const { p } = pen;
  const parts: string[] = [];
  // Paper with washes of colour.
  const angle = pen.between(-4, 4);
  parts.push(
    `<g transform="rotate(${n(angle)} 520 400)">${shadow(pen, 540, 420, 460, 330, 0.12)}<rect x="100" y="110" width="820" height="580" rx="4" fill="#fffdf9"/>`,
  );
  for (let i = 0; i < 7; i++) {
    const x = pen.between(220, 800);
    const y = pen.between(220, 580);
    const colour = pen.pick([p.main[0], p.main[1], p.main[3], p.metal]);
    parts.push(
      `<path d="${blob(pen, x, y, pen.between(80, 160), 0.28, 11)}" fill="${radial(pen, colour, colour, 0.8, 0.35)}"/>`,
    );
    parts.push(
      `<path d="${blob(pen, x + 10, y + 6, pen.between(40, 80), 0.3, 9)}" fill="${colour}" opacity="0.35"/>`,
    );
  }
  // A calm horizon painted across: hills and a sun.
  parts.push(
    `<circle cx="${n(pen.between(300, 700))}" cy="${n(pen.between(260, 330))}" r="60" fill="${p.metal}" opacity="0.55"/>`,
    `<path d="M100 560 Q 320 ${n(pen.between(430, 500))} 520 540 T 920 520 L920 690 L100 690Z" fill="${p.main[2]}" opacity="0.35"/>`,
    '</g>',
  );
  // Brush and a cup of water.
  const bx = pen.between(900, 980);
  parts.push(
    `<g transform="rotate(${n(pen.between(20, 35))} ${n(bx)} 300)"><rect x="${n(bx)}" y="120" width="16" height="330" rx="8" fill="${p.ink}"/><rect x="${n(bx - 2)}" y="440" width="20" height="50" fill="#c8ccd2"/><path d="M${n(bx - 4)} 490 Q${n(bx + 8)} 600 ${n(bx + 8)} 610 Q${n(bx + 8)} 600 ${n(bx + 20)} 490Z" fill="${p.main[0]}"/></g>`,
    shadow(pen, 1040, 720, 110, 24),
    `<path d="M960 560 L1120 560 L1105 710 Q1040 725 975 710Z" fill="#dff1f5" opacity="0.9"/><ellipse cx="1040" cy="560" rx="80" ry="16" fill="${p.main[3]}" opacity="0.7"/>`,
  );
  return parts.join('');
}

function landscape(pen: Pen): string {
  const { p } = pen;
  const parts: string[] = [];
  const sunX = pen.between(300, 900);
  const sunY = pen.between(230, 330);
  parts.push(
    `<circle cx="${n(sunX)}" cy="${n(sunY)}" r="210" fill="${p.metal}" opacity="0.12"/><circle cx="${n(sunX)}" cy="${n(sunY)}" r="150" fill="${p.metal}" opacity="0.22"/><circle cx="${n(sunX)}" cy="${n(sunY)}" r="96" fill="${p.metal}"/>`,
  );
  const layers = 4;
  for (let i = 0; i < layers; i++) {
    const y = 430 + i * 85;
    let d = `M0 ${n(y)}`;
    for (let x = 0; x <= COVER_WIDTH; x += 200)
      d += ` Q${n(x + 100)} ${n(y + pen.between(-70, 30))} ${n(x + 200)} ${n(y + pen.between(-20, 20))}`;
    d += ` L${COVER_WIDTH} ${COVER_HEIGHT} L0 ${COVER_HEIGHT}Z`;
    parts.push(`<path d="${d}" fill="${p.main[[3, 1, 0, 2][i]!]}" opacity="${n(0.75 + i * 0.08)}"/>`);
  }
  // Birds and a few slow breath lines.
  for (let i = 0; i < 4; i++) {
    const x = pen.between(150, 1050);
    const y = pen.between(110, 260);
    const s = pen.between(14, 26);
    parts.push(
      `<path d="M${n(x - s)} ${n(y)} q${n(s / 2)} ${n(-s / 2)} ${n(s)} 0 q${n(s / 2)} ${n(-s / 2)} ${n(s)} 0" stroke="${p.ink}" stroke-width="3" fill="none" stroke-linecap="round" opacity="0.6"/>`,
    );
  }
  return parts.join('');
}

function circle(pen: Pen): string {
  const { p } = pen;
  const cx = cx0;
  const cy = cy0 + 20;
  const parts: string[] = [
    `<ellipse cx="${cx}" cy="${cy}" rx="440" ry="300" fill="${p.main[3]}" opacity="0.6"/>`,
    `<ellipse cx="${cx}" cy="${cy}" rx="440" ry="300" fill="none" stroke="${p.light}" stroke-width="10" stroke-dasharray="2 22" stroke-linecap="round"/>`,
  ];
  const seats = 10;
  for (let i = 0; i < seats; i++) {
    const a = (i / seats) * Math.PI * 2 + pen.between(-0.05, 0.05);
    const x = cx + Math.cos(a) * 330;
    const y = cy + Math.sin(a) * 210;
    const colour = [p.main[0], p.main[1], p.main[2]][i % 3]!;
    parts.push(
      shadow(pen, x + 8, y + 14, 78, 40, 0.16),
      `<ellipse cx="${n(x)}" cy="${n(y)}" rx="72" ry="46" fill="${colour}"/><ellipse cx="${n(x)}" cy="${n(y - 6)}" rx="52" ry="30" fill="${p.light}" opacity="0.25"/>`,
    );
  }
  // A plant at the centre: a pot seen from above with leaves.
  parts.push(
    shadow(pen, cx + 10, cy + 16, 110, 70, 0.2),
    `<circle cx="${cx}" cy="${cy}" r="78" fill="#c8755a"/><circle cx="${cx}" cy="${cy}" r="62" fill="#5b3a29"/>`,
  );
  for (let i = 0; i < 9; i++)
    parts.push(
      leaf(
        cx,
        cy,
        pen.between(90, 140),
        (i * 360) / 9 + pen.between(-10, 10),
        i % 2 ? '#6b8f71' : '#3e6b48',
        '#dfe8d6',
      ),
    );
  return parts.join('');
}

function pot(pen: Pen, x: number, base: number, w: number, h: number, colour: string, pattern: string) {
  const { p } = pen;
  const top = base - h;
  const plant: string[] = [];
  const kind = pen.pick(['succulent', 'leafy', 'cactus'] as const);
  if (kind === 'succulent') {
    for (let ring = 0; ring < 3; ring++)
      for (let i = 0; i < 7; i++)
        plant.push(
          leaf(
            x,
            top - 4,
            70 - ring * 18,
            -75 + (i * 150) / 6 + ring * 8,
            ['#7fae8a', '#a7c4a0', '#c9dfc0'][ring]!,
            undefined,
          ),
        );
  } else if (kind === 'leafy') {
    for (let i = 0; i < 7; i++)
      plant.push(
        leaf(
          x,
          top,
          pen.between(110, 170),
          -70 + i * 23 + pen.between(-6, 6),
          i % 2 ? '#5f8f66' : '#3e6b48',
          '#dfe8d6',
        ),
      );
  } else {
    plant.push(
      `<rect x="${n(x - 26)}" y="${n(top - 170)}" width="52" height="180" rx="26" fill="#6b8f71"/><rect x="${n(x + 20)}" y="${n(top - 110)}" width="60" height="30" rx="15" fill="#6b8f71"/><rect x="${n(x + 52)}" y="${n(top - 150)}" width="28" height="70" rx="14" fill="#6b8f71"/><circle cx="${n(x)}" cy="${n(top - 176)}" r="12" fill="${p.main[0]}"/>`,
    );
  }
  const body = `M${n(x - w / 2)} ${n(top)} L${n(x + w / 2)} ${n(top)} L${n(x + w * 0.38)} ${n(base)} L${n(x - w * 0.38)} ${n(base)}Z`;
  const clip = pen.id('pot');
  pen.defs.push(`<clipPath id="${clip}"><path d="${body}"/></clipPath>`);
  const stripes = Array.from({ length: 5 }, (_, i) => {
    const yy = top + 30 + i * (h / 5);
    return pattern === 'waves'
      ? `<path d="M${n(x - w / 2)} ${n(yy)} q${n(w / 8)} -14 ${n(w / 4)} 0 t${n(w / 4)} 0 t${n(w / 4)} 0 t${n(w / 4)} 0" stroke="${p.light}" stroke-width="5" fill="none" opacity="0.7"/>`
      : pattern === 'dots'
        ? Array.from(
            { length: 6 },
            (_, k) =>
              `<circle cx="${n(x - w / 2 + 20 + k * (w / 6))}" cy="${n(yy)}" r="6" fill="${p.light}" opacity="0.7"/>`,
          ).join('')
        : `<rect x="${n(x - w / 2)}" y="${n(yy)}" width="${n(w)}" height="8" fill="${p.light}" opacity="0.45"/>`;
  }).join('');
  return `${shadow(pen, x + 14, base + 4, w * 0.6, 22)}${plant.join('')}<path d="${body}" fill="${colour}"/><g clip-path="url(#${clip})">${stripes}</g><rect x="${n(x - w / 2 - 10)}" y="${n(top - 6)}" width="${n(w + 20)}" height="36" rx="8" fill="${colour}"/><rect x="${n(x - w / 2 - 10)}" y="${n(top + 24)}" width="${n(w + 20)}" height="6" fill="${p.ink}" opacity="0.12"/>`;
}

function pots(pen: Pen): string {
  const { p } = pen;
  const base = 660;
  const parts = [tabletop(pen, 620)];
  const count = 3;
  const patterns = ['waves', 'dots', 'bands'];
  for (let i = 0; i < count; i++) {
    const w = pen.between(190, 250);
    const h = pen.between(170, 240);
    parts.push(
      pot(
        pen,
        250 + i * 350 + pen.between(-30, 30),
        base + (i === 1 ? 30 : 0),
        w,
        h,
        [p.main[0], p.main[1], p.main[2]][i]!,
        patterns[(i + Math.floor(pen.rand() * 3)) % 3]!,
      ),
    );
  }
  return parts.join('');
}

function candle(pen: Pen, x: number, base: number, w: number, h: number, glass: string, wax: string) {
  const { p } = pen;
  const top = base - h;
  const glowId = pen.id('glow');
  pen.defs.push(
    `<radialGradient id="${glowId}"><stop offset="0" stop-color="${p.metal}" stop-opacity="0.5"/><stop offset="1" stop-color="${p.metal}" stop-opacity="0"/></radialGradient>`,
  );
  const glow = `url(#${glowId})`;
  return `<circle cx="${n(x)}" cy="${n(top - 40)}" r="150" fill="${glow}"/>${shadow(pen, x + 12, base + 4, w * 0.7, 22)}<rect x="${n(x - w / 2)}" y="${n(top)}" width="${n(w)}" height="${n(h)}" rx="24" fill="${glass}" opacity="0.85"/><rect x="${n(x - w / 2 + 12)}" y="${n(top + 30)}" width="${n(w - 24)}" height="${n(h - 44)}" rx="16" fill="${wax}"/><rect x="${n(x - w / 2 + 18)}" y="${n(top + h * 0.45)}" width="${n(w - 36)}" height="${n(h * 0.3)}" rx="6" fill="${p.light}" opacity="0.9"/><circle cx="${n(x)}" cy="${n(top + h * 0.6)}" r="${n(Math.min(w, h) * 0.09)}" fill="${p.main[1]}"/><line x1="${n(x)}" y1="${n(top + 30)}" x2="${n(x)}" y2="${n(top + 6)}" stroke="${p.ink}" stroke-width="4"/><path d="M${n(x)} ${n(top - 58)} Q${n(x + 22)} ${n(top - 14)} ${n(x)} ${n(top + 6)} Q${n(x - 22)} ${n(top - 14)} ${n(x)} ${n(top - 58)}Z" fill="${p.metal}"/><path d="M${n(x)} ${n(top - 30)} Q${n(x + 9)} ${n(top - 6)} ${n(x)} ${n(top + 4)} Q${n(x - 9)} ${n(top - 6)} ${n(x)} ${n(top - 30)}Z" fill="#fff6d8"/><rect x="${n(x - w / 2 + 10)}" y="${n(top + 10)}" width="14" height="${n(h - 40)}" rx="7" fill="#ffffff" opacity="0.35"/>`;
}

function candles(pen: Pen): string {
  const { p } = pen;
  const base = 660;
  const parts = [tabletop(pen, 610)];
  const waxes = ['#f6efe6', '#efe3f3', '#f3ead2'];
  for (let i = 0; i < 3; i++) {
    const w = pen.between(190, 230);
    const h = pen.between(210, 290);
    parts.push(
      candle(
        pen,
        280 + i * 320 + pen.between(-20, 20),
        base + (i === 1 ? 20 : 0),
        w,
        h,
        [p.main[3], p.main[1], p.main[0]][i]!,
        waxes[i]!,
      ),
    );
  }
  // Sprigs of lavender and eucalyptus on the table.
  for (let i = 0; i < 6; i++)
    parts.push(
      `<circle cx="${n(120 + i * 14)}" cy="${n(720 - i * 18)}" r="9" fill="${p.main[0]}" opacity="0.8"/>`,
    );
  parts.push(leaf(1080, 740, 90, -60, '#7fae8a'), leaf(1100, 730, 80, -20, '#a7c4a0'));
  return parts.join('');
}

function pigments(pen: Pen): string {
  const { p } = pen;
  const parts: string[] = [];
  const cols = 4;
  const rows = 3;
  const hues = [
    p.main[0],
    p.main[1],
    p.main[2],
    p.main[3],
    p.metal,
    '#4fb3bf',
    '#7b5ea7',
    '#c8553d',
    '#6b8f71',
    '#e9c46a',
    '#0b3c5d',
    '#f08fb3',
  ];
  let k = Math.floor(pen.rand() * hues.length);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const x = 270 + c * 220 + (r % 2) * 20;
      const y = 190 + r * 210;
      const hue = hues[k++ % hues.length]!;
      parts.push(
        shadow(pen, x + 10, y + 16, 98, 90, 0.16),
        `<circle cx="${x}" cy="${y}" r="86" fill="#e9eef2"/><circle cx="${x}" cy="${y}" r="72" fill="${radial(pen, '#ffffff', hue, 0.9, 1)}"/>`,
        `<path d="M${x - 40} ${y + 10} q20 -30 40 -8 t40 -6" stroke="#ffffff" stroke-width="6" fill="none" opacity="0.55" stroke-linecap="round"/>`,
      );
    }
  parts.push(flecks(pen, 1080, 640, 90, 20, p.metal));
  return parts.join('');
}

function clay(pen: Pen): string {
  const { p } = pen;
  const parts = [tabletop(pen, 580)];
  // A block of clay in its wrapper, a small pot and modelling tools.
  parts.push(
    shadow(pen, 420, 690, 240, 40),
    `<path d="M220 480 L560 440 L640 520 L640 660 L300 700 L220 620Z" fill="#eee8e1"/><path d="M220 480 L560 440 L640 520 L300 560Z" fill="#faf7f3"/><path d="M300 560 L640 520 L640 660 L300 700Z" fill="#e2d9cf"/><path d="M300 560 L300 700 L220 620 L220 480Z" fill="#d6cbbe"/>`,
    `<path d="M320 540 Q 420 500 520 520" stroke="${p.main[2]}" stroke-width="3" fill="none" opacity="0.25"/>`,
  );
  parts.push(pot(pen, 880, 690, 200, 170, p.main[0], pen.pick(['waves', 'dots', 'bands'])));
  const tilt = pen.between(-8, 8);
  parts.push(
    `<g transform="rotate(${n(tilt)} 600 240)">${shadow(pen, 600, 300, 330, 26)}<rect x="300" y="210" width="600" height="64" rx="32" fill="#d9b48a"/><rect x="220" y="228" width="90" height="28" rx="14" fill="#b3855a"/><rect x="890" y="228" width="90" height="28" rx="14" fill="#b3855a"/><rect x="330" y="222" width="540" height="10" rx="5" fill="#fff" opacity="0.35"/></g>`,
  );
  for (let i = 0; i < 4; i++)
    parts.push(
      leaf(
        170 + i * 80,
        740 - (i % 2) * 24,
        pen.between(90, 110),
        pen.between(-40, 40),
        i % 2 ? '#f4efe8' : p.main[3],
        p.main[2],
      ),
    );
  return parts.join('');
}

function resinKit(pen: Pen): string {
  const { p } = pen;
  const parts = [tabletop(pen, 600)];
  // Two bottles (resin and hardener), silicone moulds and a small pour.
  for (let i = 0; i < 2; i++) {
    const x = 200 + i * 190;
    const h = 330 - i * 40;
    parts.push(
      shadow(pen, x + 70, 676, 110, 26),
      `<rect x="${x}" y="${680 - h}" width="140" height="${h}" rx="26" fill="${i ? p.main[3] : '#f4f6f8'}"/><rect x="${x + 40}" y="${640 - h}" width="60" height="50" rx="10" fill="${p.main[2]}"/><rect x="${x + 18}" y="${760 - h}" width="104" height="120" rx="10" fill="${p.main[0]}"/><rect x="${x + 30}" y="${786 - h}" width="80" height="12" rx="6" fill="${p.light}"/><rect x="${x + 30}" y="${810 - h}" width="56" height="10" rx="5" fill="${p.light}" opacity="0.7"/>`,
    );
  }
  const moulds = [
    [720, 470, 'circle'],
    [930, 440, 'heart'],
    [840, 640, 'hex'],
  ] as const;
  for (const [x, y, shape] of moulds) {
    parts.push(shadow(pen, x + 8, y + 80, 120, 26));
    parts.push(`<rect x="${x - 110}" y="${y - 100}" width="220" height="200" rx="40" fill="${p.main[1]}"/>`);
    const inner =
      shape === 'circle'
        ? `<circle cx="${x}" cy="${y}" r="62"/>`
        : shape === 'heart'
          ? `<path d="M${x} ${y + 60} C ${x - 110} ${y - 10}, ${x - 50} ${y - 90}, ${x} ${y - 30} C ${x + 50} ${y - 90}, ${x + 110} ${y - 10}, ${x} ${y + 60}Z"/>`
          : `<polygon points="${Array.from({ length: 6 }, (_, k) => `${n(x + Math.cos((k * Math.PI) / 3) * 64)},${n(y + Math.sin((k * Math.PI) / 3) * 64)}`).join(' ')}"/>`;
    parts.push(`<g fill="${radial(pen, p.main[3], p.main[0], 1, 1)}">${inner}</g>`);
    parts.push(flecks(pen, x, y, 40, 6, p.metal));
  }
  return parts.join('');
}

function carvingKit(pen: Pen): string {
  const { p } = pen;
  const parts: string[] = [];
  // Rubber sheets fanned out, carving gouges and a print.
  for (let i = 0; i < 3; i++)
    parts.push(
      `<g transform="rotate(${n(-12 + i * 9 + pen.between(-3, 3))} 460 420)">${shadow(pen, 470, 450, 260, 200, 0.14)}<rect x="250" y="250" width="420" height="320" rx="10" fill="${['#f3b7a6', '#b9d7e8', '#f6d8a6'][i]}"/></g>`,
    );
  parts.push(
    `<g transform="rotate(-3 460 420)"><rect x="250" y="250" width="420" height="320" rx="10" fill="${p.main[3]}"/>${printMotif(pen, pen.pick(['leaf', 'sun', 'flower'] as const), 460, 410, 200, p.main[0])}</g>`,
  );
  for (let i = 0; i < 4; i++) {
    const x = 800 + i * 80;
    parts.push(
      `<g transform="rotate(${n(pen.between(-8, 8))} ${x} 400)">${shadow(pen, x + 10, 640, 40, 14)}<rect x="${x - 18}" y="200" width="36" height="230" rx="18" fill="#c89f74"/><rect x="${x - 8}" y="430" width="16" height="150" fill="#9aa3ad"/><path d="M${x - 8} 580 L${x} 610 L${x + 8} 580Z" fill="#7d8790"/></g>`,
    );
  }
  return parts.join('');
}

function bindingKit(pen: Pen): string {
  const { p } = pen;
  const parts: string[] = [];
  // A stack of papers, a spool of waxed thread, a curved needle and an awl.
  for (let i = 0; i < 4; i++)
    parts.push(
      `<g transform="rotate(${n(-10 + i * 6 + pen.between(-2, 2))} 460 400)">${i === 0 ? shadow(pen, 470, 430, 300, 240, 0.14) : ''}<rect x="200" y="180" width="520" height="420" rx="4" fill="${[p.main[3], '#fbf6ee', p.main[1], '#f4efe6'][i]}"/></g>`,
    );
  parts.push(
    `<g transform="rotate(4 460 400)"><rect x="200" y="180" width="520" height="420" rx="4" fill="#fffdf9"/>${Array.from({ length: 9 }, (_, i) => `<circle cx="${240 + i * 55}" cy="220" r="4" fill="${p.ink}" opacity="0.4"/>`).join('')}</g>`,
  );
  parts.push(
    shadow(pen, 920, 330, 120, 30),
    `<rect x="830" y="170" width="180" height="150" rx="16" fill="#c89f74"/><rect x="840" y="190" width="160" height="110" fill="${p.main[0]}"/>${Array.from({ length: 9 }, (_, i) => `<line x1="840" y1="${196 + i * 12}" x2="1000" y2="${196 + i * 12}" stroke="${p.main[2]}" stroke-width="2" opacity="0.5"/>`).join('')}`,
    `<path d="M920 300 C 940 420, 760 520, 860 640" stroke="${p.main[0]}" stroke-width="4" fill="none"/>`,
    `<path d="M860 640 Q 930 700 1000 620" stroke="#9aa3ad" stroke-width="7" fill="none" stroke-linecap="round"/>`,
    shadow(pen, 1000, 720, 120, 18),
    `<g transform="rotate(-28 980 560)"><rect x="900" y="540" width="120" height="40" rx="20" fill="${p.main[2]}"/><rect x="1020" y="555" width="150" height="10" fill="#9aa3ad"/><path d="M1170 555 L1200 560 L1170 565Z" fill="#7d8790"/></g>`,
  );
  return parts.join('');
}

const DRAW: Record<
  CoverMotif,
  (pen: Pen) => { body: string; backdrop: 'dots' | 'confetti' | 'arcs' | 'plain' }
> = {
  resin: (pen) => ({ body: resinTray(pen, false), backdrop: 'dots' }),
  flowers: (pen) => ({ body: resinTray(pen, true), backdrop: 'plain' }),
  jewelry: (pen) => ({ body: jewelry(pen), backdrop: 'plain' }),
  books: (pen) => ({ body: books(pen), backdrop: 'dots' }),
  notebooks: (pen) => ({ body: notebooks(pen), backdrop: 'confetti' }),
  stamps: (pen) => ({
    body: stamps(
      pen,
      pen.pick([
        ['leaf', 'sun'],
        ['flower', 'wave'],
        ['sun', 'wave', 'leaf'],
      ] as PrintKind[][]),
    ),
    backdrop: 'plain',
  }),
  tote: (pen) => ({ body: tote(pen), backdrop: 'dots' }),
  gifts: (pen) => ({ body: gifts(pen), backdrop: 'confetti' }),
  mandala: (pen) => ({ body: mandala(pen), backdrop: 'arcs' }),
  watercolor: (pen) => ({ body: watercolor(pen), backdrop: 'plain' }),
  landscape: (pen) => ({ body: landscape(pen), backdrop: 'plain' }),
  circle: (pen) => ({ body: circle(pen), backdrop: 'arcs' }),
  pots: (pen) => ({ body: pots(pen), backdrop: 'dots' }),
  candles: (pen) => ({ body: candles(pen), backdrop: 'plain' }),
  pigments: (pen) => ({ body: pigments(pen), backdrop: 'confetti' }),
  clay: (pen) => ({ body: clay(pen), backdrop: 'dots' }),
  resinKit: (pen) => ({ body: resinKit(pen), backdrop: 'dots' }),
  carvingKit: (pen) => ({ body: carvingKit(pen), backdrop: 'plain' }),
  bindingKit: (pen) => ({ body: bindingKit(pen), backdrop: 'confetti' }),
};

/** Hearts instead of leaves, for a Mother's Day print; the stamps motif reads it from the name. */
function stampsFor(name: string): PrintKind[] | null {
  return /madre/i.test(name) ? ['heart', 'flower'] : null;
}

/**
 * The SVG cover of one item: its motif drawn in its palette, laid out from its name. Pure and
 * deterministic: the same arguments always give the same picture.
 */
export function coverSvg(cover: { name: string; motif: CoverMotif; palette: PaletteName }): string {
  const pen = makePen(PALETTES[cover.palette], rngFrom(hash(`${cover.motif}:${cover.name}`)));
  const hearts = cover.motif === 'stamps' ? stampsFor(cover.name) : null;
  const drawn = hearts ? { body: stamps(pen, hearts), backdrop: 'plain' as const } : DRAW[cover.motif](pen);
  const back = backdrop(pen, drawn.backdrop);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${COVER_WIDTH}" height="${COVER_HEIGHT}" viewBox="0 0 ${COVER_WIDTH} ${COVER_HEIGHT}"><defs>${pen.defs.join('')}</defs>${back}${drawn.body}</svg>`;
}
