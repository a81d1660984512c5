// Hands a text the app fetched (a CSV, a JSON Lines export) to the browser as a file to save.
// The object URL outlives the click a while: revoking it at once can cancel the download.
export function saveTextFile(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(window.document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
