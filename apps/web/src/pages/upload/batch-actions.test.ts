import { describe, expect, it } from 'vitest';
import { allowedActions } from './batch-actions';

describe('allowedActions', () => {
  it('follows the batch lifecycle', () => {
    expect(allowedActions('staging')).toEqual(['finalize', 'cancel']);
    expect(allowedActions('in_progress')).toEqual(['pause', 'cancel']);
    expect(allowedActions('paused')).toEqual(['resume', 'cancel']);
    expect(allowedActions('completed')).toEqual([]);
    expect(allowedActions('canceled')).toEqual([]);
    expect(allowedActions('unknown')).toEqual([]);
  });
});
