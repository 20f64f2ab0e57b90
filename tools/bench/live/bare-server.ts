/**
 * The baseline of `npm run bench:live`: a bare socket.io server with nothing behind it. An HTTP
 * `POST /tick/<id>` broadcasts `{ id }` to every connected client, so the same client code
 * measures HTTP request + socket.io fan-out with no event store, projector or catch-up logic.
 * `GET /loop-delay` answers its event-loop delay since the previous call.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { monitorOwnLoop } from './loop-delay';

const port = Number(process.env['PORT']);
const loop = monitorOwnLoop();
const http = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/loop-delay') {
    return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(loop.read()));
  }
  const id = /^\/tick\/(\d+)$/.exec(request.url ?? '')?.[1];
  if (request.method !== 'POST' || id === undefined) return void response.writeHead(404).end();
  request.resume();
  request.on('end', () => {
    live.emit('tick', { id: Number(id) });
    response.writeHead(200, { 'content-type': 'application/json' }).end(`{"id":${id}}`);
  });
});
const io = new Server(http, { serveClient: false });
const live = io.of('/live');
http.listen(port, '127.0.0.1', () => process.stdout.write(`bare socket.io ready on ${port}\n`));
process.on('SIGTERM', () => {
  void io.close();
  http.close(() => process.exit(0));
});
