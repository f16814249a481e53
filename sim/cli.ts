import { startDemoBrokers } from './demo';

function parsePort(args: readonly string[]): number | undefined {
  const index = args.indexOf('--port');
  if (index === -1) return undefined;
  const value = Number(args[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error('--port needs a port number from 1 to 65535');
  }
  return value;
}

async function main(): Promise<void> {
  const port = parsePort(process.argv.slice(2));
  const demo = await startDemoBrokers(port === undefined ? {} : { port });
  // These are simulator credentials generated for this run, printed so a person can paste them into the app.
  for (const broker of demo.brokers) {
    console.log(`${broker.connectionName} (${broker.broker})`);
    console.log(`  URL     ${broker.baseUrl}`);
    if (broker.keyId !== undefined) console.log(`  key id  ${broker.keyId}`);
    if (broker.login !== undefined) console.log(`  login   ${broker.login}`);
    console.log(`  secret  ${broker.secret}`);
  }
  console.log('Simulators are running. Press Ctrl-C to stop.');
  const stop = (): void => {
    demo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
