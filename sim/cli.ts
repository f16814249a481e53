import { MAX_SIM_ACCOUNTS } from './alpaca/manyAccounts';
import { startDemoBrokers } from './demo';

function wholeNumberFlag(args: readonly string[], flag: string, low: number, high: number, what: string): number | undefined {
  const index = args.indexOf(flag);
  if (index === -1) return undefined;
  const value = Number(args[index + 1]);
  if (!Number.isInteger(value) || value < low || value > high) {
    throw new Error(`${flag} needs ${what} from ${low} to ${high}`);
  }
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = wholeNumberFlag(args, '--port', 1, 65535, 'a port number');
  // --alpaca-accounts 100000: the demo book's eight accounts and empty ones after them, to page past 1,000 an answer.
  const alpacaAccounts = wholeNumberFlag(args, '--alpaca-accounts', 8, MAX_SIM_ACCOUNTS, 'an account count');
  const demo = await startDemoBrokers({ port, alpacaAccounts });
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
