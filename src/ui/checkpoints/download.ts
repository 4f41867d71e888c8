/**
 * Saving bytes as a file through the browser's download mechanism.
 */

/** Offers `bytes` as a download called `fileName`. */
export function downloadBytes(bytes: Uint8Array, fileName: string): void {
  // Copy into a plain ArrayBuffer: a Blob cannot take a view of a SharedArrayBuffer.
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  const url = URL.createObjectURL(new Blob([copy.buffer], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers start reading the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
