// Where a token goes from a page, as the browser itself records it: every request with all
// its headers and its body (page.on('request')). Shared by the widget's and the browser
// example's token tests.

import assert from 'node:assert/strict';

/**
 * Record every request `page` makes. Returns a function that resolves to the records
 * (`{ url, method, headers, body }`) made so far.
 */
export function recordRequests(page) {
  const pending = [];
  page.on('request', (r) => {
    pending.push(r.allHeaders().then((headers) => ({ url: r.url(), method: r.method(), headers, body: r.postData() ?? '' })));
  });
  return () => Promise.all(pending);
}

/**
 * `token` travelled (in at least `min` requests, a create in `project` among them) and only
 * in the Authorization header: never in a URL, a body or another header, and Authorization
 * went only to `api` (an origin). Returns the requests that carried an Authorization header,
 * for a caller's own checks of its value.
 */
export function assertTokenOnlyAsAuthorization(all, { token, api, project, min }) {
  const withToken = all.filter((r) => Object.values(r.headers).some((v) => v.includes(token)));
  assert.ok(withToken.some((r) => r.method === 'POST' && r.url === `${api}/v1/project/${project}/service`), 'no create carried the token');
  assert.ok(withToken.length >= min, `${withToken.length} requests carried the token`);
  for (const r of all) {
    const where = `${r.method} ${r.url}`;
    assert.ok(!r.url.includes(token), `token in the URL of ${where}`);
    assert.ok(!r.body.includes(token), `token in the body of ${where}`);
    for (const [k, v] of Object.entries(r.headers)) {
      if (k !== 'authorization') assert.ok(!v.includes(token), `token in header ${k} of ${where}`);
    }
    if (r.headers.authorization !== undefined) assert.equal(new URL(r.url).origin, api, `Authorization sent to ${where}`);
  }
  return all.filter((r) => r.headers.authorization !== undefined);
}
