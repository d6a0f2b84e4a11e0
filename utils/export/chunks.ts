/**
 * Exports are written as a sequence of parts, a few hundred items each, so a large library never becomes one
 * giant string and the page can breathe (and show progress) between parts.
 */
export interface Part {
  text: string;
  /** Items written so far, out of `total`. */
  done: number;
  total: number;
}

/** Items per part: small enough that one part takes a few milliseconds, large enough that pauses stay rare. */
export const ITEMS_PER_PART = 500;

/** Work between two pauses: about one frame, so the page keeps painting and answering input. */
const SLICE_MS = 16;

/** Lets the event loop run (input, painting) before the next part; `scheduler.yield` where there is one. */
export const yieldToEventLoop = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resume) => setTimeout(resume, 0));
};

/** Runs a part generator to its end, handing each text on, reporting progress and pausing about every frame. */
async function drain(
  parts: Iterable<Part>,
  onText: (text: string) => void,
  onProgress: (done: number, total: number) => void,
  pause: () => Promise<void>,
): Promise<void> {
  let sliceStart = performance.now();
  for (const part of parts) {
    onText(part.text);
    onProgress(part.done, part.total);
    if (performance.now() - sliceStart >= SLICE_MS) {
      await pause();
      sliceStart = performance.now();
    }
  }
}

/**
 * Runs a part generator to its end, reporting progress after each part and pausing whenever a frame's worth
 * of work is done: the texts come back as a list.
 */
export async function collectParts(
  parts: Iterable<Part>,
  onProgress: (done: number, total: number) => void = () => {},
  pause: () => Promise<void> = yieldToEventLoop,
): Promise<string[]> {
  const texts: string[] = [];
  await drain(parts, (text) => texts.push(text), onProgress, pause);
  return texts;
}

/**
 * Characters gathered before they become a Blob of their own. A 100 MB export kept as strings to the end
 * stays on the page's heap, walked by every garbage collection; as Blobs, its bytes leave the heap as it goes.
 */
const BLOB_CHARS = 4 * 1024 * 1024;

/** The same as `collectParts`, written into a Blob of `type` a few megabytes at a time. */
export async function collectBlob(
  parts: Iterable<Part>,
  type: string,
  onProgress: (done: number, total: number) => void = () => {},
  pause: () => Promise<void> = yieldToEventLoop,
): Promise<Blob> {
  const blobs: Blob[] = [];
  let pending: string[] = [];
  let chars = 0;
  const flush = () => {
    blobs.push(new Blob(pending));
    pending = [];
    chars = 0;
  };
  await drain(
    parts,
    (text) => {
      pending.push(text);
      chars += text.length;
      if (chars >= BLOB_CHARS) flush();
    },
    onProgress,
    pause,
  );
  flush();
  return new Blob(blobs, { type });
}

/** The whole text of a part generator at once: for tests and small outputs. */
export const joinParts = (parts: Iterable<Part>): string => Array.from(parts, (p) => p.text).join('');

/** Groups a list into slices of `size`, with how many items were written once each slice is. */
export function* slices<T>(items: readonly T[], size = ITEMS_PER_PART): Generator<[T[], number]> {
  for (let at = 0; at < items.length; at += size) {
    const slice = items.slice(at, at + size);
    yield [slice, at + slice.length];
  }
}
