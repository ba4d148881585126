// Draws the report charts with Chart.js (served from /static/vendor/). The figures come from the
// page's JSON data island (#reports-data), so there is no extra request and no inline script; every
// chart also has a table under it, so the page reads fine without this file.
(() => {
  const island = document.getElementById('reports-data');
  const Chart = window.Chart;
  if (!island || !Chart) return;
  const specs = JSON.parse(island.textContent || '[]');

  const clp = new Intl.NumberFormat('es-CL', {
    style: 'currency',
    currency: 'CLP',
    maximumFractionDigits: 0,
  });
  const count = new Intl.NumberFormat('es-CL');
  const pct = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1 });
  const format = (unit, value) =>
    unit === 'clp' ? clp.format(value) : unit === 'percent' ? `${pct.format(value)} %` : count.format(value);
  const COLORS = ['#d63384', '#7b4fa6', '#2f9e8f', '#e8a33d', '#4c6ef5', '#a61e4d', '#5c940d', '#868e96'];
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#2b2230';

  for (const spec of specs) {
    const canvas = document.querySelector(`canvas[data-chart="${spec.id}"]`);
    if (!canvas) continue;
    const doughnut = spec.type === 'doughnut';
    const valueAxis = spec.horizontal ? 'x' : 'y';
    const datasets = spec.datasets.map((d, i) => ({
      label: d.label,
      data: d.data,
      backgroundColor: doughnut
        ? spec.labels.map((_, j) => COLORS[j % COLORS.length])
        : COLORS[i % COLORS.length],
      borderRadius: doughnut ? 0 : 4,
    }));
    const options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion ? false : { duration: 300 },
      indexAxis: spec.horizontal ? 'y' : 'x',
      plugins: {
        legend: { display: doughnut || spec.datasets.length > 1, position: doughnut ? 'right' : 'top' },
        tooltip: {
          callbacks: {
            label: (item) => {
              const value = doughnut ? item.parsed : item.parsed[valueAxis];
              return `${item.dataset.label}: ${format(spec.unit, value)}`;
            },
          },
        },
      },
      onClick: (_event, elements) => {
        if (!spec.links || elements.length === 0) return;
        const href = spec.links[elements[0].index];
        if (href) window.location.assign(href);
      },
      onHover: (event, elements) => {
        if (spec.links) event.native.target.style.cursor = elements.length ? 'pointer' : 'default';
      },
    };
    if (!doughnut) {
      options.scales = {
        [valueAxis]: {
          beginAtZero: true,
          stacked: !!spec.stacked,
          max: spec.unit === 'percent' ? 100 : undefined,
          ticks: {
            callback: (value) => format(spec.unit, value),
            precision: spec.unit === 'count' ? 0 : undefined,
          },
        },
        [spec.horizontal ? 'y' : 'x']: { stacked: !!spec.stacked, ticks: { autoSkip: !spec.horizontal } },
      };
    }
    new Chart(canvas, { type: spec.type, data: { labels: spec.labels, datasets }, options });
    canvas.dataset.drawn = 'true';
  }
})();
