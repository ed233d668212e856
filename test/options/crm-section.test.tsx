import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CrmSection, type CrmSectionProps } from '../../components/options/CrmSection';
import { builtInCrms } from '../../components/options/types';
import { Options } from '../../components/pages/Options';
import { ADAPTERS } from '../../lib/crm/adapters';
import type { CrmSettings, CustomCrmTest } from '../../lib/messaging/protocol';
import type { CustomCrm } from '../../lib/model/settings';

afterEach(cleanup);

const NOW = Date.UTC(2026, 10, 23, 12);
const BUILT_INS = builtInCrms(ADAPTERS);
const suite: CustomCrm = {
  id: 'suite-1',
  label: 'Our SuiteCRM',
  host: 'suite.example-corp.internal',
  protocol: 'https',
  addedAt: NOW,
  kind: { type: 'adapter', adapterId: 'suitecrm' },
};
const ready = (value: Partial<CrmSettings> = {}) => ({
  kind: 'ready' as const,
  value: { disabledAdapters: [], customCrms: [], ...value },
});

function makeProps(over: Partial<CrmSectionProps> = {}): CrmSectionProps {
  return {
    state: ready(),
    builtIns: BUILT_INS,
    onRetry: vi.fn(),
    onReload: vi.fn(),
    onToggle: vi.fn(async () => {}),
    onAdd: vi.fn(async () => {}),
    onRemove: vi.fn(async () => {}),
    onTest: vi.fn(async (): Promise<CustomCrmTest> => ({ status: 'no_tab', origin: '' })),
    requestAccess: vi.fn(async () => true),
    newId: () => 'new-id',
    clock: () => NOW,
    ...over,
  };
}

function setup(over: Partial<CrmSectionProps> = {}) {
  const props = makeProps(over);
  const view = render(<CrmSection {...props} />);
  return { props, ...view };
}

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
const chooseRules = () =>
  fireEvent.click(screen.getByLabelText('Another CRM: describe its record pages'));
const add = () => fireEvent.click(screen.getByRole('button', { name: 'Add CRM' }));
const testTab = () =>
  fireEvent.click(screen.getByRole('button', { name: 'Test on the open CRM tab' }));

/** The message an input points at with aria-describedby (hint and error). */
function describedBy(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');
}

describe('CRMs section: states', () => {
  it('loading, then an error with retry', () => {
    const onRetry = vi.fn();
    const { rerender, props } = setup({ state: { kind: 'loading' }, onRetry });
    expect(screen.getByRole('heading', { name: 'CRMs', level: 2 })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    rerender(<CrmSection {...props} state={{ kind: 'error', message: 'no worker' }} />);
    expect(screen.getByRole('alert').textContent).toMatch(/no worker/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('with nothing added yet, says so', () => {
    setup();
    expect(screen.getByTestId('crm-added-empty').textContent).toBe(
      'None yet. Add a CRM you host above.',
    );
  });

  it('is wired into the options page, after the data and before privacy', () => {
    render(
      <Options
        status={{ kind: 'loading' }}
        onRetry={() => {}}
        onResetDemo={async () => {}}
        confirm={() => true}
        version="0.1.0"
        now={NOW}
        crms={<CrmSection {...makeProps()} />}
      />,
    );
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['Data', 'CRMs', 'Privacy', 'About']);
  });
});

describe('built-in CRMs: the kill switch', () => {
  it('lists every built-in CRM with its hosts, on unless disabled', () => {
    setup({ state: ready({ disabledAdapters: ['zoho'] }) });
    const switches = screen.getAllByRole('switch');
    expect(switches).toHaveLength(ADAPTERS.length);
    const zoho = screen.getByRole('switch', { name: 'Zoho CRM' }) as HTMLInputElement;
    expect(zoho.checked).toBe(false);
    const hubspot = screen.getByRole('switch', { name: 'HubSpot' }) as HTMLInputElement;
    expect(hubspot.checked).toBe(true);
    expect(describedBy(hubspot)).toBe('Runs on *.hubspot.com');
    expect(describedBy(screen.getByRole('switch', { name: 'SuiteCRM' }))).toBe(
      'Runs on the hosts you add below',
    );
    expect(describedBy(screen.getByRole('switch', { name: 'Dynamics 365' }))).toMatch(
      /^Runs on \*\.crm\.dynamics\.com, .* and 18 more; also on hosts you add below$/,
    );
  });

  it('toggling calls onToggle with the adapter and the new state, busy until stored', async () => {
    let done!: () => void;
    const onToggle = vi.fn(() => new Promise<void>((r) => (done = r)));
    setup({ onToggle });
    const hubspot = screen.getByRole('switch', { name: 'HubSpot' }) as HTMLInputElement;
    fireEvent.click(hubspot);
    expect(onToggle).toHaveBeenCalledWith('hubspot', false);
    expect(hubspot.checked).toBe(false);
    expect(hubspot.disabled).toBe(true);
    await act(async () => done());
    expect(hubspot.disabled).toBe(false);
  });

  it('reports a failure and goes back to the stored state', async () => {
    setup({ onToggle: async () => Promise.reject(new Error('storage full')) });
    const hubspot = screen.getByRole('switch', { name: 'HubSpot' }) as HTMLInputElement;
    fireEvent.click(hubspot);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Could not switch HubSpot: storage full'),
    );
    expect(hubspot.checked).toBe(true);
  });
});

describe('add a CRM you host: validation next to each field', () => {
  it('shows each problem next to its field (aria-invalid, aria-describedby) and focuses the first', () => {
    const { props } = setup();
    type('Host', '*');
    chooseRules();
    type('Record URL pattern', '^/leads/(\\d+');
    type('Email', '##');
    add();
    const host = screen.getByLabelText('Host');
    expect(host.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(host)).toMatch(
      /\| host: '\*' would match every site; enter one host such as crm\.example\.com$/,
    );
    expect(document.activeElement).toBe(host);
    const pattern = screen.getByLabelText('Record URL pattern');
    expect(pattern.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(pattern)).toMatch(/record URL pattern: unterminated group$/);
    expect(describedBy(screen.getByLabelText('Email'))).toBe(
      "email selector: '##' is not a valid CSS selector",
    );
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByRole('alert').textContent).toBe('Fix the marked fields first (3).');
    expect(props.requestAccess).not.toHaveBeenCalled();
    expect(props.onAdd).not.toHaveBeenCalled();
  });

  it('after a first check, messages follow what is typed', () => {
    setup();
    type('Host', 'https://crm.example.com/x');
    add();
    expect(describedBy(screen.getByLabelText('Host'))).toMatch(
      /host: enter the host only, such as crm\.example\.com, without https:\/\/ or a path$/,
    );
    type('Host', 'crm.example.com');
    expect(screen.getByLabelText('Host').getAttribute('aria-invalid')).toBe('false');
  });

  it('needs an email or name selector for custom rules', () => {
    setup();
    type('Host', 'crm.example.com');
    chooseRules();
    type('Record URL pattern', '^/leads/(\\d+)');
    add();
    expect(
      screen.getByText(/^selectors: give a selector for the email or the name at least/),
    ).toBeTruthy();
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('add a CRM you host: permission, add, errors', () => {
  it('asks for that one origin inside the click, then adds the CRM and resets the form', async () => {
    const { props } = setup();
    type('Host', 'CRM.Example-Corp.Internal:8443');
    type('Label (optional)', 'Our CRM');
    chooseRules();
    type('Record URL pattern', '^/leads/(\\d+)');
    fireEvent.change(screen.getByLabelText('The records are'), { target: { value: 'contact' } });
    type('Email', 'a[href^="mailto:"]');
    add();
    // Synchronously, in the same event: a browser shows the prompt only during the gesture.
    expect(props.requestAccess).toHaveBeenCalledExactlyOnceWith(
      'https://crm.example-corp.internal:8443/*',
    );
    await waitFor(() => expect(props.onAdd).toHaveBeenCalledOnce());
    expect(props.onAdd).toHaveBeenCalledWith({
      id: 'new-id',
      label: 'Our CRM',
      host: 'crm.example-corp.internal:8443',
      protocol: 'https',
      addedAt: NOW,
      kind: {
        type: 'rules',
        recordUrlPattern: '^/leads/(\\d+)',
        objectType: 'contact',
        selectors: { email: 'a[href^="mailto:"]' },
      },
    });
    await waitFor(() =>
      expect(
        screen.getByText('Our CRM added. Reload its open tabs to see Tandem there.'),
      ).toBeTruthy(),
    );
    expect((screen.getByLabelText('Host') as HTMLInputElement).value).toBe('');
  });

  it('"same as" a self-hosted CRM Tandem knows', async () => {
    const { props } = setup();
    type('Host', '10.0.0.5:8080');
    fireEvent.change(screen.getByLabelText('Protocol'), { target: { value: 'http' } });
    fireEvent.change(screen.getByLabelText('Same as'), { target: { value: 'odoo' } });
    const options = within(screen.getByLabelText('Same as')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'Dynamics 365',
      'Odoo CRM',
      'SuiteCRM',
      'EspoCRM',
      'Twenty',
    ]);
    add();
    expect(props.requestAccess).toHaveBeenCalledWith('http://10.0.0.5:8080/*');
    await waitFor(() =>
      expect(props.onAdd).toHaveBeenCalledWith(
        expect.objectContaining({
          label: '10.0.0.5:8080',
          kind: { type: 'adapter', adapterId: 'odoo' },
        }),
      ),
    );
  });

  it('explains a refused permission and adds nothing', async () => {
    const { props } = setup({ requestAccess: vi.fn(async () => false) });
    type('Host', 'crm.example.com');
    add();
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Tandem needs access to crm.example.com to run there. Try again and allow access when your browser asks.',
      ),
    );
    expect(props.onAdd).not.toHaveBeenCalled();
  });

  it('shows the background\u2019s refusal', async () => {
    setup({ onAdd: async () => Promise.reject(new Error('host: already in your list')) });
    type('Host', 'crm.example.com');
    add();
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Could not add the CRM: host: already in your list',
      ),
    );
  });

  it('refuses a host already in the list before asking for anything', () => {
    const { props } = setup({
      state: ready({
        customCrms: [{ crm: suite, origin: 'https://suite.example-corp.internal/*', access: true }],
      }),
    });
    type('Host', 'suite.example-corp.internal');
    add();
    expect(describedBy(screen.getByLabelText('Host'))).toMatch(
      /host: suite\.example-corp\.internal is already in your list \(as “Our SuiteCRM”\)$/,
    );
    expect(props.requestAccess).not.toHaveBeenCalled();
  });
});

describe('test on the open CRM tab: the preview', () => {
  const fillRules = () => {
    type('Host', 'crm.example.com');
    chooseRules();
    type('Record URL pattern', '^/leads/(\\d+)');
    type('Name', 'h1');
    type('Email', '.email');
    type('Phone', '.phone');
  };

  it('shows the record and each field with where it came from', async () => {
    const onTest = vi.fn(async (): Promise<CustomCrmTest> => ({
      status: 'tested',
      url: 'https://crm.example.com/leads/42',
      record: { objectType: 'lead', recordId: '42', tenant: 'crm.example.com' },
      fields: {
        name: { value: 'Dana Whitfield', provenance: { source: 'dom', detail: 'h1' } },
        email: {
          value: 'dana@northwind.example',
          provenance: { source: 'input', detail: '.email' },
        },
      },
      viewFound: true,
      selectorErrors: { phone: "'.phone:nope' is not a valid selector" },
    }));
    const { props } = setup({ onTest });
    fillRules();
    testTab();
    expect(props.requestAccess).toHaveBeenCalledWith('https://crm.example.com/*');
    const preview = screen.getByTestId('crm-test');
    await waitFor(() => expect(preview.textContent).toMatch(/Record found: lead, id 42/));
    expect(onTest).toHaveBeenCalledWith(expect.objectContaining({ host: 'crm.example.com' }));
    expect(preview.textContent).toMatch(/Tested on https:\/\/crm\.example\.com\/leads\/42/);
    const rows = within(preview)
      .getAllByRole('term')
      .map((dt) => `${dt.textContent}=${dt.nextElementSibling?.textContent}`);
    expect(rows).toEqual([
      'Name=Dana Whitfield from h1',
      'Email=dana@northwind.example from .email',
      "Phone=the selector failed: '.phone:nope' is not a valid selector",
    ]);
    expect(props.onAdd).not.toHaveBeenCalled();
  });

  it('a page that is not a record, and fields not found', async () => {
    setup({
      onTest: async () => ({
        status: 'tested',
        url: 'https://crm.example.com/home',
        record: null,
        fields: {},
        viewFound: true,
        selectorErrors: {},
      }),
    });
    fillRules();
    testTab();
    const preview = screen.getByTestId('crm-test');
    await waitFor(() =>
      expect(preview.textContent).toMatch(
        /Not read as a record: the page's URL does not match the record URL pattern\./,
      ),
    );
    expect(within(preview).getAllByText('not found')).toHaveLength(3);
  });

  it.each([
    [
      { status: 'no_tab', origin: 'https://crm.example.com/*' },
      'No open tab shows crm.example.com. Open a lead or contact there, then test again.',
    ],
    [
      { status: 'no_access', origin: 'https://crm.example.com/*' },
      'Tandem can only test on crm.example.com once you allow access to it.',
    ],
    [
      { status: 'failed', url: 'https://crm.example.com/', message: 'error page' },
      'The test could not run on that tab: error page',
    ],
  ] as const)('%j', async (result, text) => {
    setup({ onTest: async () => result });
    fillRules();
    testTab();
    await waitFor(() => expect(screen.getByTestId('crm-test').textContent).toBe(text));
  });

  it('explains a refused permission without running the test', async () => {
    const { props } = setup({ requestAccess: vi.fn(async () => false) });
    fillRules();
    testTab();
    await waitFor(() =>
      expect(screen.getByTestId('crm-test').textContent).toBe(
        'Tandem can only test on crm.example.com once you allow access to it.',
      ),
    );
    expect(props.onTest).not.toHaveBeenCalled();
  });

  it('"same as" a built-in CRM: names it when the URL is no record, and the view is missing', async () => {
    setup({
      onTest: async () => ({
        status: 'tested',
        url: 'https://suite.example.com/',
        record: null,
        fields: {},
        viewFound: false,
        selectorErrors: {},
      }),
    });
    type('Host', 'suite.example.com');
    fireEvent.change(screen.getByLabelText('Same as'), { target: { value: 'suitecrm' } });
    testTab();
    const preview = screen.getByTestId('crm-test');
    await waitFor(() =>
      expect(preview.textContent).toMatch(
        /Not read as a record: SuiteCRM does not see a lead or contact in this page's URL\.The record view of SuiteCRM is not on this page/,
      ),
    );
  });

  it('a changed rule clears the preview (it would describe other rules)', async () => {
    setup();
    fillRules();
    testTab();
    await waitFor(() => expect(screen.getByTestId('crm-test').textContent).not.toBe(''));
    type('Email', '.mail');
    expect(screen.getByTestId('crm-test').textContent).toBe('');
  });
});

describe('CRMs you added', () => {
  const rulesCrm: CustomCrm = {
    id: 'c1',
    label: 'In-house CRM',
    host: 'crm.example-corp.internal',
    protocol: 'http',
    addedAt: NOW,
    kind: {
      type: 'rules',
      recordUrlPattern: '^/p/(\\d+)',
      objectType: 'person',
      selectors: { name: 'h1' },
    },
  };
  const listed = ready({
    customCrms: [
      { crm: suite, origin: 'https://suite.example-corp.internal/*', access: true },
      { crm: rulesCrm, origin: 'http://crm.example-corp.internal/*', access: false },
    ],
  });

  it('lists them with what they are, and Remove', async () => {
    const { props } = setup({ state: listed });
    const list = screen.getByRole('heading', { name: 'CRMs you added' }).nextElementSibling!;
    const items = within(list as HTMLElement).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'Our SuiteCRM https://suite.example-corp.internalSame as SuiteCRMRemove',
      'In-house CRM http://crm.example-corp.internalYour rules (People)Tandem has no access to crm.example-corp.internal any more, so it does not run there. Allow accessRemove',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Our SuiteCRM' }));
    expect(props.onRemove).toHaveBeenCalledWith('suite-1');
    await waitFor(() =>
      expect(
        screen.getByText(
          'Our SuiteCRM removed. Tandem no longer has access to suite.example-corp.internal.',
        ),
      ).toBeTruthy(),
    );
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'CRMs you added' }));
  });

  it('a failed removal says why', async () => {
    setup({ state: listed, onRemove: async () => Promise.reject(new Error('busy')) });
    fireEvent.click(screen.getByRole('button', { name: 'Remove In-house CRM' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Could not remove In-house CRM: busy'),
    );
  });

  it('Allow access asks for that origin, then reloads the list', async () => {
    const { props } = setup({ state: listed });
    fireEvent.click(
      screen.getByRole('button', { name: 'Allow access to crm.example-corp.internal' }),
    );
    expect(props.requestAccess).toHaveBeenCalledWith('http://crm.example-corp.internal/*');
    await waitFor(() => expect(props.onReload).toHaveBeenCalledOnce());
  });
});
