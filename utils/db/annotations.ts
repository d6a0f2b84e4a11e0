import type { AnnotationInput } from '../model.ts';
import { MAX_SNAPSHOT_CHARS } from '../messages.ts';
import type { AnchoringRecord, AnnotationRecord, ClaimLensDatabase, TagRecord } from './schema.ts';

export interface AnchoringResult {
  id: string;
  method: AnchoringRecord['method'];
  score: number | null;
}

/** The reader's annotations, their own tags and the text of annotated pages. */
export class AnnotationRepository {
  constructor(private readonly db: ClaimLensDatabase) {}

  /** Stores a new annotation and the page text it was made on, in one transaction. */
  async create(
    articleId: string,
    url: string,
    input: AnnotationInput,
    snapshot: string,
    now: Date,
    newId: () => string,
  ): Promise<AnnotationRecord> {
    const { db } = this;
    return db.transaction('rw', db.annotations, db.snapshots, async () => {
      const record: AnnotationRecord = {
        ...input,
        id: newId(),
        articleId,
        url,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        anchoring: { method: 'exact', score: null, at: now.toISOString() },
      };
      await db.annotations.add(record);
      await db.snapshots.put({
        articleId,
        text: snapshot.slice(0, MAX_SNAPSHOT_CHARS),
        capturedAt: now.toISOString(),
      });
      return record;
    });
  }

  /** Annotations of the article at `articleId`, oldest first. */
  async forArticle(articleId: string): Promise<AnnotationRecord[]> {
    const list = await this.db.annotations.where('articleId').equals(articleId).toArray();
    return list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  all(): Promise<AnnotationRecord[]> {
    return this.db.annotations.toArray();
  }

  /** Records how each annotation anchored on this visit (orphans are kept, only marked). */
  async recordAnchoring(results: readonly AnchoringResult[], now: Date): Promise<number> {
    await this.db.transaction('rw', this.db.annotations, async () => {
      for (const { id, method, score } of results) {
        await this.db.annotations.update(id, { anchoring: { method, score, at: now.toISOString() } });
      }
    });
    return results.filter((r) => r.method === 'orphan').length;
  }

  async orphans(): Promise<AnnotationRecord[]> {
    return (await this.db.annotations.toArray()).filter((a) => a.anchoring?.method === 'orphan');
  }

  snapshot(articleId: string) {
    return this.db.snapshots.get(articleId);
  }

  tags(): Promise<TagRecord[]> {
    return this.db.tags.toArray();
  }

  async addTag(tag: TagRecord): Promise<void> {
    await this.db.tags.put(tag);
  }
}
