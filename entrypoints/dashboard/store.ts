import { browser } from 'wxt/browser';
import { AnnotationRepository } from '../../utils/db/annotations.ts';
import { ArticleRepository, ClaimRepository, LibraryRepository } from '../../utils/db/articles.ts';
import { DetectionRepository } from '../../utils/db/detection.ts';
import { ImportRepository } from '../../utils/db/import.ts';
import { SettingsRepository } from '../../utils/db/settings.ts';
import { TagRepository } from '../../utils/db/tags.ts';
import { ClaimLensDatabase } from '../../utils/db/schema.ts';
import { makeSender } from '../../utils/messages.ts';

/** The dashboard reads the database directly; every write goes through the background (`send`). */
export const db = new ClaimLensDatabase();
export const articles = new ArticleRepository(db);
export const claimStore = new ClaimRepository(db);
export const libraryStore = new LibraryRepository(db);
/** Only plans imports here (the preview); the background applies them. */
export const importPlanner = new ImportRepository(db);
export const detection = new DetectionRepository(db);
export const settings = new SettingsRepository(db);
export const annotations = new AnnotationRepository(db);
export const tags = new TagRepository(db);
export const send = makeSender((message) => browser.runtime.sendMessage(message));
