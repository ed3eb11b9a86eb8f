/**
 * Open-loop load in a worker thread: POSTs at a fixed rate whatever the server does, and times
 * each request from when it was due, not from when it was sent. A closed loop (autocannon's
 * connections each waiting for their answer) sends almost nothing while the server is frozen,
 * so a 4 s freeze would hide behind the p99; here it delays every request due during it.
 *
 * Started with workerData: PacedSpec; on the message 'stop' it stops sending, waits for the
 * answers in flight, and posts back the samples.
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface PacedSpec {
  url: string;
  bodies: string[];
  /** Requests per second, sent on schedule whether or not earlier ones were answered. */
  rate: number;
  /** Open connections at most; requests due beyond that wait (and that wait counts). */
  connections: number;
}

/** One request: when it was due (epoch ms), how long until its answer, and whether it was a 200. */
export interface PacedSample {
  dueAt: number;
  ms: number;
  ok: boolean;
}

const now = () => performance.timeOrigin + performance.now();

function post(agent: Agent, url: URL, body: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200));
        res.on('error', () => resolve(false));
      },
    );
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

function run(spec: PacedSpec): void {
  if (!/^http:\/\/127\.0\.0\.1:/.test(spec.url))
    throw new Error(`Benchmarks only target loopback, but got: ${spec.url}`);
  const url = new URL(spec.url);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const samples: PacedSample[] = [];
  const inFlight = new Set<Promise<void>>();
  const start = now();
  let sent = 0;
  let stopped = false;
  const send = (dueAt: number) => {
    const body = spec.bodies[sent % spec.bodies.length];
    const done = post(agent, url, body).then((ok) => {
      samples.push({ dueAt, ms: now() - dueAt, ok });
      inFlight.delete(done);
    });
    inFlight.add(done);
  };
  // Every tick sends all requests due by now, so a late timer never lowers the rate.
  const tick = () => {
    if (stopped) return;
    for (let due = start + (sent * 1000) / spec.rate; due <= now(); due = start + (sent * 1000) / spec.rate) {
      send(due);
      sent++;
    }
    setTimeout(tick, Math.max(0, start + (sent * 1000) / spec.rate - now()));
  };
  tick();
  parentPort!.once('message', async () => {
    stopped = true;
    while (inFlight.size) await Promise.all(inFlight);
    agent.destroy();
    parentPort!.postMessage(samples);
  });
}

run(workerData as PacedSpec);
