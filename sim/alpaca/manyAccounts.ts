import { seededRandom } from '../shared/random';
import type { AccountHoldings, AccountStatus, AlpacaAccount, AlpacaSimData } from './types';

/** The most accounts the simulator builds on request: a large broker-dealer's book, and the Closeout bench's size. */
export const MAX_SIM_ACCOUNTS = 200_000;

const GIVEN = ['Ava', 'Ben', 'Chloe', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam', 'Mei', 'Nadia', 'Oscar', 'Pia', 'Quinn', 'Rosa', 'Sami', 'Tariq', 'Uma', 'Victor', 'Wen', 'Yara', 'Zane'];
const FAMILY = ['Abara', 'Berg', 'Castillo', 'Dubois', 'Eriksen', 'Fontaine', 'Gupta', 'Hoffmann', 'Ivanova', 'Jansen', 'Kato', 'Lindqvist', 'Moreau', 'Nakamura', 'Osei', 'Petrov', 'Quiroga', 'Rossi', 'Silva', 'Toure', 'Ueda', 'Varga', 'Weber', 'Xu', 'Yilmaz', 'Zielinski', 'Adeyemi', 'Brennan', 'Costa', 'Dalton', 'Ekstrom'];
const MINUTE = 60_000;

/** The status of the generated account at `position`: mostly active, with the other states a support desk meets. */
function statusAt(position: number): AccountStatus {
  if (position % 97 === 0) return 'ACCOUNT_CLOSED';
  if (position % 31 === 0) return 'APPROVED';
  if (position % 53 === 0) return 'DISABLED';
  return 'ACTIVE';
}

/**
 * The account at `position` in created_at order (1-based): number 9 followed by the position in eight digits, so the
 * 100,000th account is 900100000 and a person can find any one by its place in the list.
 */
function generatedAccount(position: number, createdAt: number, id: string): AlpacaAccount {
  const given = GIVEN[position % GIVEN.length] as string;
  const family = FAMILY[Math.floor(position / GIVEN.length) % FAMILY.length] as string;
  return {
    id,
    account_number: String(900_000_000 + position),
    status: statusAt(position),
    crypto_status: 'PAPER_ONLY',
    currency: 'USD',
    last_equity: '0',
    created_at: new Date(createdAt).toISOString(),
    account_type: 'trading',
    contact: {
      email_address: `${given}.${family}.${position}@example.com`.toLowerCase(),
      phone_number: `+1212${String(position % 10_000_000).padStart(7, '0')}`,
      street_address: [`${(position % 900) + 100} Market St`],
      city: 'New York',
      state: 'NY',
      postal_code: '10004',
    },
    identity: {
      given_name: given,
      family_name: family,
      date_of_birth: '1980-01-01',
      country_of_tax_residence: 'USA',
      funding_source: ['employment_income'],
    },
  };
}

/**
 * `data` with empty accounts added after its own until the book holds `total`, one minute apart and newer than every
 * account in it, the same on every call: for paging past Alpaca's 1,000 accounts an answer and for the benches.
 */
export function withManyAccounts(data: AlpacaSimData, total: number): AlpacaSimData {
  if (!Number.isInteger(total) || total < data.accounts.length || total > MAX_SIM_ACCOUNTS) {
    throw new Error(`the account count must be a whole number from ${data.accounts.length} to ${MAX_SIM_ACCOUNTS}`);
  }
  const newest = Math.max(0, ...data.accounts.map((holdings) => Date.parse(holdings.account.created_at)));
  const rng = seededRandom(total);
  const added: AccountHoldings[] = [];
  for (let position = data.accounts.length + 1; position <= total; position += 1) {
    const account = generatedAccount(position, newest + position * MINUTE, rng.uuid());
    added.push({ account, cash: '0', positions: [], orders: [] });
  }
  return { assets: data.assets, accounts: [...data.accounts, ...added] };
}
