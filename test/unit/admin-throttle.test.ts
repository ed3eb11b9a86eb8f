import { describe, expect, it } from 'vitest';
import { AdminThrottle, clientKey } from '../../src/admin/admin.js';

describe('the admin throttle', () => {
  it('refuses a client after 5 failures in a minute, with Retry-After, until its minute ends', () => {
    let now = 0;
    const logs: Record<string, unknown>[] = [];
    const throttle = new AdminThrottle(
      (e) => logs.push(e),
      () => now,
    );
    for (let i = 0; i < 5; i++) {
      throttle.check('10.0.0.1');
      throttle.failed('10.0.0.1');
    }
    let refused: any;
    try {
      throttle.check('10.0.0.1');
    } catch (error) {
      refused = error;
    }
    expect(refused.extensions.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.extensions.http.status).toBe(429);
    expect(refused.extensions.http.headers.get('retry-after')).toBe('60');
    expect(() => throttle.check('10.0.0.2')).not.toThrow();
    expect(logs.map((e) => e.event)).toEqual([...Array(5).fill('admin-auth-failed'), 'admin-throttled']);
    now = 60_001;
    expect(() => throttle.check('10.0.0.1')).not.toThrow();
  });

  it('counts an IPv6 client by its /64, so rotating addresses within it does not help', () => {
    expect(clientKey('2001:db8:1:2:3:4:5:6')).toBe(clientKey('2001:db8:1:2::9'));
    expect(clientKey('2001:db8:1:3::9')).not.toBe(clientKey('2001:db8:1:2::9'));
    expect(clientKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
  });
});
