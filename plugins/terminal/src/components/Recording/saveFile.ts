/**
 * Saves text as a file through the browser's download, from memory: the content was fetched
 * with the user's credentials, so no link to the backend (and no token in a URL) is needed.
 */
export function saveFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  // Firefox downloads only from a link in the document.
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel a download that has not started reading the blob yet.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
