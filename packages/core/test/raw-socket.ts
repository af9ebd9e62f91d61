import { connect } from 'node:net';
import type { RunningServer } from '../src/node';

/**
 * Writes `raw` (an HTTP request as bytes) on a new connection and calls `server.close()` in the same
 * tick, so the request reaches the server while it is closing. Resolves with everything the
 * server wrote before the connection closed, and the close itself.
 */
export async function sendAsServerCloses(
  server: RunningServer,
  raw: string,
): Promise<{ answer: Promise<string>; closing: Promise<void> }> {
  const socket = connect({ host: '127.0.0.1', port: server.port });
  await new Promise((resolve) => socket.once('connect', resolve));
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    text += chunk;
  });
  const answer = new Promise<string>((resolve) => {
    socket.once('close', () => resolve(text));
  });
  socket.write(raw);
  return { answer, closing: server.close() };
}
