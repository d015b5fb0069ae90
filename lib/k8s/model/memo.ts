// A definition built on its first use and kept: the generated modules declare ~800 definitions,
// and a run needs the few its objects' kinds reach (building all of them cost ~70 ms per process).

/** `build`, called once on the first call of the returned function; later calls return its value. */
export function memo<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
