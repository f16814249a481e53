/** Where the bench page posts its bridge calls: shared by the server and the in-page transport. */
export const INVOKE_PATH = '/__closeout-bench/invoke';
/** Where the page reads the server's clock, to place the server's times on its own. */
export const CLOCK_PATH = '/__closeout-bench/clock';
/** The time (ms since the epoch, the server's clock) the core's answer was ready, before it was handed to the page. */
export const LEFT_CORE_HEADER = 'x-closeout-bench-left-core';
/** Where the bench page reads the core's pushes, one JSON line each, for as long as the page lives. */
export const EVENTS_PATH = '/__closeout-bench/events';
