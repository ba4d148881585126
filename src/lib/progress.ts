/** A one-line progress bar on stderr for long CLI work; silent when stderr is not a terminal. */
export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  const interactive = stream.isTTY === true;
  let done = 0;
  let lastDraw = 0;
  const started = Date.now();
  const draw = (final = false) => {
    const now = Date.now();
    if (!final && now - lastDraw < 100) return;
    lastDraw = now;
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const width = 30;
    const filled = Math.round(ratio * width);
    const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${((now - started) / 1000).toFixed(1)}s`;
    if (interactive) stream.write(`\r${line}${final ? '\n' : ''}`);
    else if (final) stream.write(`${line}\n`);
  };
  return {
    tick(n = 1) {
      done += n;
      draw();
    },
    finish() {
      done = total;
      draw(true);
    },
  };
}
