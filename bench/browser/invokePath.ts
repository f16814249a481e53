/** Where the bench page posts its bridge calls: shared by the server and the in-page transport. */
export const INVOKE_PATH = '/__closeout-bench/invoke';
