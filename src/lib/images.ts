/**
 * The copies kept of every stored image (an upload or a seeded cover) and where they are served.
 * Here, below the domain, because the media module writes them and the picture component links to
 * them: both must agree on the widths.
 */
export const IMAGE_SIZES = { card: 600, page: 1200 } as const;
export type ImageSize = keyof typeof IMAGE_SIZES;

/** "/media/card/<name>": stored names are generated and never reused, so the URL is immutable. */
export const mediaUrl = (name: string, size: ImageSize) => `/media/${size}/${name}`;
