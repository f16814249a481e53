export function runByNeeds<S extends { name: string; needs?: readonly string[] }, R>(
  suites: readonly S[],
  run: (suite: S) => Promise<R>,
): Promise<R[]>;
