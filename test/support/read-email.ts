/**
 * Reads a raw email as a mail client would (unfolded headers with RFC 2047
 * encoded words decoded, base64 text and HTML parts of a
 * multipart/alternative message), so that the notice tests and the
 * screenshot script see what the merchant reads. Runs in workerd and Node.
 */

function decodeBase64(text: string): string {
  const binary = atob(text.replace(/\s+/g, ''));
  return new TextDecoder().decode(Uint8Array.from(binary, (character) => character.charCodeAt(0)));
}

export interface ReadEmail {
  readonly headers: ReadonlyMap<string, string>;
  readonly text: string;
  readonly html: string;
}

/** Unfolds and decodes the headers, and decodes the text and HTML parts of a multipart/alternative message. */
export function readEmail(raw: string): ReadEmail {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    const value = line
      .slice(colon + 1)
      .trim()
      // RFC 2047: the space between two encoded words is not text; a space next to plain text is.
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_match, encoded: string) => decodeBase64(encoded));
    headers.set(line.slice(0, colon).toLowerCase(), value);
  }
  const boundary = /boundary="([^"]+)"/.exec(headers.get('content-type') ?? '')?.[1] ?? '';
  const parts = rest
    .join('\r\n\r\n')
    .split(`--${boundary}`)
    .map((part) => part.split('\r\n\r\n'))
    .filter((part) => part.length === 2);
  const part = (type: string): string => {
    const found = parts.find(([partHead]) => partHead?.includes(`Content-Type: ${type}`));
    return found ? decodeBase64(found[1] ?? '') : '';
  };
  return { headers, text: part('text/plain'), html: part('text/html') };
}
