// Inside the widget's iframe: tells the page around it how tall the list is, so /widget.js can size
// the frame without a scrollbar. Only a number leaves the frame; any page may read it.
(() => {
  if (window.parent === window) return;
  let last = 0;
  const send = () => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'tmm-widget-height', height }, '*');
  };
  new ResizeObserver(send).observe(document.body);
  send();
})();
