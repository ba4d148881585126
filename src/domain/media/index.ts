// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export type { ImageOwner } from './media.queries';
export { findImageOwner } from './media.queries';
export { MAX_IMAGE_BYTES, mediaDir, removeImage, replaceImage, storeImage } from './media.service';
