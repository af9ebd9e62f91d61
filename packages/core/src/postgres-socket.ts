import { Socket } from 'node:net';

/** What postgres.js passes to its `socket` option: its parsed connection options. */
interface PostgresSocketOptions {
  host: string[];
  port: number[];
  path?: string | false;
}

/** How many passes of the event loop a socket's 'close' reaches postgres.js late. */
const CLOSE_DELAY_PASSES = 3;

/**
 * postgres.js (3.4.9) sends a short message on the next pass of the event loop (setImmediate) and
 * forgets its socket as soon as the socket closes. When a connection ends under a transaction, as
 * a database restart ends it, the transaction's ROLLBACK is such a message: it is scheduled after
 * the close, then written to the forgotten socket, throwing a TypeError from the timer that ends the
 * process; a message scheduled just before a close is instead kept and jams the connection's next
 * start, so it never reconnects (porsager/postgres#1208, #1154, #1066; fixes unreleased).
 *
 * This is the socket postgres.js would make for plain TCP, except that its 'close' event reaches
 * postgres.js a few passes of the event loop late, so whatever was scheduled by then is written
 * (to a closed socket, which drops it) before postgres.js forgets the socket, and the connection
 * settles its queries with CONNECTION_CLOSED and reconnects as designed. Over TLS postgres.js wraps
 * this socket in its own, whose close is not delayed: that path keeps the upstream behaviour.
 */
export function postgresSocket(options: PostgresSocketOptions): Socket {
  const socket = new Socket();
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  socket.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event !== 'close') return emit(event, ...args);
    let passes = CLOSE_DELAY_PASSES;
    // Told as a close without error, postgres.js fails every query still pending on the connection,
    // including those sent since the error it was already told of (it would otherwise keep them,
    // and pair the next connection's answers with them).
    const later = () => (--passes > 0 ? setImmediate(later) : emit(event, false));
    setImmediate(later);
    return socket.listenerCount('close') > 0;
  }) as Socket['emit'];
  const host = options.host[0] ?? 'localhost';
  const port = options.port[0] ?? 5432;
  // postgres.js names the server in its connection errors from these.
  Object.assign(socket, { host, port });
  // A server that just closes (no error message, no reset) would leave the queries in flight to
  // be failed by postgres.js's close handler, after the socket is forgotten; failed here they are
  // failed while it is still there, so what the failure makes postgres.js send (the ROLLBACK) is
  // scheduled before the close.
  socket.once('end', () => {
    if (socket.listenerCount('error') === 0) return;
    const where = options.path || `${host}:${port}`;
    emit(
      'error',
      Object.assign(new Error(`The database closed the connection (${where})`), { code: 'CONNECTION_CLOSED' }),
    );
  });
  if (options.path) socket.connect(options.path);
  else socket.connect(port, host);
  return socket;
}
