/** One at a time: operations that change what is served (reload, reindex) must not interleave. */
export type Serial = <T>(operation: () => Promise<T>) => Promise<T>;

export function createSerial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(operation: () => Promise<T>) => {
    const run = tail.then(operation);
    tail = run.catch(() => undefined);
    return run;
  };
}
