/** One bounded autocannon run against loopback; returns requests/s and latency percentiles. */
import autocannon from 'autocannon';

export interface LoadFigures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface LoadSpec {
  name: string;
  url: string;
  bodies: string[];
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}

export async function runLoad(spec: LoadSpec): Promise<LoadFigures> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(spec.url))
    throw new Error(`Benchmarks only target loopback, but got: ${spec.url}`);
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    // The load generator runs in its own thread, not on the event loop of the server it measures.
    workers: 1,
    duration: spec.seconds,
    requests: spec.bodies.map((body) => ({
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...spec.headers },
    })),
  });
  return {
    name: spec.name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}
