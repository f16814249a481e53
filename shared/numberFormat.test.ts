import { describe, expect, it } from 'vitest';
import { toDecimalString } from './decimal';
import { currencyPlaces, formatAmount, formatDecimal, formatMoney, formatPercent, formatPrice, formatQuantity, formatSigned, formatSignedMoney, signTone } from './numberFormat';

describe('formatDecimal, the exact value for tooltips and exports', () => {
  it('groups the integer part in thousands and keeps the fraction exactly as given', () => {
    expect(formatDecimal('1234567.8900')).toBe('1,234,567.8900');
    expect(formatDecimal('-12345.6')).toBe('-12,345.6');
    expect(formatDecimal('999')).toBe('999');
  });

  it('keeps digits that a binary float would lose', () => {
    expect(formatDecimal('12345678901234567890.123456789012345')).toBe('12,345,678,901,234,567,890.123456789012345');
  });

  it('shows a dash for a missing value, drops a plus sign and leaves text that is not a decimal alone', () => {
    expect(formatDecimal(null)).toBe('—');
    expect(formatDecimal('+1000')).toBe('1,000');
    expect(formatDecimal('n/a')).toBe('n/a');
  });
});

describe('formatPrice', () => {
  it('shows a price with the instrument digits the broker gives, padding and rounding half up', () => {
    expect(formatPrice('1.0842', { kind: 'digits', digits: 5 })).toBe('1.08420');
    expect(formatPrice('2341.155', { kind: 'digits', digits: 2 })).toBe('2,341.16');
    expect(formatPrice('36012', { kind: 'digits', digits: 0 })).toBe('36,012');
    expect(formatPrice('157.2144', { kind: 'digits', digits: 3 })).toBe('157.214');
  });

  it('rounds to the nearest tick and shows the tick size places', () => {
    expect(formatPrice('4890.37', { kind: 'tick', tick: toDecimalString('0.25') })).toBe('4,890.25');
    expect(formatPrice('4890.38', { kind: 'tick', tick: toDecimalString('0.25') })).toBe('4,890.50');
    expect(formatPrice('18560.24', { kind: 'tick', tick: toDecimalString('0.5') })).toBe('18,560.0');
    expect(formatPrice('38109', { kind: 'tick', tick: toDecimalString('5') })).toBe('38,110');
  });

  it('shows US equities in cents at a dollar and above and to four places below', () => {
    expect(formatPrice('1412.5', { kind: 'us_equity' })).toBe('1,412.50');
    expect(formatPrice('187.126', { kind: 'us_equity' })).toBe('187.13');
    expect(formatPrice('0.98765', { kind: 'us_equity' })).toBe('0.9877');
    expect(formatPrice('1', { kind: 'us_equity' })).toBe('1.00');
  });

  it('keeps every digit, grouped, when the instrument scale is not known', () => {
    expect(formatPrice('42350.753', null)).toBe('42,350.753');
    expect(formatPrice(null, { kind: 'us_equity' })).toBe('—');
  });
});

describe('formatQuantity', () => {
  it('pads a quantity to its unit step places', () => {
    expect(formatQuantity('0.1', '0.01')).toBe('0.10');
    expect(formatQuantity('1500', '1')).toBe('1,500');
    expect(formatQuantity('12000', '0.01')).toBe('12,000.00');
  });

  it('never rounds a quantity, and does not pad fractional shares to nine places', () => {
    expect(formatQuantity('0.123456789', '0.000000001')).toBe('0.123456789');
    expect(formatQuantity('2.5', '0.000000001')).toBe('2.5');
    expect(formatQuantity('0.015', '0.01')).toBe('0.015');
  });
});

describe('money', () => {
  it('rounds to two places for currencies with cents, with separators', () => {
    expect(formatMoney('48210.365', 'USD')).toBe('48,210.37');
    expect(formatMoney('-1234567.8', 'EUR')).toBe('-1,234,567.80');
    expect(formatMoney('-0.004', 'USD')).toBe('0.00');
  });

  it('uses the currency minor unit: none for yen, three for dinars, two when unknown', () => {
    expect(currencyPlaces('JPY')).toBe(0);
    expect(currencyPlaces('kwd')).toBe(3);
    expect(currencyPlaces(null)).toBe(2);
    expect(currencyPlaces('not a code')).toBe(2);
    expect(formatMoney('1234567.5', 'JPY')).toBe('1,234,568');
    expect(formatMoney('12.3456', 'KWD')).toBe('12.346');
  });

  it('writes money in sentences with its currency', () => {
    expect(formatAmount('48210.37', 'USD')).toBe('48,210.37 USD');
    expect(formatAmount('48210.371', null)).toBe('48,210.37');
  });

  it('writes a plus sign only on gains that survive rounding', () => {
    expect(formatSignedMoney('1500.255', 'USD')).toBe('+1,500.26');
    expect(formatSignedMoney('-1500.25', 'USD')).toBe('-1,500.25');
    expect(formatSignedMoney('0.001', 'USD')).toBe('0.00');
  });
});

describe('signed values and ratios', () => {
  it('tells a gain, a loss and zero apart', () => {
    expect(signTone('12.5')).toBe('positive');
    expect(signTone('-0.01')).toBe('negative');
    expect(signTone('-0.00')).toBe('neutral');
    expect(signTone(null)).toBe('neutral');
  });

  it('writes a plus sign on gains only', () => {
    expect(formatSigned('1500.25')).toBe('+1,500.25');
    expect(formatSigned('-1500.25')).toBe('-1,500.25');
    expect(formatSigned('0')).toBe('0');
  });

  it('writes percentages with their sign and unit, to two places rounded half up', () => {
    expect(formatPercent('12.5')).toBe('+12.50 %');
    expect(formatPercent('1.89483657034581')).toBe('+1.89 %');
    expect(formatPercent('-2.005')).toBe('-2.01 %');
    expect(formatPercent('-0.001')).toBe('0.00 %');
    expect(formatPercent('1234.5')).toBe('+1,234.50 %');
    expect(formatPercent(null)).toBe('—');
  });
});
