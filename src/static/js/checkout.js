// The checkout's summary follows the choice: "Retiro en el taller" is free and needs no address
// (the address fields are disabled, so the browser neither checks nor sends them); "Despacho a
// domicilio" shows the chosen region's price and the total. The server prices the order again
// from its own table; this only tells the customer before they confirm.
(() => {
  const form = document.querySelector('form[data-checkout]');
  const island = document.getElementById('checkout-data');
  if (!form || !island) return;
  const { subtotalClp, prices } = JSON.parse(island.textContent || '{}');
  const fields = form.querySelector('[data-delivery-fields]');
  const region = form.querySelector('select[name="region"]');
  const shipping = form.querySelector('[data-shipping]');
  const total = form.querySelector('[data-total]');
  const clp = (n) => `$${Math.round(n).toLocaleString('es-CL')}`;

  const update = () => {
    const delivery = form.querySelector('input[name="entrega"]:checked')?.value === 'despacho';
    if (fields) {
      fields.disabled = !delivery;
      fields.hidden = !delivery;
    }
    if (!delivery) {
      shipping.textContent = 'Gratis';
      total.textContent = clp(subtotalClp);
      return;
    }
    const code = region?.value ?? '';
    const price = code ? prices[code] : undefined;
    if (!code || price === undefined) {
      shipping.textContent = 'Elige tu región';
      total.textContent = '—';
    } else if (price === null) {
      shipping.textContent = 'Sin despacho a esa región';
      total.textContent = '—';
    } else {
      shipping.textContent = clp(price);
      total.textContent = clp(subtotalClp + price);
    }
  };

  form.addEventListener('change', update);
  update();
})();
