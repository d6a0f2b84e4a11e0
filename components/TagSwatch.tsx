import { defaultTagColor, TAG_COLOR, type TagDefinition } from '../utils/annotate/tags.ts';

/** A small square in a tag's colour (the reader's, else its default). Only a `#rrggbb` colour is ever applied. */
export function TagSwatch({ tag }: { tag: TagDefinition }) {
  const color = tag.color && TAG_COLOR.test(tag.color) ? tag.color : defaultTagColor(tag.id);
  return <span class="tag-swatch" aria-hidden="true" style={{ backgroundColor: color }} />;
}
