// A loopback port that refuses connections, for tests of "no answer from the API".
// Not an assumed-closed well-known port (9 may run a discard service): a port this
// process held and let go, then checked to refuse a connection.

import net from 'node:net';

/** A loopback port that refused a connection just now. */
export async function closedPort() {
  for (let attempt = 0; attempt < 5; attempt++) {
    const server = net.createServer();
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address();
    await new Promise((resolve) => server.close(resolve));
    const refused = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setTimeout(2_000, () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (e) => resolve(e.code === 'ECONNREFUSED'));
    });
    if (refused) return port;
  }
  throw new Error('no loopback port refused a connection in 5 tries');
}

/** `http://127.0.0.1:<closedPort()>`. */
export async function closedUrl() {
  return `http://127.0.0.1:${await closedPort()}`;
}
