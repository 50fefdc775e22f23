import { describe, expect, it } from 'vitest';
import { decimal, duration, percent, relative } from './format';

const H = 3_600_000;

describe('dashboard formatting', () => {
  it('renders percentages, decimals and durations for people', () => {
    expect(percent(0.8734)).toBe('87%');
    expect(percent(null)).toBe('—');
    expect([decimal(3), decimal(12.345), decimal(1.333), decimal(0.5), decimal(0.04), decimal(9.99)]).toEqual(
      ['3', '12.3', '1.3', '0.5', '0.04', '10'],
    );
    expect([duration(1500), duration(95_000), duration(120_000), duration(null)]).toEqual([
      '1.5 s',
      '1 min 35 s',
      '2 min',
      '—',
    ]);
  });

  it('says how far a time is, both ways', () => {
    const now = 1_000 * H;
    expect(relative(now + 2 * H + 15 * 60_000, now)).toBe('in 2 h 15 min');
    expect(relative(now - 40 * 60_000, now)).toBe('40 min ago');
    expect(relative(now + 76 * H, now)).toBe('in 3 d 4 h');
    expect(relative(now - 1000, now)).toBe('just now');
    expect(relative(now + 2 * H - 10_000, now)).toBe('in 2 h');
    expect(relative(now + 48 * H - 60_000, now)).toBe('in 2 d');
  });
});
