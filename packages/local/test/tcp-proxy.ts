/**
 * A TCP proxy between the app and PostgreSQL that a test can cut and restore, to stage a database
 * restart without touching the machine's shared server: while cut, new connections are refused.
 */
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** The local ports of the proxy's own connections to the target (how the target sees them). */
  upstreamPorts(): number[];
  /** Stops accepting: a new connection is refused at once. Connections already open stay. */
  refuseNew(): Promise<void>;
  /** Drops every open connection, both sides: the app sees the connection end (FIN). */
  dropAll(): void;
  /** Resets every open connection: the app sees ECONNRESET. */
  resetAll(): void;
  /** Accepts again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let server: Server | undefined;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(target.port, target.host);
        const pair = { client, upstream };
        pairs.add(pair);
        const drop = () => {
          pairs.delete(pair);
          client.destroy();
          upstream.destroy();
        };
        for (const socket of [client, upstream]) socket.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });

  // net.Server#close stops listening at once (its callback would wait for the open connections).
  const refuseNew = async () => {
    server?.close();
    server = undefined;
  };
  const dropAll = () => {
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };

  const resetAll = () => {
    for (const { client, upstream } of pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    pairs.clear();
  };

  await listen();
  return {
    get port() {
      return port;
    },
    upstreamPorts: () => [...pairs].map((p) => p.upstream.localPort).filter((p): p is number => p !== undefined),
    refuseNew,
    dropAll,
    resetAll,
    restore: listen,
    close: async () => {
      await refuseNew();
      dropAll();
    },
  };
}
