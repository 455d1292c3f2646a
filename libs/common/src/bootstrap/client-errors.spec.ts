import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, Server } from 'node:http';
import { connect, AddressInfo } from 'node:net';
import { clientErrorBody, hardenHttpServer, SERVER_TIMINGS } from './client-errors';

describe('clientErrorBody', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'headers'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'request'],
    ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 413, 'body'],
    ['HPE_INVALID_METHOD', 400, 'request'],
    ['HPE_INVALID_HEADER_TOKEN', 400, 'request'],
    [undefined, 400, 'request'],
  ])('%s is a %i about %s, in the one shape', (code, statusCode, field) => {
    expect(clientErrorBody(code, 16 * 1024)).toEqual({
      statusCode,
      error: expect.any(String),
      message: expect.any(String),
      errors: [{ field, problems: [expect.any(String)] }],
    });
  });
});

describe('hardenHttpServer', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((req, res) => res.end('ok'));
    hardenHttpServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  /** Sends raw bytes and reads until the server closes the connection. */
  const raw = (bytes: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });

  it('sets idle and header timeouts, and no total request timeout', () => {
    expect([server.keepAliveTimeout, server.headersTimeout, server.requestTimeout]).toEqual([
      SERVER_TIMINGS.keepAliveTimeoutMs,
      SERVER_TIMINGS.headersTimeoutMs,
      0,
    ]);
  });

  it.each([
    [`GET /${'a'.repeat(17 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'headers'],
    ['GARBAGE\r\n\r\n', 400, 'request'],
    ['GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n', 400, 'request'],
  ])('answers a request Node cannot parse in JSON, in the one shape, and closes (%#)', async (bytes, status, field) => {
    const answer = await raw(bytes);
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(head.toLowerCase()).toContain('content-type: application/json');
    expect(head.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(body)).toMatchObject({ statusCode: status, errors: [{ field, problems: [expect.any(String)] }] });
  });
});
