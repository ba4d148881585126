// Live seat counters: every element with data-seats-for="<workshop id>" (catalogue cards, the
// workshop page, the home page) is refreshed from /talleres/cupos.json every few seconds while the
// page is visible, so people at a launch see the real count without reloading.
(() => {
  const INTERVAL_MS = 5000;
  const elements = () => [...document.querySelectorAll('[data-seats-for]')];

  const render = (el, left) => {
    const level = left <= 0 ? 'none' : left <= 3 ? 'low' : 'ok';
    el.textContent = left <= 0 ? 'Agotado' : left === 1 ? 'Queda 1 cupo' : `Quedan ${left} cupos`;
    el.classList.remove('seats-ok', 'seats-low', 'seats-none');
    el.classList.add(`seats-${level}`);
    el.dataset.seatsLeft = String(left);
  };

  let timer;
  const poll = async () => {
    const targets = elements();
    if (targets.length === 0) return;
    const ids = [...new Set(targets.map((el) => el.dataset.seatsFor))].join(',');
    try {
      const response = await fetch(`/talleres/cupos.json?ids=${encodeURIComponent(ids)}`, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!response.ok) return;
      const { cupos } = await response.json();
      for (const el of targets) {
        const left = cupos[el.dataset.seatsFor];
        if (typeof left === 'number' && String(left) !== el.dataset.seatsLeft) render(el, left);
      }
    } catch {
      // Offline or the server is restarting: keep the last count and try again on the next tick.
    }
  };

  const start = () => {
    clearInterval(timer);
    timer = setInterval(poll, INTERVAL_MS);
  };
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) clearInterval(timer);
    else {
      poll();
      start();
    }
  });
  document.addEventListener('DOMContentLoaded', () => {
    if (elements().length > 0) start();
  });
})();
