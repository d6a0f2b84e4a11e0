import { expect } from 'vitest';
import { fold, type CatalogEntry } from './harness.ts';

export const STANCE_NAMES = ['claimlens-overcapacity', 'claimlens-demand', 'claimlens-neutral'] as const;

/** How the highlights of the demo newsroom's story articles compare with its labelled claims. */
export class NewsroomScore {
  private labelled = 0;
  private found = 0;
  private rightStance = 0;
  private highlighted = 0;
  private correct = 0;

  /** Counts one article's highlights (by highlight name) against its labelled claims. */
  add(entry: CatalogEntry, highlights: Record<string, string[]>): void {
    const byText = new Map<string, string>();
    for (const name of STANCE_NAMES) for (const text of highlights[name] ?? []) byText.set(fold(text), name);
    const labels = new Map(entry.claims.map((c) => [fold(c.text), `claimlens-${c.stance}`]));
    this.labelled += labels.size;
    for (const [text, name] of labels) {
      if (!byText.has(text)) continue;
      this.found++;
      if (byText.get(text) === name) this.rightStance++;
    }
    this.highlighted += byText.size;
    this.correct += [...byText.keys()].filter((text) => labels.has(text)).length;
  }

  /** Floors just under what the detector measures on the demo today, in every browser: a regression fails here. */
  expectFloors(where: string): void {
    const { labelled, found, rightStance, highlighted, correct } = this;
    console.log(
      `demo newsroom in ${where}: ${found}/${labelled} labelled claims found, ${rightStance} with the right ` +
        `stance; ${correct}/${highlighted} highlights are labelled claims`,
    );
    expect(found / labelled).toBeGreaterThan(0.8);
    expect(correct / highlighted).toBeGreaterThan(0.95);
    expect(rightStance / found).toBeGreaterThan(0.85);
  }
}
