import { afterEach, describe, expect, it } from 'vitest';
import { DetectorCache } from '../../../utils/db/detectors.ts';
import { ClaimLensDatabase } from '../../../utils/db/schema.ts';
import { SettingsRepository } from '../../../utils/db/settings.ts';
import { BUILT_IN_PACKS } from '../../../utils/detect/packs/index.ts';
import { parseTopicPack } from '../../../utils/detect/pack.ts';
import { DetectionRepository } from '../../../utils/db/detection.ts';

const TEXT = 'Shipping lines report a glut of container berths at every port this winter.';
const BLOCKS = [{ start: 0, end: TEXT.length }];

// A pack of the reader's own, about another topic: its claims appear only while the pack is on.
const parsed = parseTopicPack({
  id: 'ports',
  name: 'Ports',
  version: 1,
  anchors: ['port*', 'container*'],
  cues: [{ phrase: 'glut*', stance: 'overcapacity', weight: 1.5 }],
});
if (!parsed.ok) throw new Error(parsed.error);
const PORTS = parsed.value;

let db: ClaimLensDatabase;
afterEach(() => db.delete());

describe('the background’s compiled detector', () => {
  it('is compiled once, and again only after the reader’s packs or switches change', async () => {
    db = new ClaimLensDatabase(`detectors-${Math.random()}`);
    const cache = new DetectorCache(db, BUILT_IN_PACKS);
    await db.open();
    const first = await cache.current();
    expect(await cache.current()).toBe(first);
    expect(first.detect(TEXT, BLOCKS)).toEqual([]);

    await new DetectionRepository(db).savePack(PORTS, [], new Date());
    const withPack = await cache.current();
    expect(withPack).not.toBe(first);
    expect(withPack.detect(TEXT, BLOCKS)).toMatchObject([{ stance: 'overcapacity' }]);

    await new SettingsRepository(db).setPackEnabled('ports', false);
    expect((await cache.current()).detect(TEXT, BLOCKS)).toEqual([]);
  });
});
