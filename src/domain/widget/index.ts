// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export type { WidgetOrigin } from './widget.queries';
export { listWidgetOrigins } from './widget.queries';
export { addWidgetOrigin, frameAncestors, removeWidgetOrigin, widgetOrigin } from './widget.service';
