import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The demo newsroom: articles by several outlets on the stories of STORY.md, with their labelled claims. */
export const NEWSROOM = process.env.NEWSROOM ?? resolve(import.meta.dirname, '../../demo/newsroom');

export type Stance = 'overcapacity' | 'demand' | 'neutral';

export interface CatalogEntry {
  path: string;
  outlet: string;
  story: string | null;
  kind: 'article' | 'unrelated';
  title: string;
  published: string;
  syndicatedFrom: string | null;
  claims: { text: string; stance: Stance }[];
}

export const catalog: CatalogEntry[] = JSON.parse(readFileSync(resolve(NEWSROOM, 'catalog.json'), 'utf8'));
