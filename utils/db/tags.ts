import {
  BUILT_IN_TAGS,
  isBuiltInTag,
  MAX_TAG_LABEL_CHARS,
  TAG_COLOR,
  TAG_ID,
  tagIdOf,
  type TagDefinition,
} from '../annotate/tags.ts';
import type { ClaimLensDatabase, TagRecord } from './schema.ts';

/** A tag as the tag manager shows it: built in or the reader's, and how many annotations carry it. */
export interface TagOverview extends TagDefinition {
  builtIn: boolean;
  annotations: number;
}

/** A refusal meant for the reader: its message says what was wrong. */
export class TagError extends Error {}

/** The built-in tags ship with the extension, so the colours the reader gives them are kept as a setting. */
const BUILT_IN_COLORS = 'builtInTagColors';

/**
 * The reader's tags: built in and their own, their colours, and the operations of the tag manager. Each change
 * is one transaction, and none removes an annotation: a tag leaves the annotations, the annotations stay.
 */
export class TagRepository {
  constructor(private readonly db: ClaimLensDatabase) {}

  /** Every tag, the built-in ones first, then the reader's by label; each with its colour if one was chosen. */
  async all(): Promise<TagDefinition[]> {
    const [colors, own] = await Promise.all([this.builtInColors(), this.db.tags.toArray()]);
    const builtIn = BUILT_IN_TAGS.map((tag) => withColor(tag.id, tag.label, colors[tag.id]));
    own.sort((a, b) => a.label.localeCompare(b.label));
    return [...builtIn, ...own.map((tag) => withColor(tag.id, tag.label, tag.color))];
  }

  /** Every tag with how many annotations carry it: one count on the tag index per tag, no annotation read. */
  async overview(): Promise<TagOverview[]> {
    const { db } = this;
    return db.transaction('r', db.tags, db.settings, db.annotations, async () => {
      const tags = await this.all();
      const counts = await Promise.all(tags.map((tag) => this.carrying(tag.id)));
      return tags.map((tag, i) => ({ ...tag, builtIn: isBuiltInTag(tag.id), annotations: counts[i] ?? 0 }));
    });
  }

  /** A new tag of the reader's; a label they already have gives back that tag (typing it twice is no error). */
  async create(label: string, now: Date): Promise<TagRecord> {
    const clean = checkLabel(label);
    const base = tagIdOf(clean);
    if (!TAG_ID.test(base)) throw new TagError('A tag needs at least one letter or digit.');
    const builtIn = BUILT_IN_TAGS.find((t) => labelKey(t.label) === labelKey(clean) || t.id === base);
    if (builtIn) throw new TagError(`“${clean}” is a built-in tag already.`);
    const { db } = this;
    return db.transaction('rw', db.tags, async () => {
      const own = await db.tags.toArray();
      const same = own.find((t) => labelKey(t.label) === labelKey(clean));
      if (same) return same;
      const tag: TagRecord = {
        id: freeId(base, new Set(own.map((t) => t.id))),
        label: clean,
        createdAt: now.toISOString(),
      };
      await db.tags.add(tag);
      return tag;
    });
  }

  /** A new label; the id stays, so every annotation keeps the tag. */
  async rename(id: string, label: string): Promise<TagRecord> {
    const clean = checkLabel(label);
    refuseBuiltIn(id, 'renamed');
    const { db } = this;
    return db.transaction('rw', db.tags, async () => {
      const own = await db.tags.toArray();
      const tag = own.find((t) => t.id === id);
      if (!tag) throw unknown(id);
      const clash = [...BUILT_IN_TAGS, ...own].find(
        (t) => t.id !== id && labelKey(t.label) === labelKey(clean),
      );
      if (clash) throw new TagError(`There is a tag called “${clash.label}” already.`);
      const renamed = { ...tag, label: clean };
      await db.tags.put(renamed);
      return renamed;
    });
  }

  /** Tag `from` into `into`: every annotation with `from` gets `into` (once), and `from` is removed. */
  async merge(from: string, into: string, now: Date): Promise<number> {
    if (from === into) throw new TagError('A tag cannot be merged into itself.');
    refuseBuiltIn(from, 'merged into another');
    const { db } = this;
    return db.transaction('rw', db.tags, db.annotations, async () => {
      if (!(await db.tags.get(from))) throw unknown(from);
      if (!isBuiltInTag(into) && !(await db.tags.get(into))) throw unknown(into);
      const moved = await db.annotations
        .where('tags')
        .equals(from)
        .modify((annotation) => {
          annotation.tags = [...new Set(annotation.tags.map((t) => (t === from ? into : t)))];
          annotation.updatedAt = now.toISOString();
        });
      await db.tags.delete(from);
      return moved;
    });
  }

  /** How many annotations carry a tag: what deleting it would change, said before it is done. */
  carrying(id: string): Promise<number> {
    return this.db.annotations.where('tags').equals(id).count();
  }

  /** Removes a tag and takes it off every annotation that carries it (the annotations stay); says how many. */
  async delete(id: string, now: Date): Promise<number> {
    refuseBuiltIn(id, 'deleted');
    const { db } = this;
    return db.transaction('rw', db.tags, db.annotations, async () => {
      if (!(await db.tags.get(id))) throw unknown(id);
      const changed = await db.annotations
        .where('tags')
        .equals(id)
        .modify((annotation) => {
          annotation.tags = annotation.tags.filter((t) => t !== id);
          annotation.updatedAt = now.toISOString();
        });
      await db.tags.delete(id);
      return changed;
    });
  }

  /** Gives a tag a colour (`#rrggbb`), or (null) its default back. Built-in tags may have one too. */
  async setColor(id: string, color: string | null): Promise<void> {
    const value = color?.toLowerCase() ?? null;
    if (value !== null && !TAG_COLOR.test(value))
      throw new TagError(
        `A colour is written #rrggbb (six hexadecimal digits), not “${color?.slice(0, 20)}”.`,
      );
    const { db } = this;
    if (isBuiltInTag(id)) {
      await db.transaction('rw', db.settings, async () => {
        const others = Object.entries(await this.builtInColors()).filter(([tagId]) => tagId !== id);
        const colors = value === null ? others : [...others, [id, value]];
        await db.settings.put({ key: BUILT_IN_COLORS, value: Object.fromEntries(colors) });
      });
      return;
    }
    await db.transaction('rw', db.tags, async () => {
      const tag = await db.tags.get(id);
      if (!tag) throw unknown(id);
      const next: TagRecord = { ...tag };
      if (value === null) delete next.color;
      else next.color = value;
      await db.tags.put(next);
    });
  }

  /** The stored colours of built-in tags, read defensively: anything malformed is as if unset. */
  private async builtInColors(): Promise<Record<string, string>> {
    const stored = (await this.db.settings.get(BUILT_IN_COLORS))?.value;
    const colors: Record<string, string> = {};
    if (typeof stored !== 'object' || stored === null) return colors;
    for (const [id, color] of Object.entries(stored))
      if (isBuiltInTag(id) && typeof color === 'string' && TAG_COLOR.test(color)) colors[id] = color;
    return colors;
  }
}

function withColor(id: string, label: string, color: string | undefined): TagDefinition {
  return color ? { id, label, color } : { id, label };
}

/** Labels that differ only in case, accents or punctuation name the same tag. */
function labelKey(label: string): string {
  return tagIdOf(label) || label.trim().toLowerCase();
}

function checkLabel(label: string): string {
  const clean = label.trim();
  if (!clean) throw new TagError('A tag needs a label.');
  if (clean.length > MAX_TAG_LABEL_CHARS)
    throw new TagError(
      `A tag’s label has at most ${MAX_TAG_LABEL_CHARS} characters; this one has ${clean.length}.`,
    );
  return clean;
}

function refuseBuiltIn(id: string, what: string): void {
  const builtIn = BUILT_IN_TAGS.find((t) => t.id === id);
  if (builtIn)
    throw new TagError(`“${builtIn.label}” is a built-in tag: it cannot be ${what} (it can take a colour).`);
}

function unknown(id: string): TagError {
  return new TagError(`There is no tag “${id}” (it may have been deleted or merged meanwhile).`);
}

const MAX_TAG_ID_CHARS = 40;

/** `base`, or `base-2`, `base-3`… if a tag (perhaps since renamed) has it: ids never change hands. */
function freeId(base: string, taken: ReadonlySet<string>): string {
  for (let n = 2, id = base; ; n++) {
    if (!taken.has(id)) return id;
    const suffix = `-${n}`;
    id = base.slice(0, MAX_TAG_ID_CHARS - suffix.length).replace(/-+$/, '') + suffix;
  }
}
