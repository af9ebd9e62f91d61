/**
 * The floor for the gateway over HTTP: a bare node:http proxy with the gateway's keep-alive agent
 * and no checks at all (headers passed as they come, the answer piped back). What the gateway
 * costs above it is what its checks cost; what this costs is Node's HTTP on this machine.
 */
import { Agent, createServer, request } from 'node:http';
import { announce } from './shared';

const upstream = new URL(process.env.BENCH_UPSTREAM ?? '');
const agent = new Agent({ keepAlive: true, maxSockets: 512, scheduling: 'lifo' });
const server = createServer((req, res) => {
  const { host: _host, connection: _connection, ...headers } = req.headers;
  const forwarded = request(
    { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    },
  );
  forwarded.on('error', () => res.destroy());
  req.pipe(forwarded);
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => announce((server.address() as { port: number }).port));
