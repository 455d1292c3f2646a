import { maxHeaderSize as defaultMaxHeaderSize, STATUS_CODES } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Connection timings of every service's HTTP server. Idle and header timeouts, no total one: an upload of
 * hundreds of MB at a slow rate may take longer than Node's default 5-minute `requestTimeout`, and that is
 * fine as long as its bytes keep coming.
 */
export interface ServerTimings {
  /**
   * How long an idle keep-alive connection stays open. Longer than the gateway's pool keeps one idle
   * (UPSTREAM_KEEP_ALIVE_MS, 30 s at most 60 s) and than the usual load balancer idle timeout (60 s), so a
   * client never sends on a connection this server is closing.
   */
  keepAliveTimeoutMs: number;
  /** Longest time to receive a request's headers (slow-header clients). */
  headersTimeoutMs: number;
  /** Longest silence while a request body is being received; the connection is dropped after it. */
  bodyIdleTimeoutMs: number;
}

export const SERVER_TIMINGS: ServerTimings = { keepAliveTimeoutMs: 65_000, headersTimeoutMs: 66_000, bodyIdleTimeoutMs: 2 * 60_000 };

/** Sets the timings and answers malformed requests in the one error shape. Call once the server listens. */
export function hardenHttpServer(server: Server, timings: Partial<ServerTimings> = {}): void {
  setServerTimings(server, { ...SERVER_TIMINGS, ...timings });
  answerClientErrors(server);
}

export function setServerTimings(server: Server, timings: ServerTimings): void {
  server.keepAliveTimeout = timings.keepAliveTimeoutMs;
  server.headersTimeout = timings.headersTimeoutMs;
  server.requestTimeout = 0; // no cap on a whole request: the body idle timeout below stops a stalled one
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (!hasBody) return;
    // Node destroys a socket whose timeout fires when nobody handles 'timeout'.
    req.socket.setTimeout(timings.bodyIdleTimeoutMs);
    req.once('end', () => {
      // Once the answer is out, Node has set the keep-alive timer itself: leave it.
      if (!res.writableFinished) req.socket.setTimeout(0);
    });
  });
}

/**
 * Node answers a request it cannot parse by itself, with an empty body (a URL over 16 kB gets a bare 431).
 * This answers in the one error shape instead, then closes the connection.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const answer = clientErrorBody(err.code, (server as Server & { maxHeaderSize?: number }).maxHeaderSize ?? defaultMaxHeaderSize);
    const body = JSON.stringify(answer);
    socket.end(
      `HTTP/1.1 ${answer.statusCode} ${answer.error}\r\n` +
        `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      () => socket.destroy(),
    );
  });
}

function statusOf(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT') return 408;
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return 413;
  return 400;
}

/** The answer to a request Node's parser refused, in the shape `{ statusCode, message, errors: [{ field, problems }] }`. */
export function clientErrorBody(code: string | undefined, maxHeaderSize: number) {
  const statusCode = statusOf(code);
  const [field, problem] =
    statusCode === 431
      ? ['headers', `the request line and headers together (the URL included) may be at most ${Math.round(maxHeaderSize / 1024)} kB`]
      : statusCode === 408
        ? ['request', 'the request did not arrive in time']
        : statusCode === 413
          ? ['body', 'a chunk extension is too long']
          : ['request', `not a valid HTTP/1.1 request${code ? ` (${code})` : ''}`];
  return { statusCode, error: STATUS_CODES[statusCode], message: problem, errors: [{ field, problems: [problem] }] };
}
