/**
 * A TCP relay between the system under test and a real server, to make that server fail the way
 * a crashed one does: `reset` answers the next bytes a client sends with a TCP reset (what a
 * killed PostgreSQL leaves its clients), `refuse` stops listening (a server that is down).
 */
import net from 'node:net';

export type ProxyMode = 'pass' | 'reset' | 'refuse';

export interface TcpProxy {
  port: number;
  setMode(mode: ProxyMode): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client).add(upstream);
    const forget = () => sockets.delete(client) && sockets.delete(upstream);
    client.on('close', forget);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.on('data', (chunk) => {
      if (mode === 'reset') {
        upstream.destroy();
        client.resetAndDestroy();
      } else upstream.write(chunk);
    });
    upstream.pipe(client);
  });
  const listen = () => new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  let port = 0;
  await listen();
  port = (server.address() as net.AddressInfo).port;
  return {
    port,
    async setMode(next) {
      if (next === 'refuse' && mode !== 'refuse') {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const s of sockets) s.destroy();
        await closed;
      }
      if (next !== 'refuse' && mode === 'refuse') await listen();
      mode = next;
    },
    async close() {
      for (const s of sockets) s.destroy();
      if (mode !== 'refuse') await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
