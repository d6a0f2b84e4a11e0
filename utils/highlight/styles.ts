import {
  annotationHighlightName,
  BUILT_IN_TAGS,
  colorHighlightName,
  isBuiltInTag,
  TAG_COLOR,
  type TagDefinition,
} from '../annotate/tags.ts';
import { HIGHLIGHT_NAMES } from './paint.ts';

/** How highlights look: a tint behind the text with an underline (as shipped), or the underline alone. */
export const HIGHLIGHT_STYLES = ['tint', 'underline'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];

/** Opacity of a tag colour's tint, as the alpha of an 8-digit hex colour (0x59 ≈ 35%, as highlights.css). */
const TINT_ALPHA = '59';

/**
 * The highlight rules that differ from the shipped highlights.css: one per colour the reader gave a tag, and,
 * for the underline style, no tint behind any highlight. Empty when nothing differs. Only colours that pass
 * TAG_COLOR and names built from them or from the built-in ids reach the text (a tag's label or own id never
 * does), so nothing else can be written into a rule. `!important` because the reader's choice outranks the
 * shipped rules, whatever order the browser puts the sheets in.
 */
export function highlightRules(style: HighlightStyle, tags: readonly TagDefinition[]): string {
  const tint = style === 'tint';
  const colorOf = new Map<string, string>();
  for (const { id, color } of tags) {
    if (!color || !TAG_COLOR.test(color)) continue;
    colorOf.set(isBuiltInTag(id) ? annotationHighlightName([id]) : colorHighlightName(color), color);
  }
  const rules = [...colorOf].map(
    ([name, color]) =>
      `::highlight(${name}) {` +
      ` background-color: ${tint ? color + TINT_ALPHA : 'transparent'} !important;` +
      ' text-decoration-line: underline !important; text-decoration-style: solid !important;' +
      ` text-decoration-color: ${color} !important; text-decoration-thickness: 3px !important; }`,
  );
  if (!tint) {
    const names = [
      ...Object.values(HIGHLIGHT_NAMES),
      annotationHighlightName([]),
      ...BUILT_IN_TAGS.map((t) => annotationHighlightName([t.id])),
    ];
    rules.push(
      `${names.map((n) => `::highlight(${n})`).join(', ')} { background-color: transparent !important; }`,
    );
  }
  return rules.join('\n');
}
