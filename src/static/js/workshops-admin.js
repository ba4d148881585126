// Back office: ask before destructive one-click actions (forms marked data-confirm). Without
// JavaScript the form still works; the workshop-level actions have their own confirmation page.
document.addEventListener('DOMContentLoaded', () => {
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
});
