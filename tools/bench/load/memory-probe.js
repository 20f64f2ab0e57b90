// Preloaded into the api by the load bench: prints its memory every second as one `[mem] {json}` line.
const timer = setInterval(() => {
  const { rss, heapUsed, heapTotal } = process.memoryUsage();
  process.stderr.write(`[mem] ${JSON.stringify({ at: Date.now(), rss, heapUsed, heapTotal })}\n`);
}, 1000);
timer.unref();
