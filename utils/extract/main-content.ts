import { classAndId, FURNITURE, isElement, isExcluded } from './dom.ts';

// Readability's idea, kept small: paragraphs vote for their parent (fully) and grandparent (half); the
// element with the best score, discounted by its share of link text, holds the article.

/** Paragraph-like elements whose text counts as evidence of article content. */
const PARAGRAPH_SELECTOR = 'p, pre, blockquote > p, li, td';
/** Shorter paragraphs are captions, buttons and labels: no vote. */
const MIN_PARAGRAPH_CHARS = 40;
/** Class or id words that suggest the container holds the article. */
const POSITIVE = /article|body|content|entry|main|post|story|text|prose|blog/i;
/** A container scoring at least this share of the best one, and holding it, is the article (body split by ads). */
const ANCESTOR_SHARE = 0.75;
/** Siblings of the best container's kind scoring this share of it make it one part of a body cut in parts. */
const SIBLING_SHARE = 0.5;
/** Below these the page is not an article: a front page, a search result list, an app. */
const MIN_ARTICLE_CHARS = 400;
const MIN_ARTICLE_PARAGRAPHS = 3;
/** Above this share of text in links, a container is a list of links, not prose. */
const MAX_LINK_DENSITY = 0.5;

/** Characters of dense scripts (Han, kana, Hangul): one says about as much as three Latin letters. */
const DENSE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const DENSE_WEIGHT = 3;

/** The length of a text in Latin-letter equivalents, so thresholds hold for Chinese or Korean pages too. */
export function textWeight(text: string): number {
  return text.length + (DENSE_WEIGHT - 1) * (text.match(DENSE)?.length ?? 0);
}

export interface MainContent {
  root: Element;
  /** Paragraphs of prose, and their length in Latin-letter equivalents: how much article there is. */
  paragraphs: number;
  chars: number;
}

export type NotArticle = { root: null; reason: string };

/** Finds the element that holds the article's body, or says why the page is not an article. */
export function findMainContent(doc: Document): MainContent | NotArticle {
  const body = doc.body;
  if (!body) return { root: null, reason: 'no body' };
  const scores = new Map<Element, number>();
  const vote = (el: Element | null, points: number) => {
    if (!el || el === doc.documentElement) return;
    scores.set(el, (scores.get(el) ?? initialScore(el)) + points);
  };
  for (const p of body.querySelectorAll(PARAGRAPH_SELECTOR)) {
    if (insideFurniture(p, body)) continue;
    const text = (p.textContent ?? '').trim();
    const weight = textWeight(text);
    if (weight < MIN_PARAGRAPH_CHARS) continue;
    const points = 1 + (text.match(/[,，、]/g)?.length ?? 0) + Math.min(Math.floor(weight / 100), 3);
    vote(p.parentElement, points);
    vote(p.parentElement?.parentElement ?? null, points / 2);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) {
    const final = score * (1 - linkDensity(el));
    scores.set(el, final);
    if (final > bestScore) {
      best = el;
      bestScore = final;
    }
  }
  if (!best) return { root: null, reason: 'no paragraphs of prose' };
  // A body split by ads or embeds leaves paragraphs in sibling containers: climb to the ancestor holding them.
  for (let up = best.parentElement; up && up !== body; up = up.parentElement) {
    if ((scores.get(up) ?? 0) >= bestScore * ANCESTOR_SHARE) best = up;
  }
  // A live blog's entries, or a body cut into sections, each score as well as the best one: their parent
  // holds the article, though its own score (half votes only) is lower.
  const parent = best.parentElement;
  if (parent && parent !== body && parent !== doc.documentElement) {
    const bar = (scores.get(best) ?? 0) * SIBLING_SHARE;
    const like = [...parent.children].filter(
      (el) => el !== best && el.tagName === best?.tagName && (scores.get(el) ?? 0) >= bar,
    );
    if (like.length >= 1) best = parent;
  }
  const { paragraphs, chars } = measure(best);
  if (paragraphs < MIN_ARTICLE_PARAGRAPHS || chars < MIN_ARTICLE_CHARS)
    return { root: null, reason: `too little prose (${paragraphs} paragraphs, ${chars} characters)` };
  if (linkDensity(best) > MAX_LINK_DENSITY) return { root: null, reason: 'mostly links' };
  return { root: best, paragraphs, chars };
}

function initialScore(el: Element): number {
  let score = 0;
  switch (el.tagName.toUpperCase()) {
    case 'ARTICLE':
    case 'MAIN':
      score += 10;
      break;
    case 'DIV':
    case 'SECTION':
      score += 5;
      break;
    case 'PRE':
    case 'TD':
    case 'BLOCKQUOTE':
      score += 3;
      break;
    case 'OL':
    case 'UL':
    case 'FORM':
      score -= 3;
      break;
  }
  if (el.getAttribute('itemprop') === 'articleBody') score += 25;
  const words = classAndId(el);
  if (POSITIVE.test(words)) score += 25;
  if (FURNITURE.test(words)) score -= 25;
  return score;
}

function insideFurniture(el: Element, stop: Element): boolean {
  for (let node: Element | null = el; node && node !== stop; node = node.parentElement) {
    if (isExcluded(node) && node.tagName.toUpperCase() !== 'FIGCAPTION') return true;
  }
  return false;
}

function linkDensity(el: Element): number {
  const total = (el.textContent ?? '').length;
  if (total === 0) return 0;
  let linked = 0;
  for (const a of el.querySelectorAll('a')) linked += (a.textContent ?? '').length;
  return linked / total;
}

function measure(root: Element): { paragraphs: number; chars: number } {
  let paragraphs = 0;
  let chars = 0;
  for (const p of root.querySelectorAll(PARAGRAPH_SELECTOR)) {
    if (!isElement(p) || insideFurniture(p, root)) continue;
    const length = textWeight((p.textContent ?? '').trim());
    if (length >= MIN_PARAGRAPH_CHARS) {
      paragraphs++;
      chars += length;
    }
  }
  return { paragraphs, chars };
}
