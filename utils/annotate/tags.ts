/** A tag the reader can put on a claim or any selected text. */
export interface TagDefinition {
  id: string;
  label: string;
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

/** The highlight an annotation is painted under: one per built-in tag (styled), one for all others. */
export function annotationHighlightName(tags: readonly string[]): string {
  const builtIn = tags.find((t) => BUILT_IN_TAGS.some((b) => b.id === t));
  return builtIn ? `claimlens-annotation-${builtIn}` : 'claimlens-annotation';
}

/** Tagging a passage "overcapacity" or "demand" is also saying which way it leans. */
export function stanceOfTag(id: string | null): 'overcapacity' | 'demand' | null {
  return id === 'overcapacity' || id === 'demand' ? id : null;
}
