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

/**
 * Runs a part generator to its end, reporting progress after each part and pausing whenever a frame's worth
 * of work is done: the texts come back as a list, ready to be a `Blob`'s parts.
 */
export async function collectParts(
  parts: Iterable<Part>,
  onProgress: (done: number, total: number) => void = () => {},
  pause: () => Promise<void> = yieldToEventLoop,
): Promise<string[]> {
  const texts: string[] = [];
  let sliceStart = performance.now();
  for (const part of parts) {
    texts.push(part.text);
    onProgress(part.done, part.total);
    if (performance.now() - sliceStart >= SLICE_MS) {
      await pause();
      sliceStart = performance.now();
    }
  }
  return texts;
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
