import { useState } from 'preact/hooks';
import { downloadText } from '../../components/download.ts';
import { toCsv } from '../../utils/export/csv.ts';
import { toMarkdown } from '../../utils/export/markdown.ts';
import { toAnnotationCollection, type Library } from '../../utils/export/web-annotation.ts';
import { MAX_IMPORT_CHARS } from '../../utils/messages.ts';
import { libraryStore, send } from './store.ts';

export type Format = 'json' | 'csv' | 'md';

/** Downloads `everything` (the whole library, or the part of it the reader filtered) in one format. */
export async function exportLibrary(format: Format, everything: Library): Promise<void> {
  const { articles: allArticles, claims: allClaims, annotations: allAnnotations } = everything;
  const now = new Date();
  const stamp = now.toISOString().slice(0, 10);
  if (format === 'json') {
    const collection = toAnnotationCollection(everything, now);
    downloadText(JSON.stringify(collection, null, 2), `claimlens-${stamp}.jsonld`, 'application/ld+json');
  } else if (format === 'csv') {
    downloadText(
      toCsv(allArticles, allClaims, allAnnotations),
      `claimlens-${stamp}.csv`,
      'text/csv;charset=utf-8',
    );
  } else {
    downloadText(
      toMarkdown(allArticles, allClaims, now, allAnnotations),
      `claimlens-${stamp}.md`,
      'text/markdown;charset=utf-8',
    );
  }
}

type ImportState =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; text: string } | { kind: 'failed'; text: string };

/** Export of the whole library in three formats, and import of a JSON export. */
export function TransferView() {
  const [importState, setImportState] = useState<ImportState>({ kind: 'idle' });

  const onImport = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setImportState({ kind: 'busy' });
    try {
      if (file.size > MAX_IMPORT_CHARS)
        throw new Error(
          `The file is ${Math.round(file.size / 1e6)} MB: the limit is ${MAX_IMPORT_CHARS / 1e6} MB.`,
        );
      const reply = await send({ type: 'library/import', json: await file.text() });
      setImportState(
        reply.ok
          ? {
              kind: 'done',
              text: `Imported ${reply.annotations} annotations from ${reply.articles} articles.`,
            }
          : { kind: 'failed', text: `Nothing was imported. ${reply.error}` },
      );
    } catch (error) {
      setImportState({ kind: 'failed', text: `Nothing was imported. ${(error as Error).message}` });
    } finally {
      input.value = '';
    }
  };

  return (
    <section id="transfer" class="toolbar" aria-label="Export and import">
      <button
        type="button"
        data-testid="export-json"
        onClick={() => void libraryStore.load().then((all) => exportLibrary('json', all))}
      >
        Export JSON (Web Annotation)
      </button>
      <button
        type="button"
        data-testid="export-csv"
        onClick={() => void libraryStore.load().then((all) => exportLibrary('csv', all))}
      >
        Export CSV
      </button>
      <button
        type="button"
        data-testid="export-md"
        onClick={() => void libraryStore.load().then((all) => exportLibrary('md', all))}
      >
        Export Markdown
      </button>
      <label class="import">
        Import JSON{' '}
        <input
          type="file"
          accept=".json,.jsonld,application/json,application/ld+json"
          data-testid="import-file"
          onChange={(e) => void onImport(e)}
        />
      </label>
      {importState.kind === 'busy' && (
        <span role="status" data-testid="import-result">
          Importing…
        </span>
      )}
      {importState.kind === 'done' && (
        <span role="status" data-testid="import-result">
          {importState.text}
        </span>
      )}
      {importState.kind === 'failed' && (
        <span role="alert" data-testid="import-result">
          {importState.text}
        </span>
      )}
    </section>
  );
}
