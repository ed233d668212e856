import { describe, expect, it, vi } from 'vitest';
import { MessagingError, send } from '../../lib/messaging/client';
import { dispatch, listen, type Sender } from '../../lib/messaging/server';

const sender: Sender = { id: 'test' };
const detected = {
  ref: { crm: 'salesforce', tenant: 'acme', objectType: 'lead', recordId: '00Q5g00000ABCDeEAP' },
  url: 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000ABCDeEAP/view',
  adapterId: 'salesforce-lightning',
  fields: { name: { value: 'Dana Whitfield', provenance: { source: 'dom', detail: 'h1' } } },
} as const;

describe('dispatch (the background receiver)', () => {
  it('answers unknown messages with an error result', async () => {
    const res = await dispatch({ tandem: 1, name: 'dropTables', data: {} }, sender, {});
    expect(res).toEqual({
      ok: false,
      error: { code: 'unknown_message', message: expect.stringContaining('dropTables') },
    });
  });

  it.each([
    null,
    42,
    'getLeadContext',
    { name: 'getLeadContext' },
    { tandem: 2, name: 'getLeadContext' },
  ])('rejects a malformed envelope %j', async (raw) => {
    const res = await dispatch(raw, sender, { getLeadContext: vi.fn() });
    expect(res.ok).toBe(false);
  });

  it('validates the payload before the handler sees it, saying which field is wrong', async () => {
    const handler = vi.fn();
    const bad = { ...detected, ref: { ...detected.ref, crm: 'myspace' } };
    const res = await dispatch({ tandem: 1, name: 'getLeadContext', data: bad }, sender, {
      getLeadContext: handler,
    });
    expect(handler).not.toHaveBeenCalled();
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!res.ok && res.error.message).toMatch(/ref\.crm/);
  });

  it('turns a throwing handler into an error result', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await dispatch({ tandem: 1, name: 'getStoreStatus', data: {} }, sender, {
      getStoreStatus: () => {
        throw new Error('disk full');
      },
    });
    expect(res).toEqual({ ok: false, error: { code: 'handler_failed', message: 'disk full' } });
  });

  it('passes the parsed payload and the sender to the handler', async () => {
    const handler = vi.fn(() => ({ injected: true }));
    const res = await dispatch({ tandem: 1, name: 'injectSidebarUi', data: {} }, sender, {
      injectSidebarUi: handler,
    });
    expect(res).toEqual({ ok: true, value: { injected: true } });
    expect(handler).toHaveBeenCalledWith({}, sender);
  });
});

describe('send + listen over runtime messaging', () => {
  it('round-trips a typed message and surfaces errors as MessagingError', async () => {
    listen({
      getStoreStatus: () => ({ seeded: true, leads: 3, touches: 9 }),
    });
    await expect(send('getStoreStatus', {})).resolves.toEqual({
      seeded: true,
      leads: 3,
      touches: 9,
    });
    await expect(send('injectSidebarUi', {})).rejects.toBeInstanceOf(MessagingError);
  });
});
