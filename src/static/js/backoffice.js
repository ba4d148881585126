// Back office: progressive enhancement for lists. Every action also works without it.
document.addEventListener('DOMContentLoaded', () => {
  // "Select all" ticks every row checkbox that belongs to the same bulk form.
  for (const box of document.querySelectorAll('input[data-select-all]')) {
    const formId = box.dataset.selectAll;
    const rows = () => document.querySelectorAll(`input.row-select[form="${formId}"]`);
    box.addEventListener('change', () => {
      for (const row of rows()) row.checked = box.checked;
      updateCount(formId);
    });
    for (const row of rows()) row.addEventListener('change', () => updateCount(formId));
  }

  function updateCount(formId) {
    const count = document.querySelectorAll(`input.row-select[form="${formId}"]:checked`).length;
    for (const el of document.querySelectorAll(`[data-selected-count="${formId}"]`)) {
      el.textContent = count === 1 ? '1 fila seleccionada' : `${count} filas seleccionadas`;
    }
  }

  // A bulk action needs at least one selected row; say so before sending.
  for (const form of document.querySelectorAll('form[data-bulk]')) {
    form.addEventListener('submit', (event) => {
      const checked = document.querySelectorAll(`input.row-select[form="${form.id}"]:checked`).length;
      if (checked === 0) {
        event.preventDefault();
        window.alert('Selecciona al menos una fila de la lista.');
      }
    });
  }

  // Show only the fields of the chosen bulk action (e.g. subject and message for an e-mail).
  for (const select of document.querySelectorAll('select[data-bulk-action]')) {
    const form = select.form;
    const sync = () => {
      for (const panel of form.querySelectorAll('[data-for-action]')) {
        panel.hidden = panel.dataset.forAction !== select.value;
      }
    };
    select.addEventListener('change', sync);
    sync();
  }

  // The menu scrolls inside its frame (sideways on a phone, down on a laptop when taller than the
  // window): start it at the current page's link, without moving the page itself.
  const menu = document.querySelector('.staff-nav > ul');
  const current = menu?.querySelector('a[aria-current="page"]');
  if (menu && current) {
    const link = current.getBoundingClientRect();
    const frame = menu.getBoundingClientRect();
    if (menu.scrollWidth > menu.clientWidth) menu.scrollLeft += link.left - frame.left - 16;
    // Until the page scrolls, the sticky column's foot may be below the window: aim above that.
    const bottom = Math.min(frame.bottom, window.innerHeight);
    if (menu.scrollHeight > menu.clientHeight && link.bottom > bottom)
      menu.scrollTop += link.bottom - bottom + 16;
  }
});
