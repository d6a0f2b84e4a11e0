/** Saves a file through an ordinary `<a download>` link, the way the contract (and every browser) expects. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; free the blob a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
