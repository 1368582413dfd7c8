// A TCP relay in front of a sandbox: a page that talks to the relay loses the API when the
// relay stops (new connections refused, open ones cut, as when a server goes away) and
// gets it back when the relay starts again on the same port. The sandbox behind it keeps
// its state meanwhile. Bytes pass unchanged both ways.

import net from 'node:net';

/** A relay on a free loopback port to `target` (`http://127.0.0.1:PORT`). */
export async function startRelay(target) {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set();
  let server = null;
  let port = 0;

  const listen = () => new Promise((resolve, reject) => {
    server = net.createServer((client) => {
      const upstream = net.connect(Number(targetPort), hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      port = server.address().port;
      resolve();
    });
  });

  await listen();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    /** Stop accepting and cut every open connection: the API is gone. */
    async stop() {
      if (!server) return;
      const closing = new Promise((resolve) => server.close(resolve));
      for (const s of sockets) s.destroy();
      await closing;
      server = null;
    },
    /** Listen again on the same port: the API is back. */
    async start() {
      if (!server) await listen();
    },
  };
}
