import type { TagDefinition } from '../../utils/annotate/tags.ts';
import { highlightRules, type HighlightStyle } from '../../utils/highlight/styles.ts';

/**
 * The reader's highlight colours and style in the page: `::highlight()` rules in one constructed style sheet
 * adopted by the document. Adopting a sheet adds no node, attribute or text (no `<style>` element, nothing a
 * MutationObserver sees), and the rules only style ClaimLens's own highlights. The sheet is adopted only once a
 * rule differs from the shipped highlights.css; until then the page is left exactly as it was.
 */
export class HighlightRuleSheet {
  private sheet: CSSStyleSheet | null = null;
  private style: HighlightStyle = 'tint';
  private tags: readonly TagDefinition[] = [];

  setStyle(style: HighlightStyle): void {
    this.style = style;
    this.apply();
  }

  setTags(tags: readonly TagDefinition[]): void {
    this.tags = tags;
    this.apply();
  }

  private apply(): void {
    const css = highlightRules(this.style, this.tags);
    if (!css && !this.sheet) return;
    try {
      if (!this.sheet) {
        const sheet = new CSSStyleSheet();
        // The page's own adopted sheets stay, in their order; ClaimLens's goes last.
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        this.sheet = sheet;
      }
      this.sheet.replaceSync(css);
    } catch (error) {
      // Highlights keep their shipped colours: nothing is lost but the reader's colour choice.
      console.warn('ClaimLens: highlight colours not applied', error);
    }
  }
}
