// Progressive enhancement shared by every page. The site works without it.
document.addEventListener('DOMContentLoaded', () => {
  // Confirm destructive actions: <form data-confirm="¿Seguro?">. The only handler of it on any
  // page, public or back office: a second one asked every question twice.
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
  // Prevent double submission of a form (a double click on "Pagar" or "Inscribirme").
  for (const form of document.querySelectorAll('form[method="post"]')) {
    form.addEventListener('submit', () => {
      for (const button of form.querySelectorAll('button[type="submit"]')) {
        setTimeout(() => {
          button.disabled = true;
        }, 0);
      }
    });
  }
  // Auto-submit selects marked data-autosubmit (filters, cart quantities).
  for (const el of document.querySelectorAll('[data-autosubmit]')) {
    el.addEventListener('change', () => el.form?.requestSubmit());
  }
  // "Imprimir" buttons (the gift card's printable page); hidden without JavaScript.
  for (const button of document.querySelectorAll('[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }
});
