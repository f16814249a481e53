/**
 * Saves text as a file the way a browser does it: a Blob behind an object URL, clicked through a detached
 * <a download>. Nothing inline, so the strict CSP holds; the URL is revoked once the click has been handled.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
