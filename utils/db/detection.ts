import { fnv1a } from '../hash.ts';
import { sentenceKey, type Adjustments } from '../detect/detect.ts';
import { learnAdjustments } from '../detect/learn.ts';
import type { Stance, TopicPack } from '../detect/pack.ts';
import type { ClaimPayload } from '../model.ts';
import { claimId, stanceCounts } from './articles.ts';
import type { ClaimLensDatabase, CorrectionRecord, PackRecord } from './schema.ts';
import { SettingsRepository } from './settings.ts';

/** What a correction says: this claim (as the page showed it) is really `verdict`, or not a claim (null). */
export interface CorrectionInput {
  articleUrl: string;
  claim: ClaimPayload;
  /** What ClaimLens had said, or null when the reader marks a sentence it had missed. */
  detected: Stance | null;
  verdict: Stance | null;
}

/** The reader's teaching: corrections of claims, and the topic packs they added or switched off. */
export class DetectionRepository {
  constructor(private readonly db: ClaimLensDatabase) {}

  /**
   * Stores a correction and applies it to the stored claims of that article in the same transaction: the
   * stance changes, the claim goes ("not a claim"), or a claim the reader marked is added.
   */
  async correct(input: CorrectionInput, now: Date): Promise<CorrectionRecord> {
    const { db } = this;
    return db.transaction('rw', db.articles, db.claims, db.corrections, async () => {
      const article =
        (await db.articles.get(input.articleUrl)) ??
        (await db.articles.where('urls').equals(input.articleUrl).first());
      if (!article) throw new Error(`No stored article at ${input.articleUrl}`);
      const key = sentenceKey(input.claim.text);
      const record: CorrectionRecord = {
        id: `${fnv1a(key)}-${now.getTime().toString(36)}`,
        articleId: article.id,
        text: input.claim.text,
        sentenceKey: key,
        detected: input.detected,
        verdict: input.verdict,
        cues: input.claim.cues.map((c) => ({ key: c.key, stance: c.stance })),
        createdAt: now.toISOString(),
      };
      await db.corrections.add(record);
      const id = claimId(article.id, input.claim);
      if (input.verdict === null) await db.claims.delete(id);
      else
        await db.claims.put({
          ...input.claim,
          stance: input.verdict,
          confidence: 0.99,
          id,
          articleId: article.id,
        });
      const claims = await db.claims.where('articleId').equals(article.id).toArray();
      await db.articles.update(article.id, { claimCount: claims.length, stances: stanceCounts(claims) });
      return record;
    });
  }

  async adjustments(): Promise<Adjustments> {
    return learnAdjustments(await this.db.corrections.toArray());
  }

  corrections(): Promise<CorrectionRecord[]> {
    return this.db.corrections.orderBy('createdAt').reverse().toArray();
  }

  /** The reader's own packs, newest first. */
  packs(): Promise<PackRecord[]> {
    return this.db.packs.orderBy('updatedAt').reverse().toArray();
  }

  async savePack(pack: TopicPack, builtInIds: readonly string[], now: Date): Promise<PackRecord> {
    if (builtInIds.includes(pack.id))
      throw new Error(`"${pack.id}" is the id of a built-in pack: give your pack an id of its own.`);
    return this.db.transaction('rw', this.db.packs, async () => {
      const previous = await this.db.packs.get(pack.id);
      const record: PackRecord = {
        id: pack.id,
        pack,
        createdAt: previous?.createdAt ?? now.toISOString(),
        updatedAt: now.toISOString(),
      };
      await this.db.packs.put(record);
      return record;
    });
  }

  async deletePack(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.packs, this.db.settings, async () => {
      await this.db.packs.delete(id);
      await new SettingsRepository(this.db).setPackEnabled(id, true);
    });
  }
}
