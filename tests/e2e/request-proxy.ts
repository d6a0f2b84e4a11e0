import { createServer, request as forward, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

export interface RecordingProxy {
  port: number;
  /** Every URL asked for through the proxy, in order: http as asked, https as `https://host:port/`. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 that records every request a browser sends through it and forwards only those to
 * 127.0.0.1 (the tests' own servers); anything else is refused, never sent out. Firefox's BiDi reports the
 * requests of tabs only, so the tests see the background page's and extension pages' requests here.
 */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((incoming: IncomingMessage, reply) => {
    const url = incoming.url ?? '';
    requests.push(url);
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reply.writeHead(400).end();
      return;
    }
    if (target.hostname !== '127.0.0.1' || target.protocol !== 'http:') {
      reply.writeHead(403, { 'content-type': 'text/plain' }).end('Refused by the tests’ proxy');
      return;
    }
    const outgoing = forward(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.pathname + target.search,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        reply.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(reply);
      },
    );
    outgoing.on('error', () => reply.writeHead(502).end());
    incoming.pipe(outgoing);
  });
  // https goes through CONNECT: recorded, and refused.
  server.on('connect', (incoming: IncomingMessage, socket: Socket) => {
    requests.push(`https://${incoming.url ?? ''}/`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The proxy has no TCP address');
  return {
    port: address.port,
    requests,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
