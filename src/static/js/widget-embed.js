// TMM's booking widget, served as /widget.js. A site pastes
//   <script src="https://<TMM's address>/widget.js" async></script>
// (optionally with data-categoria="<id>") where the list should appear: this inserts an iframe of
// /widget/talleres/ right after the tag, and resizes it to its content. Booking opens TMM's site.
(() => {
  const script = document.currentScript;
  if (!script) return;
  const origin = new URL(script.src).origin;
  const src = new URL('/widget/talleres/', origin);
  const categoria = script.dataset.categoria;
  if (categoria) src.searchParams.set('categoria', categoria);
  const frame = document.createElement('iframe');
  frame.src = src.toString();
  frame.title = 'Próximos talleres de TMM';
  frame.loading = 'lazy';
  frame.style.cssText = 'display:block;width:100%;max-width:100%;height:560px;border:0;';
  script.after(frame);
  window.addEventListener('message', (event) => {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    const data = event.data;
    if (data && data.type === 'tmm-widget-height' && Number.isFinite(data.height))
      frame.style.height = `${Math.min(Math.max(data.height, 120), 4000)}px`;
  });
})();
