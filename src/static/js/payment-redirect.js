// The step to the payment provider: follow the form or link marked data-auto-forward at once, as
// the customer already chose to pay. Without scripts the button does the same with one more click.
document.addEventListener('DOMContentLoaded', () => {
  const target = document.querySelector('[data-auto-forward]');
  if (target instanceof HTMLFormElement) target.submit();
  else if (target instanceof HTMLAnchorElement) window.location.replace(target.href);
});
