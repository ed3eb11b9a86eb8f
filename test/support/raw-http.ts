/**
 * Raw-TCP helpers for HTTP-level tests: they send bytes fetch() refuses to send (bad request
 * lines, trickled headers, pipelined requests) and read the answers as bytes.
 */
import { connect, type Socket } from 'node:net';

export interface RawExchange {
  /** Every byte the server sent. */
  received: Buffer;
  /** Milliseconds from connecting until the server closed (or `timeoutMs`). */
  ms: number;
  /** False when the connection was still open at `timeoutMs` (then this side closed it). */
  closedByServer: boolean;
  error?: string;
}

/**
 * Opens a TCP connection, runs `drive` (writes, timers), collects what comes back until the
 * server closes, or gives up after `timeoutMs`.
 */
export function rawExchange(host: string, port: number, drive: (socket: Socket) => void, timeoutMs: number): Promise<RawExchange> {
  return new Promise((resolve) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    const socket = connect(port, host);
    let error: string | undefined;
    const timer = setTimeout(() => finish(false), timeoutMs);
    const finish = (closedByServer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ received: Buffer.concat(chunks), ms: performance.now() - started, closedByServer, error });
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => { error = e.code ?? e.message; });
    socket.on('close', () => finish(true));
    socket.once('connect', () => drive(socket));
  });
}

/** Sends `bytes` at once and collects the answer. */
export function rawRequest(host: string, port: number, bytes: string | Buffer, timeoutMs = 5000): Promise<RawExchange> {
  return rawExchange(host, port, (s) => s.write(bytes), timeoutMs);
}

/** Sends `bytes` one at a time, `intervalMs` apart, until the server closes or all are sent. */
export function trickle(host: string, port: number, bytes: string, intervalMs: number, timeoutMs: number): Promise<RawExchange> {
  return rawExchange(host, port, (socket) => {
    let at = 0;
    const timer = setInterval(() => {
      if (at >= bytes.length || socket.destroyed) return void clearInterval(timer);
      socket.write(bytes[at++]);
    }, intervalMs);
    socket.once('close', () => clearInterval(timer));
  }, timeoutMs);
}

export interface ParsedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Reads HTTP/1.1 responses from `data`, in order: interim 1xx answers skipped, bodies by
 * Content-Length or chunked, or to the end. Throws on anything that is not HTTP.
 */
export function parseResponses(data: Buffer, headRequests = 0): ParsedResponse[] {
  const out: ParsedResponse[] = [];
  let at = 0;
  while (at < data.length) {
    const end = data.indexOf('\r\n\r\n', at);
    if (end < 0) throw new Error(`An HTTP response head must end with CRLF CRLF, but got: ${JSON.stringify(data.subarray(at, at + 200).toString('latin1'))}`);
    const [statusLine, ...lines] = data.subarray(at, end).toString('latin1').split('\r\n');
    const m = /^HTTP\/1\.[01] (\d{3}) /.exec(statusLine + ' ');
    if (!m) throw new Error(`An HTTP status line must read "HTTP/1.x NNN …", but got: ${JSON.stringify(statusLine)}`);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(m[1]);
    at = end + 4;
    if (status < 200) continue;
    let body: Buffer;
    if (out.length < headRequests || status === 204 || status === 304) {
      body = Buffer.alloc(0);
    } else if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
      const parts: Buffer[] = [];
      for (;;) {
        const lineEnd = data.indexOf('\r\n', at);
        if (lineEnd < 0) throw new Error('A chunked body must end with a zero-size chunk, but the data ended first.');
        const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
        if (!Number.isFinite(size)) throw new Error(`A chunk size must be hexadecimal, but got: ${JSON.stringify(data.subarray(at, lineEnd).toString('latin1'))}`);
        at = lineEnd + 2;
        if (size === 0) {
          at += 2;
          break;
        }
        parts.push(data.subarray(at, at + size));
        at += size + 2;
      }
      body = Buffer.concat(parts);
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (at + length > data.length) throw new Error(`A body must have its Content-Length of ${length} bytes, but only ${data.length - at} came.`);
      body = data.subarray(at, at + length);
      at += length;
    } else {
      body = data.subarray(at);
      at = data.length;
    }
    out.push({ status, headers, body: body.toString('utf8') });
  }
  return out;
}
