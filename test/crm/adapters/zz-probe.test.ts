import { it } from 'vitest';
it('probe', () => {
  const html = `<!doctype html><html><head><title>T - contact details</title><style>.hid{display:none}</style></head><body class="x"><main><div style="display: none"><a href="mailto:a@b">a</a></div><div class="hid"><a href="mailto:c@b">c</a></div><div><a href="mailto:d@b">d</a><input data-id="x.y" value="V"></div></main><script>window.__ran = 1</script><template id="t"><p>hi</p></template></body></html>`;
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  console.log('parsed defaultView', !!parsed.defaultView);
  document.replaceChild(document.importNode(parsed.documentElement, true), document.documentElement);
  console.log('title', document.title, (window as any).__ran);
  console.log('has', document.querySelectorAll('main > :has(a[href^="mailto:"])').length);
  console.log('not has', document.querySelectorAll('body:not(:has(crm-detail-view))').length);
  const divs = [...document.querySelectorAll('main > div')];
  console.log(divs.map((d) => getComputedStyle(d).display));
  console.log((document.querySelector('input') as HTMLInputElement).value);
  console.log(document.querySelectorAll('[data-id="x.y"]').length);
  const t = document.querySelector('template') as HTMLTemplateElement;
  console.log(t.content.childNodes.length);
});
