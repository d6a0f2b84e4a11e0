// A seeded generator of hostile article pages: real claim sentences (from the demo newsroom, so the detector
// flags some) dressed in the markup that breaks text walkers and range code. Pure TypeScript, no DOM: the
// same seed always gives the same document, so a failure names the seed that reproduces it.

/** Everything a document may be made of; each document draws a few. */
export const FEATURES = [
  'split-words',
  'deep-nesting',
  'shadow-dom',
  'iframe',
  'contenteditable',
  'rtl',
  'cjk',
  'emoji',
  'huge-text',
  'hidden',
  'template',
  'noscript',
  'self-mutating',
] as const;
export type Feature = (typeof FEATURES)[number];

export interface FuzzDocument {
  seed: number;
  features: Feature[];
  html: string;
}

/** A small, fast, seedable generator (mulberry32): plenty for choosing markup. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLER = [
  'The harbour was quiet on Tuesday morning.',
  'Readers wrote in with questions about the schedule.',
  'The committee meets again in the spring.',
  'Photographs from the event are in the gallery.',
  'The report runs to forty pages.',
];
const RTL = ['تقول الشركة إن الطلب على الحوسبة قوي.', 'המשקיעים מחכים לתוצאות הרבעון.'];
const CJK = [
  '数据中心的建设仍在继续。',
  '投資家は四半期決算を待っている。',
  '반도체 지수는 하루 만에 6% 하락했다.',
];
/** Emoji sequences (ZWJ, skin tone, flags) and combining marks: code points that are not one UTF-16 unit. */
const ODD_TEXT = ['🚀', '👩🏽‍💻', '🇯🇵', 'e\u0301', 'Z\u0351\u0352\u0353', '\u200b', '𝐆𝐏𝐔', '\u{1F9EA}\u{FE0F}'];
const INLINE_TAGS = ['b', 'i', 'span', 'em', 'strong', 'mark', 'u', 'small', 'a href="#x"', 'q', 'bdi'];
const HIDDEN_WRAPPERS = [
  'p style="display:none"',
  'p style="visibility:hidden"',
  'p aria-hidden="true"',
  'p hidden',
  'div style="display: none"',
];

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * One document from a seed. `paragraphs` are runs of consecutive sentences from real articles (a claim
 * reads as one best beside its neighbours).
 */
export function generateDocument(seed: number, paragraphs: readonly string[][]): FuzzDocument {
  const random = randomSource(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number) => random() < p;

  const features = FEATURES.filter(() => chance(0.3));
  if (features.length === 0) features.push(pick(FEATURES));
  const has = (feature: Feature) => features.includes(feature);

  const tag = (open: string) => open.split(' ')[0] as string;
  const wrap = (open: string, inner: string) => `<${open}>${inner}</${tag(open)}>`;
  const sentences = () => [...pick(paragraphs)];

  /** A sentence cut at random places (mid-word too) into pieces, each in its own inline element or bare. */
  const splitWords = (text: string) => {
    const cuts = Array.from({ length: int(1, 6) }, () => int(1, Math.max(1, text.length - 1)));
    const points = [...new Set([0, ...cuts.sort((a, b) => a - b), text.length])];
    return points
      .slice(1)
      .map((end, i) => {
        const piece = escapeHtml(text.slice(points[i], end));
        return chance(0.6) ? wrap(pick(INLINE_TAGS), piece) : piece;
      })
      .join('');
  };
  const deepNest = (inner: string) => {
    const opens = Array.from({ length: int(100, 400) }, () => pick(INLINE_TAGS));
    return (
      opens.map((o) => `<${o}>`).join('') +
      inner +
      [...opens]
        .reverse()
        .map((o) => `</${tag(o)}>`)
        .join('')
    );
  };
  const decorate = (text: string) => {
    if (has('emoji') && chance(0.4)) return `${escapeHtml(text)} ${pick(ODD_TEXT)}${pick(ODD_TEXT)}`;
    if (has('split-words') && chance(0.6)) return splitWords(text);
    return escapeHtml(text);
  };
  const paragraph = () => {
    const parts = sentences().map(decorate);
    if (has('rtl') && chance(0.3)) parts.splice(int(0, parts.length), 0, `<bdi dir="rtl">${pick(RTL)}</bdi>`);
    if (has('cjk') && chance(0.3)) parts.splice(int(0, parts.length), 0, pick(CJK));
    // Hidden text inside a paragraph is marked, so the test can leave it out of the text a highlight shows.
    if (has('hidden') && chance(0.2))
      parts.splice(
        int(0, parts.length),
        0,
        `<span style="display:none" data-fuzz-hidden>${escapeHtml(pick(FILLER))}</span>`,
      );
    const inner = parts.join(' ');
    return wrap(
      has('rtl') && chance(0.1) ? 'p dir="auto"' : 'p',
      has('deep-nesting') && chance(0.3) ? deepNest(inner) : inner,
    );
  };
  const claimsHtml = () => paragraph() + paragraph();

  const body: string[] = [];
  for (let i = int(3, 8); i > 0; i--) body.push(paragraph());
  const extras: string[] = [];
  if (has('shadow-dom'))
    extras.push(`<div class="box"><template shadowrootmode="open">${claimsHtml()}</template></div>`);
  if (has('iframe')) {
    const inner = `<!doctype html><html lang="en"><body><article>${claimsHtml()}</article></body></html>`;
    extras.push(`<iframe srcdoc="${escapeHtml(inner)}"></iframe>`);
  }
  if (has('contenteditable'))
    body.splice(int(0, body.length), 0, `<div contenteditable="true">${claimsHtml()}</div>`);
  if (has('rtl')) body.push(`<p dir="rtl" lang="ar">${RTL.join(' ')}</p>`);
  if (has('cjk')) body.push(`<p lang="zh">${CJK.join('')}</p>`);
  if (has('emoji')) body.push(`<p>${Array.from({ length: 40 }, () => pick(ODD_TEXT)).join(' ')}</p>`);
  if (has('huge-text')) {
    const filler = Array.from({ length: int(500, 2_500) }, () => pick(FILLER)).join(' ');
    body.push(`<p>${escapeHtml(filler)} ${escapeHtml(sentences().join(' '))}</p>`);
  }
  if (has('hidden'))
    for (const wrapper of HIDDEN_WRAPPERS) if (chance(0.6)) body.push(wrap(wrapper, claimsHtml()));
  if (has('template')) extras.push(`<template>${claimsHtml()}</template>`);
  if (has('noscript')) extras.push(`<noscript>${claimsHtml()}</noscript>`);
  if (has('self-mutating')) extras.push(mutatingScript(int(15, 80), JSON.stringify(sentences())));

  const title = escapeHtml(`${pick(sentences()).slice(0, 60)} ${has('emoji') ? pick(ODD_TEXT) : ''}`);
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
    `<meta property="article:published_time" content="2026-07-${String(int(1, 28)).padStart(2, '0')}T08:00:00Z">` +
    `</head><body><header><a href="/">Fuzz Gazette</a></header><main><article><h1>${title}</h1>` +
    `${body.join('\n')}</article></main>${extras.join('\n')}</body></html>`;
  return { seed, features, html };
}

/**
 * A page that never stops changing itself: it appends paragraphs (claim sentences among them), removes
 * them and article paragraphs too, and edits text and attributes, every `every` ms. Every change goes
 * through `window.__fuzzOwn` when the test provides it, so the test can tell the page's mutations from
 * anyone else's.
 */
function mutatingScript(every: number, sentencesJson: string): string {
  // Runs in the page: plain ES5-ish code, no imports. `</` cannot appear inside (it would end the script).
  const code = `(() => {
    const own = (fn) => (window.__fuzzOwn ? window.__fuzzOwn(fn) : fn());
    const said = ${sentencesJson.replace(/</g, '\\u003c')};
    const live = document.createElement('section');
    own(() => document.querySelector('article').appendChild(live));
    let n = 0;
    setInterval(() => own(() => {
      n++;
      const p = document.createElement('p');
      p.textContent = said[n % said.length] + ' (' + n + ')';
      live.appendChild(p);
      if (live.childNodes.length > 4) live.firstChild.remove();
      const first = document.querySelector('article > p');
      if (n % 7 === 0 && first) first.remove();
      if (n % 5 === 0 && live.lastChild) live.lastChild.setAttribute('data-n', String(n));
      if (n % 3 === 0 && live.firstChild && live.firstChild.firstChild) live.firstChild.firstChild.data += '.';
    }), ${every});
  })();`;
  return `<script>${code}</script>`;
}
