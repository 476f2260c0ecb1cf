/** The helpers that hold a rule written once: local times, ETags and If-Match, keyset cursors. */
import t from 'tap';
import { decodeCursor, encodeCursor, pageOf } from '../../src/lib/cursor.js';
import { etagOf, ifMatchSatisfied, requireIfMatch } from '../../src/lib/etag.js';
import { toZonedIso } from '../../src/lib/time.js';

t.test('timing.local keeps the fraction of a second, and leaves it out when zero', async (t) => {
  t.equal(toZonedIso(new Date('2026-10-31T23:00:00.000Z'), 'Europe/Rome'), '2026-11-01T00:00:00+01:00');
  t.equal(toZonedIso(new Date('2026-10-31T22:59:59.250Z'), 'Europe/Rome'), '2026-10-31T23:59:59.250+01:00', 'the same instant, not a second earlier');
  t.equal(toZonedIso(new Date('2026-07-01T10:00:00.999Z'), 'America/New_York'), '2026-07-01T06:00:00.999-04:00');
  const instant = new Date('2026-03-29T00:59:59.500Z');
  t.equal(new Date(toZonedIso(instant, 'Europe/Rome')).getTime(), instant.getTime(), 'parses back to the same instant');
});

t.test('one ETag format, compared strongly', async (t) => {
  t.equal(etagOf(3), '"v3"');
  t.ok(ifMatchSatisfied(undefined, 3), 'If-Match is optional');
  t.ok(ifMatchSatisfied('"v3"', 3));
  t.ok(ifMatchSatisfied('"v1", "v3"', 3), 'any listed tag');
  t.ok(ifMatchSatisfied('*', 3));
  t.notOk(ifMatchSatisfied('W/"v3"', 3), 'a weak tag never matches');
  t.notOk(ifMatchSatisfied('"3"', 3), 'nor the bare version');
  t.notOk(ifMatchSatisfied('"v2"', 3));
  t.throws(() => requireIfMatch('"v2"', 3, 'proposal'), { status: 412, code: 'PRECONDITION_FAILED', extra: { currentVersion: 3 }, headers: { etag: '"v3"' } });
  t.doesNotThrow(() => requireIfMatch('"v3"', 3, 'proposal'));
});

t.test('one cursor format: keyset round trip, sort checked, forgeries refused', async (t) => {
  const keyset = { key: '2026-12-01 10:00:00.123456+00', id: '6f1c1f1e-8d0e-4c55-9a43-2a1c7d7f0b11' };
  t.same(decodeCursor(encodeCursor(keyset)), { ...keyset, sort: undefined });
  const sorted = encodeCursor({ ...keyset, sort: 'newest' });
  t.same(decodeCursor(sorted, 'newest'), { ...keyset, sort: 'newest' });
  t.throws(() => decodeCursor(sorted, 'closing_soon'), { status: 422, errors: [{ field: 'cursor', code: 'invalid_cursor' }] }, 'another sort');
  t.throws(() => decodeCursor(sorted), { code: 'VALIDATION_FAILED', status: 422 }, 'a sorted cursor on a list without sorts');
  for (const forged of ['garbage', Buffer.from('{"k":"1; drop table x","id":"x"}').toString('base64url'), Buffer.from('{"k":"+275760-09-13 00:00:00+00","id":"6f1c1f1e-8d0e-4c55-9a43-2a1c7d7f0b11"}').toString('base64url')]) {
    t.throws(() => decodeCursor(forged), { code: 'VALIDATION_FAILED', status: 422 }, `refused: ${forged.slice(0, 16)}`);
  }
  const rows = [1, 2, 3].map((n) => ({ n }));
  const { page, nextCursor } = pageOf(rows, 2, (last) => ({ key: `2026-12-0${last.n} 00:00:00+00`, id: keyset.id }));
  t.same(page, [{ n: 1 }, { n: 2 }]);
  t.equal(decodeCursor(nextCursor!).key, '2026-12-02 00:00:00+00', 'the next page starts after the last row shown');
  t.equal(pageOf(rows, 3, () => keyset).nextCursor, null, 'no next page when everything fit');
});
