import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  isSalesforceIdShape,
  toSalesforceId15,
  toSalesforceId18,
} from '../../lib/crm/salesforce-id';

describe('Salesforce ids', () => {
  it.each([
    ['001i0000007BlV0', '001i0000007BlV0AAK'],
    ['00558000001N0Ke', '00558000001N0KeAAK'],
    ['001U0000004JEu4', '001U0000004JEu4IAG'],
  ])('converts %s to %s (published vectors)', (id15, id18) => {
    expect(toSalesforceId18(id15)).toBe(id18);
    expect(toSalesforceId18(id18)).toBe(id18);
    expect(toSalesforceId15(id18)).toBe(id15);
  });

  it('rejects an 18-character id whose checksum does not match', () => {
    expect(toSalesforceId18('001i0000007BlV0AAA')).toBeNull();
  });

  it.each([
    '',
    '00Q',
    '000000000000000',
    '00Q5g00000ABCD!',
    'abcdefghijklmno',
    '00Q5g00000ABCDeEAPX',
  ])('rejects malformed id %j', (id) => {
    expect(isSalesforceIdShape(id) && toSalesforceId18(id) !== null).toBe(false);
  });

  it('18-character form round-trips and only depends on the first 15 characters', () => {
    const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const id15 = fc
      .array(fc.constantFrom(...chars), { minLength: 12, maxLength: 12 })
      .map((a) => '00Q' + a.join(''));
    fc.assert(
      fc.property(id15, (id) => {
        const full = toSalesforceId18(id)!;
        expect(full).toHaveLength(18);
        expect(toSalesforceId18(full)).toBe(full);
        expect(toSalesforceId15(full)).toBe(id);
      }),
    );
  });
});
