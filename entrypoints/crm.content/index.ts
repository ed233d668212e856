import { ADAPTER_MATCHES } from '../../lib/crm/adapters';
export default defineContentScript({
  matches: [...ADAPTER_MATCHES],
  main() {},
});
