import { describe, expect, it } from 'vitest';
import { MAX_ACCOUNTS, parseAccountList } from './accountList';

describe('parseAccountList', () => {
  it('reads a pasted list separated by spaces, commas, semicolons and new lines, in order and once each', () => {
    expect(parseAccountList('9JA74XQ2, 4TRQ3MGG\n  KWPNG8MW;9JA74XQ2\r\n\n0d18ae51-3c94-4511-b209-101e1666416b')).toEqual({
      accounts: ['9JA74XQ2', '4TRQ3MGG', 'KWPNG8MW', '0d18ae51-3c94-4511-b209-101e1666416b'],
      errors: [],
    });
  });

  it('takes the account_number column of a CSV file and ignores the others', () => {
    const csv = 'name,account_number,note\r\n"Okafor, Maya",9JA74XQ2,"said ""close it"""\r\nDaniel Reyes,4TRQ3MGG,\r\n';
    expect(parseAccountList(csv)).toEqual({ accounts: ['9JA74XQ2', '4TRQ3MGG'], errors: [] });
  });

  it('prefers account_id over account_number and accepts spaced, capitalised headers after a byte-order mark', () => {
    expect(parseAccountList('\uFEFFAccount Number,Account ID\nN1,id-1\nN2,id-2\n').accounts).toEqual(['id-1', 'id-2']);
    expect(parseAccountList('Account\nN1\n').accounts).toEqual(['N1']);
  });

  it('names the line of a row with no account and of a value that is not an id', () => {
    const csv = 'account,comment\nN1,ok\n,"spans\ntwo lines"\nN 3,bad\n..,bad\n';
    expect(parseAccountList(csv)).toEqual({
      accounts: ['N1'],
      errors: [
        'line 3: no account in column account',
        'line 5: "N 3" is not an account id or number (letters, digits and . _ : / - only, at most 128)',
        'line 6: ".." is not an account id or number (letters, digits and . _ : / - only, at most 128)',
      ],
    });
  });

  it('refuses a pasted value with characters an id never has', () => {
    expect(parseAccountList('N1\nN2?x=1').errors).toEqual(['line 2: "N2?x=1" is not an account id or number (letters, digits and . _ : / - only, at most 128)']);
  });

  it('says when the list names no account, and when it names too many', () => {
    expect(parseAccountList(' \n\n').errors).toEqual(['the list names no account']);
    expect(parseAccountList('account_id\n').errors).toEqual(['the list names no account']);
    const many = Array.from({ length: MAX_ACCOUNTS + 1 }, (_, index) => `N${index}`).join('\n');
    expect(parseAccountList(many).errors).toEqual([`the list names ${MAX_ACCOUNTS + 1} accounts; at most ${MAX_ACCOUNTS} can be closed out in one run`]);
  });
});
