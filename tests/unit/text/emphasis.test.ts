import { describe, expect, it } from 'vitest';
import { emphasise } from '../../../utils/text/emphasis.ts';
import { queryTerms } from '../../../utils/text/search.ts';

describe('emphasise', () => {
  it('marks every word a term begins, whatever its case, and keeps the text between as it was', () => {
    const parts = emphasise('Gluts and a GLUT: Meta’s glutted <b>market</b>.', queryTerms('glut meta'));
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['Gluts', 'GLUT', 'Meta’s', 'glutted']);
    expect(parts.map((p) => p.text).join('')).toBe('Gluts and a GLUT: Meta’s glutted <b>market</b>.');
  });

  it('gives the whole text unmarked without terms', () => {
    expect(emphasise('No search here.', [])).toEqual([{ text: 'No search here.', match: false }]);
  });
});
