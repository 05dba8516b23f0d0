/** A text progress bar on stderr: redrawn in place on a terminal, a line per 10% otherwise. */
export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): (done: number, total: number) => void {
  const started = Date.now();
  let lastDecile = -1;
  return (done, total) => {
    const fraction = total === 0 ? 1 : Math.min(1, done / total);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${seconds}s`,
      );
      if (done >= total) stream.write('\n');
      return;
    }
    const decile = Math.floor(fraction * 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      stream.write(
        `${label} [${'#'.repeat(decile * 3)}${'-'.repeat(30 - decile * 3)}] ${done}/${total} ${seconds}s\n`,
      );
    }
  };
}
