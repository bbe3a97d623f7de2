// Canonical JSON: the audit chain hashes payloads and exports hash their data as this text, so
// it must stay exactly what it always was — JSON with every object's keys sorted — for any value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../electron/core/canonical-json';

/** The definition, by JSON.stringify itself: each object replaced by one with its keys sorted. */
const sortedByStringify = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );

describe('canonicalJson', () => {
  it('is JSON.stringify with sorted keys for any JSON value, undefined members left out', () => {
    const member = fc.oneof(
      fc.jsonValue(),
      fc.constant(undefined),
      fc.double(), // NaN and ±Infinity, written as null
      fc.string({ unit: 'binary' }), // lone surrogates, escaped
    );
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: 'small' }, member, tie('array'), tie('object')),
      array: fc.array(tie('any')),
      // Keys that read as array indices too: objects list those first, in numeric order.
      object: fc.dictionary(fc.oneof(fc.string(), fc.nat().map(String)), tie('any')),
    })).any;
    fc.assert(
      fc.property(value, (item) => {
        expect(canonicalJson(item)).toBe(sortedByStringify(item));
      }),
      { numRuns: 500 },
    );
  });

  it('writes the same text whatever order the keys were set in (index-like keys first)', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [2, { f: 3, e: null }], c: 'x' }, 10: true, 9: false }),
    ).toBe('{"9":false,"10":true,"a":{"c":"x","d":[2,{"e":null,"f":3}]},"b":1}');
    expect(canonicalJson([undefined, () => 1, { skip: undefined, fn: () => 1 }])).toBe(
      '[null,null,{}]',
    );
  });
});
