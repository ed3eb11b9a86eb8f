/**
 * Raw-TCP helpers for HTTP-level tests: they send bytes fetch() refuses to send (bad request
 * lines, trickled headers, pipelined requests) and read the answers as bytes.
 */
import { connect, type Socket } from 'node:net';

export interface RawExchange {
  /** Every byte the server sent. */
  received: Buffer;
  /** Milliseconds from connecting until the end. */
  ms: number;
  /** Whether the connection was ever established. */
  connected: boolean;
  /** True when the server closed; false when `enough` ended it, or `timeoutMs` did (then `timedOut`). */
  closedByServer: boolean;
  timedOut: boolean;
  error?: string;
}

/**
 * Opens a TCP connection, runs `drive` (writes, timers), collects what comes back until the
 * server closes, `enough(received)` says all expected answers are in, or `timeoutMs` passes.
 */
export function rawExchange(
  host: string,
  port: number,
  drive: (socket: Socket) => void,
  timeoutMs: number,
  enough: (received: Buffer) => boolean = () => false,
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    const socket = connect(port, host);
    let connected = false;
    let error: string | undefined;
    let done = false;
    const finish = (closedByServer: boolean, timedOut: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        received: Buffer.concat(chunks),
        ms: performance.now() - started,
        connected,
        closedByServer,
        timedOut,
        error,
      });
    };
    const timer = setTimeout(() => finish(false, true), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (enough(Buffer.concat(chunks))) finish(false, false);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on('close', () => finish(true, false));
    socket.once('connect', () => {
      connected = true;
      drive(socket);
    });
  });
}

/** Sends `bytes` at once and collects the answer. */
export function rawRequest(host: string, port: number, bytes: string | Buffer, timeoutMs = 5000): Promise<RawExchange> {
  return rawExchange(host, port, (s) => s.write(bytes), timeoutMs);
}

/** Sends `bytes` one at a time, `intervalMs` apart, until the server closes or all are sent. */
export function trickle(
  host: string,
  port: number,
  bytes: string,
  intervalMs: number,
  timeoutMs: number,
): Promise<RawExchange> {
  return rawExchange(
    host,
    port,
    (socket) => {
      let at = 0;
      const timer = setInterval(() => {
        if (at >= bytes.length || socket.destroyed) return void clearInterval(timer);
        socket.write(bytes[at++]);
      }, intervalMs);
      socket.once('close', () => clearInterval(timer));
    },
    timeoutMs,
  );
}

export interface ParsedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ScannedResponses {
  /** Complete final responses (1xx interim answers skipped), in order. */
  responses: ParsedResponse[];
  /** Bytes after the last complete response: a response still coming, or cut off. */
  partial: boolean;
  /** Set when the bytes are not HTTP/1.x responses. */
  error?: string;
}

/** Where the response body starting at `at` ends, or -1 when it has not all come; throws on bad chunking. */
function chunkedEnd(data: Buffer, at: number, parts: Buffer[]): number {
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return -1;
    const sizeText = data.subarray(at, lineEnd).toString('latin1');
    const size = parseInt(sizeText, 16);
    if (!/^[0-9a-fA-F]+/.test(sizeText) || !Number.isFinite(size))
      throw new Error(`A chunk size must be hexadecimal, but got: ${JSON.stringify(sizeText.slice(0, 40))}`);
    at = lineEnd + 2;
    if (size === 0) return data.length >= at + 2 ? at + 2 : -1;
    if (data.length < at + size + 2) return -1;
    parts.push(data.subarray(at, at + size));
    at += size + 2;
  }
}

/**
 * Reads HTTP/1.x responses from `data`: bodies by Content-Length, chunked, or (neither) up to
 * the close, which only `closed` data has. The first `headRequests` responses have no body.
 */
export function scanResponses(data: Buffer, closed: boolean, headRequests = 0): ScannedResponses {
  const responses: ParsedResponse[] = [];
  let at = 0;
  try {
    while (at < data.length) {
      const end = data.indexOf('\r\n\r\n', at);
      if (end < 0) {
        if (!/^HTTP\/1\.[01] ?/.test(data.subarray(at, at + 9).toString('latin1')) && data.length - at >= 9)
          throw new Error(
            `An HTTP status line must read "HTTP/1.x NNN …", but got: ${JSON.stringify(data.subarray(at, at + 80).toString('latin1'))}`,
          );
        return { responses, partial: true };
      }
      const [statusLine, ...lines] = data.subarray(at, end).toString('latin1').split('\r\n');
      const m = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
      if (!m)
        throw new Error(
          `An HTTP status line must read "HTTP/1.x NNN …", but got: ${JSON.stringify(statusLine.slice(0, 80))}`,
        );
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon <= 0)
          throw new Error(`A response header must read "name: value", but got: ${JSON.stringify(line.slice(0, 80))}`);
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const status = Number(m[1]);
      const bodyStart = end + 4;
      if (status < 200) {
        at = bodyStart;
        continue;
      }
      let body: Buffer;
      if (responses.length < headRequests || status === 204 || status === 304) {
        body = Buffer.alloc(0);
        at = bodyStart;
      } else if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
        const parts: Buffer[] = [];
        const bodyEnd = chunkedEnd(data, bodyStart, parts);
        if (bodyEnd < 0) return { responses, partial: true };
        body = Buffer.concat(parts);
        at = bodyEnd;
      } else if (headers['content-length'] !== undefined) {
        const length = Number(headers['content-length']);
        if (data.length < bodyStart + length) return { responses, partial: true };
        body = data.subarray(bodyStart, bodyStart + length);
        at = bodyStart + length;
      } else {
        if (!closed) return { responses, partial: true };
        body = data.subarray(bodyStart);
        at = data.length;
      }
      responses.push({ status, headers, body: body.toString('utf8') });
    }
    return { responses, partial: false };
  } catch (error) {
    return { responses, partial: false, error: (error as Error).message };
  }
}

/** The responses in the bytes of a closed exchange; throws unless they are all whole HTTP. */
export function parseResponses(data: Buffer, headRequests = 0): ParsedResponse[] {
  const scanned = scanResponses(data, true, headRequests);
  if (scanned.error) throw new Error(scanned.error);
  if (scanned.partial)
    throw new Error(
      `A response must be whole, but the data ended inside one: ${JSON.stringify(data.toString('latin1').slice(-200))}`,
    );
  return scanned.responses;
}
