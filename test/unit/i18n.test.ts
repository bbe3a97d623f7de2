// The window's messages: {name} places filled, {name:one|other} agreeing with the number, and
// both languages holding the same keys with the same places.
import { describe, expect, it } from 'vitest';
import { formatTime } from '../../renderer/src/shared/format';
import { translate } from '../../renderer/src/shared/i18n';
import { enUS } from '../../renderer/src/shared/i18n/en-US';
import { zhCN } from '../../renderer/src/shared/i18n/zh-CN';

describe('translate', () => {
  it('chooses the English word that agrees with the number', () => {
    expect(translate('en-US', 'ranking.count', { n: 1 })).toBe('1 entry');
    expect(translate('en-US', 'ranking.count', { n: 0 })).toBe('0 entries');
    expect(translate('en-US', 'ranking.count', { n: 12 })).toBe('12 entries');
    expect(translate('en-US', 'rubrics.counts', { c: 1, g: 2 })).toBe('1 criterion · 2 gates');
    expect(translate('zh-CN', 'ranking.count', { n: 1 })).toBe(
      zhCN['ranking.count'].replace('{n}', '1'),
    );
  });

  it('will not compile a call that leaves a place without its value', () => {
    // @ts-expect-error -- no value for {n}: the user would read "{n}".
    expect(translate('en-US', 'ranking.count', {})).toBe('{n} {n:entry|entries}');
    // @ts-expect-error -- no values at all for a message with places.
    expect(translate('zh-CN', 'rounds.form.missingIds')).toBe(zhCN['rounds.form.missingIds']);
    // A message without places takes none.
    expect(translate('zh-CN', 'error.network')).toBe(zhCN['error.network']);
  });

  it('has every key in both languages, with the same places', () => {
    const places = (text: string) =>
      [...new Set([...text.matchAll(/\{(\w+)(?::[^}]*)?\}/g)].map((m) => m[1]))].sort();
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
    for (const key of Object.keys(zhCN) as Array<keyof typeof zhCN>) {
      expect(places(enUS[key]), key).toEqual(places(zhCN[key]));
    }
  });
});

describe('formatTime', () => {
  // A time of day whatever the machine's zone: local noon on 1 June 2025.
  const noon = new Date(2025, 5, 1, 14, 3).toISOString();

  it('writes a time the way each language does, on a 24-hour clock', () => {
    expect(formatTime('zh-CN', noon)).toBe('2025年6月1日 14:03');
    expect(formatTime('en-US', noon)).toBe('Jun 1, 2025, 14:03');
  });

  it('leaves a missing time empty and an unreadable one as it was', () => {
    expect(formatTime('zh-CN', null)).toBe('');
    expect(formatTime('en-US', 'not a time')).toBe('not a time');
  });
});
