import { describe, expect, it } from 'vitest';
import { resolveSelectors } from '../../../utils/anchor/resolve.ts';
import { describeSpan } from '../../../utils/anchor/selectors.ts';

const ARTICLE = [
  'Meta is said to be preparing a service that would let outside developers rent its spare AI computing capacity.',
  'To a number of fund managers the plan reads as an admission of surplus capacity.',
  'Supporters see no glut at all: AI labs report token usage far above their own projections.',
  'Tencent has said its compute remains insufficient for its own products and its cloud customers.',
  'The chip index lost more than 6% in one session after the first reports.',
].join('\n\n');

function anchorOf(quote: string, text = ARTICLE) {
  const start = text.indexOf(quote);
  return describeSpan(text, { start, end: start + quote.length });
}

const QUOTE = 'an admission of surplus capacity';

describe('re-anchoring', () => {
  it('finds the exact quote', () => {
    const [quote, position] = anchorOf(QUOTE);
    const found = resolveSelectors(ARTICLE, quote, position);
    expect(found.method).toBe('exact');
    if (found.method === 'exact') expect(ARTICLE.slice(found.span.start, found.span.end)).toBe(QUOTE);
  });

  it('tells repeated quotes apart by their context', () => {
    const text = 'The plan is bold. Analysts call the plan bold. Others call the plan timid.';
    const start = text.lastIndexOf('the plan');
    const [quote, position] = describeSpan(text, { start, end: start + 8 });
    // A paragraph inserted before moves every offset; the suffix still says which "the plan" it was.
    const edited = `A new opening paragraph arrives here.\n\n${text}`;
    const found = resolveSelectors(edited, quote, position);
    expect(found).toMatchObject({ method: 'exact', span: { start: edited.lastIndexOf('the plan') } });
  });

  it('finds a quote whose words were edited, at its position or elsewhere, with a score', () => {
    const [quote, position] = anchorOf(QUOTE);
    const edited = ARTICLE.replace('admission of surplus', 'admission of excess');
    const atPosition = resolveSelectors(edited, quote, position);
    expect(atPosition.method).toBe('position');
    const moved = `${'A long new paragraph that pushes everything down the page. '.repeat(6)}\n\n${edited}`;
    const fuzzy = resolveSelectors(moved, quote, position);
    expect(fuzzy.method).toBe('fuzzy');
    if (fuzzy.method === 'fuzzy') {
      expect(moved.slice(fuzzy.span.start, fuzzy.span.end)).toBe('an admission of excess capacity');
      expect(fuzzy.score).toBeGreaterThan(0.75);
    }
  });

  it('calls an annotation whose text is gone an orphan', () => {
    const [quote, position] = anchorOf(QUOTE);
    const rewritten = ARTICLE.replace(
      /To a number of fund managers[^.]*\./,
      'Fund managers had nothing to add.',
    );
    expect(resolveSelectors(rewritten, quote, position)).toEqual({ method: 'orphan' });
  });
});
