import { describe, expect, it } from 'vitest';
import {
  IMPORT_PART_CHARS,
  MAX_MESSAGE_CHARS,
  parseMessage,
  type Handlers,
  type SenderKind,
} from '../../utils/messages.ts';
import { dispatch, type SenderInfo } from '../../utils/service.ts';
import { randomSource } from '../e2e/fuzz/generate.ts';
import { analysisOf, claimPayload } from './fixtures.ts';

// The background's gate against everything that is not ClaimLens: who sent a message, its kind, its shape
// and its size. Every refusal must come before any handler runs.

const OWN = { id: 'claimlens-id', origin: 'chrome-extension://claimlens-id/' };
const PAGE = 'https://news.example/story';
const fromContent: SenderInfo = { id: OWN.id, url: PAGE, tab: { id: 3 } };
const fromDashboard: SenderInfo = { id: OWN.id, url: `${OWN.origin}dashboard.html` };

const claim = claimPayload('Capex is peaking. A glut looms.', 'A glut looms.', 'overcapacity');
const quote = { type: 'TextQuoteSelector', exact: 'A glut looms.', prefix: '', suffix: '' } as const;
const position = { type: 'TextPositionSelector', start: 18, end: 31 } as const;

/** A valid message of each kind, with the contexts that may send it. */
const SAMPLES: [SenderKind, Record<string, unknown>][] = [
  ['content', { type: 'page/analyzed', article: analysisOf(PAGE, [['A glut looms.', 'overcapacity']]) }],
  ['content', { type: 'page/analyzed', article: null }],
  ['content', { type: 'annotations/anchored', results: [{ id: 'a-1', method: 'exact', score: null }] }],
  [
    'content',
    {
      type: 'page/detect',
      text: 'A glut looms.',
      blocks: [{ start: 0, end: 13 }],
      lang: 'en',
      onTopic: false,
    },
  ],
  ['any', { type: 'page/settings', host: 'news.example' }],
  ['any', { type: 'annotations/for-page', url: PAGE }],
  [
    'any',
    {
      type: 'annotations/create',
      articleUrl: PAGE,
      annotation: { selectors: [quote, position], tags: ['disputed'], note: null, stance: null },
      snapshot: 'Capex is peaking. A glut looms.',
    },
  ],
  ['any', { type: 'claim/correct', articleUrl: PAGE, claim, detected: 'overcapacity', verdict: null }],
  ['any', { type: 'tags/create', label: 'my tag' }],
  ['extension', { type: 'popup/view', url: PAGE }],
  ['extension', { type: 'settings/highlights', host: 'news.example', on: false }],
  ['extension', { type: 'stories/move', articleUrl: PAGE, intoStoryOf: null }],
  ['extension', { type: 'tags/rename', id: 'my-tag', label: 'x' }],
  ['extension', { type: 'tags/merge', from: 'my-tag', into: 'disputed' }],
  ['extension', { type: 'tags/set-color', id: 'disputed', color: '#aa0000' }],
  ['extension', { type: 'tags/delete', id: 'my-tag' }],
  ['extension', { type: 'settings/update', autoAnalyze: false }],
  ['extension', { type: 'library/import-part', importId: 'i-1', index: 0, text: '{}' }],
  ['extension', { type: 'library/import-commit', importId: 'i-1', parts: 1 }],
  ['extension', { type: 'packs/save', json: '{}' }],
  ['extension', { type: 'packs/set-enabled', id: 'ai-compute', enabled: false }],
  ['extension', { type: 'packs/delete', id: 'mine' }],
  ['extension', { type: 'library/delete', scope: { kind: 'everything', confirm: 'delete everything' } }],
  ['extension', { type: 'library/restore', trashId: 't-1' }],
  ['extension', { type: 'settings/undo-window', seconds: 30 }],
];

/** Handlers that only record that they were reached. */
function recordingHandlers(): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_target, type) => async () => {
      calls.push(String(type));
      return { ok: true };
    },
  });
  return { handlers, calls };
}

async function refused(message: unknown, sender: SenderInfo): Promise<string> {
  const { handlers, calls } = recordingHandlers();
  const error = await dispatch(message, sender, handlers, OWN).then(
    () => null,
    (failure: unknown) => (failure as Error).message,
  );
  expect(calls, 'a handler ran').toEqual([]);
  if (error === null) throw new Error(`accepted: ${JSON.stringify(message).slice(0, 200)}`);
  expect(error).toMatch(/^Refused: /);
  return error;
}

describe('the background refuses what is not ClaimLens asking', () => {
  it.each(SAMPLES)(
    'accepts a %s message of the right shape from its own contexts: %j',
    async (kind, message) => {
      expect(parseMessage(message)).toMatchObject({ ok: true, value: { sender: kind } });
      for (const sender of kind === 'any'
        ? [fromContent, fromDashboard]
        : [kind === 'content' ? fromContent : fromDashboard]) {
        const { handlers, calls } = recordingHandlers();
        await dispatch(message, sender, handlers, OWN);
        expect(calls).toEqual([message.type]);
      }
    },
  );

  it('refuses every message reserved for extension pages when a content script sends it, and the reverse', async () => {
    const reserved = SAMPLES.filter(([kind]) => kind === 'extension');
    expect(reserved.length).toBeGreaterThan(10);
    for (const [, message] of reserved)
      expect(await refused(message, fromContent)).toContain('may not be sent');
    for (const [, message] of SAMPLES.filter(([kind]) => kind === 'content'))
      expect(await refused(message, fromDashboard)).toContain('may not be sent');
  });

  const strangers: [string, SenderInfo][] = [
    ['another extension', { id: 'evil-extension', url: `chrome-extension://evil-extension/x.html` }],
    ['another extension in a tab', { id: 'evil-extension', url: PAGE, tab: { id: 3 } }],
    ['no extension id (a web page through externally_connectable)', { url: PAGE, tab: { id: 3 } }],
    ['a content script in a file:// page', { id: OWN.id, url: 'file:///etc/passwd', tab: { id: 3 } }],
    ['a content script in about:blank', { id: OWN.id, url: 'about:blank', tab: { id: 3 } }],
    ['a content script without a tab', { id: OWN.id, url: PAGE }],
    ['a context with no address', { id: OWN.id }],
    ['a look-alike origin', { id: OWN.id, url: 'chrome-extension://claimlens-id.evil/dashboard.html' }],
  ];
  it.each(strangers)('refuses every kind of message from %s', async (_name, sender) => {
    for (const [kind, message] of SAMPLES) {
      // A look-alike address is still a content script's, by its tab, only for http pages: none here.
      const error = await refused(message, sender);
      if (sender.id !== OWN.id) expect(error).toContain('another extension');
      else expect(error, `${kind} ${message.type}`).toContain('may not be sent');
    }
  });

  it('refuses malformed shapes with the path of the problem', async () => {
    const malformed: unknown[] = [
      null,
      undefined,
      42,
      'page/analyzed',
      [],
      [{ type: 'tags/create', label: 'x' }],
      {},
      { type: 42 },
      { type: 'db/drop' },
      { type: 'constructor' },
      { type: '__proto__' },
      { type: 'toString' },
      { type: 'hasOwnProperty' },
      JSON.parse('{"type":"tags/create","label":"x","__proto__":{"polluted":true}}'),
      { type: 'tags/create' },
      { type: 'tags/create', label: '' },
      { type: 'tags/create', label: ['x'] },
      { type: 'tags/create', label: { toString: 'x' } },
      { type: 'tags/create', label: 'x', constructor: 'x' },
      { type: 'tags/create', label: 'x', toString: 'x' },
      { type: 'annotations/for-page', url: 'javascript:alert(1)' },
      { type: 'annotations/for-page', url: 'chrome-extension://claimlens-id/dashboard.html' },
      { type: 'stories/move', articleUrl: 'data:text/html,<script>alert(1)</script>', intoStoryOf: null },
      { type: 'tags/delete', id: '<img src=x onerror=alert(1)>' },
      { type: 'tags/delete', id: '../../etc' },
      { type: 'settings/undo-window', seconds: Number.NaN },
      { type: 'settings/undo-window', seconds: Number.POSITIVE_INFINITY },
      { type: 'settings/undo-window', seconds: 1e12 },
      { type: 'settings/undo-window', seconds: '30' },
      { type: 'library/import-part', importId: 'x', index: -1, text: '' },
      { type: 'library/import-part', importId: 'x', index: 0.5, text: '' },
      { type: 'library/import-part', importId: 'x y', index: 0, text: '' },
      { type: 'library/delete', scope: { kind: 'all' } },
      { type: 'library/delete', scope: null },
      { type: 'settings/update', highlightStyle: 'url(javascript:alert(1))' },
      { type: 'annotations/anchored', results: [{ id: 'a', method: 'guess', score: 2 }] },
      { type: 'page/analyzed', article: { meta: 1 } },
      { type: 'page/analyzed', article: null, extra: true },
      {
        type: 'claim/correct',
        articleUrl: PAGE,
        claim: { ...claim, stance: 'bullish' },
        detected: null,
        verdict: null,
      },
      {
        type: 'claim/correct',
        articleUrl: PAGE,
        claim: { ...claim, confidence: 7 },
        detected: null,
        verdict: null,
      },
    ];
    for (const message of malformed) {
      for (const sender of [fromContent, fromDashboard]) await refused(message, sender);
    }
  });

  it('refuses a field over its size, and any message over the size limit before reading it', async () => {
    const over = [
      { type: 'tags/create', label: 'x'.repeat(41) },
      { type: 'tags/rename', id: 'my-tag', label: 'x'.repeat(201) },
      { type: 'annotations/for-page', url: `${PAGE}?${'q'.repeat(4_000)}` },
      {
        type: 'annotations/create',
        articleUrl: PAGE,
        annotation: { selectors: [quote, position], tags: [], note: 'n'.repeat(10_001), stance: null },
        snapshot: '',
      },
      {
        type: 'annotations/create',
        articleUrl: PAGE,
        annotation: {
          selectors: [quote, position],
          tags: Array(51).fill('disputed'),
          note: null,
          stance: null,
        },
        snapshot: '',
      },
      { type: 'library/import-part', importId: 'x', index: 0, text: 'x'.repeat(IMPORT_PART_CHARS + 1) },
      { type: 'packs/save', json: 'x'.repeat(2 * 1024 * 1024 + 1) },
      {
        type: 'annotations/anchored',
        results: Array.from({ length: 10_001 }, (_, i) => ({ id: `a-${i}`, method: 'exact', score: null })),
      },
    ];
    for (const message of over) {
      const sender = message.type.startsWith('annotations/') ? fromContent : fromDashboard;
      expect(await refused(message, sender)).toMatch(/at most|characters/);
    }
    // Many small values or one huge string: refused as a whole, whatever the fields would say.
    const many = { type: 'page/analyzed', article: null, padding: Array(MAX_MESSAGE_CHARS).fill(0) };
    expect(await refused(many, fromContent)).toContain(`larger than ${MAX_MESSAGE_CHARS} characters`);
    const huge = { type: 'annotations/for-page', url: 'x'.repeat(MAX_MESSAGE_CHARS) };
    expect(await refused(huge, fromContent)).toContain('larger than');
    // A message that refers to itself (structured clone allows it) is refused too, and quickly.
    const cyclic: Record<string, unknown> = { type: 'tags/create', label: 'x' };
    cyclic.self = cyclic;
    expect(await refused(cyclic, fromContent)).toContain('larger than');
  }, 30_000);

  it('refuses every broken copy of every valid message (seeded mutations)', async () => {
    const random = randomSource(8);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    const WRONG = [null, 7, -1, 'x', '', true, [], {}, [1, 2], '<script>alert(1)</script>', { $gt: '' }];
    /** Paths to every value of a message (a field, an item, a field of an item…). */
    const paths = (value: unknown, at: (string | number)[] = []): (string | number)[][] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, inner]) => {
            const here = [...at, Array.isArray(value) ? Number(key) : key];
            return [here, ...paths(inner, here)];
          })
        : [];
    let tried = 0;
    for (const [kind, message] of SAMPLES) {
      const sender = kind === 'extension' ? fromDashboard : fromContent;
      for (let round = 0; round < 60; round++) {
        const copy = structuredClone(message) as Record<string, unknown>;
        const path = pick(paths(copy));
        const parent = path
          .slice(0, -1)
          .reduce<Record<string | number, unknown>>(
            (node, key) => node[key] as Record<string | number, unknown>,
            copy,
          );
        const key = path[path.length - 1] as string | number;
        const original = parent[key];
        if (Array.isArray(parent) || random() < 0.5) {
          // A value of another type where one was expected (objects and lists are never interchangeable here).
          const replacement = pick(
            WRONG.filter((w) => typeof w !== typeof original || Array.isArray(w) !== Array.isArray(original)),
          );
          if (original === null || replacement === null) parent[key] = { wrong: true };
          else parent[key] = replacement;
        } else parent[`unexpected_${round}`] = pick(WRONG);
        await refused(copy, sender);
        tried++;
      }
    }
    expect(tried).toBe(SAMPLES.length * 60);
  });
});
