/** A tag the reader can put on a claim or any selected text. */
export interface TagDefinition {
  id: string;
  label: string;
  /** The colour the reader chose (`#rrggbb`); none means the default. */
  color?: string;
}

/** The tags every reader has; their ids are part of the automation contract (`tag-<id>` buttons). */
export const BUILT_IN_TAGS: readonly TagDefinition[] = [
  { id: 'overcapacity', label: 'Overcapacity' },
  { id: 'demand', label: 'Demand' },
  { id: 'disputed', label: 'Disputed' },
  { id: 'needs-source', label: 'Needs source' },
  { id: 'key-figure', label: 'Key figure' },
];

export const TAG_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** A tag's colour as an `<input type="color">` gives it; nothing else ever reaches a style. */
export const TAG_COLOR = /^#[0-9a-f]{6}$/;
export const MAX_TAG_LABEL_CHARS = 40;

/** The colour a tag is shown in before the reader picks one: the underline colours of highlights.css. */
export function defaultTagColor(id: string): string {
  return BUILT_IN_COLORS[id] ?? '#a08c00';
}
const BUILT_IN_COLORS: Record<string, string> = {
  overcapacity: '#d55e00',
  demand: '#0072b2',
  disputed: '#cc79a7',
  'needs-source': '#786e00',
  'key-figure': '#009e73',
};

export const isBuiltInTag = (id: string) => BUILT_IN_TAGS.some((t) => t.id === id);

/** A reader's own tag id from its label: "Capex guidance!" → "capex-guidance". */
export function tagIdOf(label: string): string {
  return label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/**
 * The highlight an annotation is painted under: its first built-in tag's, else that of the colour the reader
 * gave its first coloured tag, else the default. Own tags go by colour, never by name: highlight names can be
 * read by the page, and the reader's tag names are theirs.
 */
export function annotationHighlightName(
  tags: readonly string[],
  colors: ReadonlyMap<string, string> = new Map(),
): string {
  const builtIn = tags.find(isBuiltInTag);
  if (builtIn) return `${ANNOTATION_HIGHLIGHT}-${builtIn}`;
  const color = tags.map((t) => colors.get(t)).find((c) => c !== undefined && TAG_COLOR.test(c));
  return color ? colorHighlightName(color) : ANNOTATION_HIGHLIGHT;
}

const ANNOTATION_HIGHLIGHT = 'claimlens-annotation';

/** The highlight of annotations whose own tag has colour `#rrggbb`. */
export const colorHighlightName = (color: string) => `${ANNOTATION_HIGHLIGHT}-color-${color.slice(1)}`;

/** Tagging a passage "overcapacity" or "demand" is also saying which way it leans. */
export function stanceOfTag(id: string | null): 'overcapacity' | 'demand' | null {
  return id === 'overcapacity' || id === 'demand' ? id : null;
}
