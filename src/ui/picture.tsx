import { IMAGE_SIZES, type ImageSize, mediaUrl } from '../lib/images';

const PLACEHOLDER = '/static/img/placeholder.svg';

/**
 * Where a picture sits decides which stored copy a browser needs. `sizes` mirrors the CSS:
 * cards fill one column of the grid (one on a phone, up to four on a laptop), the page picture
 * the wide column of `.two-col`, a square thumbnail of 96 px. Width and height are the box's ratio
 * (CSS crops the pictures to it), so the page does not jump while pictures load.
 */
const LAYOUTS = {
  card: {
    src: 'card',
    sizes: '(min-width: 1120px) 270px, (min-width: 860px) 33vw, (min-width: 600px) 50vw, 100vw',
    width: 600,
    height: 400,
  },
  page: {
    src: 'page',
    sizes: '(min-width: 1120px) 720px, (min-width: 860px) 64vw, 100vw',
    width: 1200,
    height: 800,
  },
  thumb: { src: 'card', sizes: '96px', width: 96, height: 96 },
} as const satisfies Record<string, { src: ImageSize; sizes: string; width: number; height: number }>;
export type PictureLayout = keyof typeof LAYOUTS;

type Props = {
  /** The stored image's name, or null for the generic illustration. */
  name: string | null;
  /** "" when the picture only illustrates a title beside it. */
  alt: string;
  layout: PictureLayout;
  /** The first picture above the fold: loaded at once and first. Every other one waits (lazy). */
  eager?: boolean;
  class?: string;
};

/** Every cover and product picture on the public pages: srcset of the stored copies, lazy by default. */
export function Picture({ name, alt, layout, eager = false, class: className }: Props) {
  const { src, sizes, width, height } = LAYOUTS[layout];
  const srcset = name
    ? (Object.keys(IMAGE_SIZES) as ImageSize[])
        .map((size) => `${mediaUrl(name, size)} ${IMAGE_SIZES[size]}w`)
        .join(', ')
    : undefined;
  return (
    <img
      class={className}
      src={name ? mediaUrl(name, src) : PLACEHOLDER}
      srcset={srcset}
      sizes={name ? sizes : undefined}
      width={width}
      height={height}
      alt={alt}
      loading={eager ? undefined : 'lazy'}
      fetchpriority={eager ? 'high' : undefined}
      decoding="async"
    />
  );
}
