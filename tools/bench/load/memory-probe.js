// Preloaded into the api by the load bench: prints its memory every second as one `[mem] {json}` line.
// With --expose-gc it also collects garbage every 10 s and reports the heap left after it
// (`retained`): growth of that, not of `heapUsed`, is what a leak would show.
let retained;
let ticks = 0;
const timer = setInterval(() => {
  if (typeof global.gc === 'function' && ticks++ % 10 === 0) {
    global.gc();
    retained = process.memoryUsage().heapUsed;
  }
  const { rss, heapUsed, heapTotal } = process.memoryUsage();
  process.stderr.write(`[mem] ${JSON.stringify({ at: Date.now(), rss, heapUsed, heapTotal, retained })}\n`);
}, 1000);
timer.unref();
