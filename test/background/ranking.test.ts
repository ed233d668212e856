import { afterEach, describe, expect, it, vi } from 'vitest';
import { yieldToWaitingWork } from '../../lib/background/ranking';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('yieldToWaitingWork', () => {
  it('continues as a background-priority task where the runtime has a task scheduler', async () => {
    const postTask = vi.fn((task: () => void, _options: { priority: string }) =>
      Promise.resolve(task()),
    );
    vi.stubGlobal('scheduler', { postTask });
    await yieldToWaitingWork();
    expect(postTask).toHaveBeenCalledOnce();
    expect(postTask.mock.calls[0]![1]).toEqual({ priority: 'background' });
  });

  it('lets a task queued before it run first where there is none', async () => {
    vi.stubGlobal('scheduler', undefined);
    const order: string[] = [];
    setTimeout(() => order.push('queued before'), 0);
    await yieldToWaitingWork();
    order.push('ranking goes on');
    expect(order).toEqual(['queued before', 'ranking goes on']);
  });
});
