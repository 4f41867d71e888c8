/**
 * E-mail unwrapping for the mail cleaner: removes the header block, walks MIME multipart
 * bodies (keeping text parts, preferring text/plain among alternatives, dropping
 * attachments) and decodes quoted-printable and base64 text. Anything that does not look
 * like a mail message comes back unchanged.
 */

/** A header block and the body after it. */
interface MailPart {
  headers: Map<string, string>;
  body: string;
}

/** Header names that mark the top of a document as a mail message. */
const MAIL_HEADER_NAMES =
  /^(?:from|to|cc|subject|date|received|return-path|message-id|delivered-to|reply-to|sender|mime-version|content-type|x-[\w-]+):/imu;
const HEADER_LINE = /^(?:[\x21-\x39\x3b-\x7e]+:[ \t]?.*|From \S.*|[ \t]+\S.*)$/u;
const MAX_DEPTH = 5;

/** Splits `text` at its first blank line into unfolded headers and the body, or null. */
function splitHeaders(text: string, strict: boolean): MailPart | null {
  const end = text.search(/\n[ \t]*\n/u);
  const block = end < 0 ? text : text.slice(0, end);
  const lines = block.split('\n');
  if (!lines.every((line) => HEADER_LINE.test(line))) return null;
  if (strict && (lines.length < 3 || !MAIL_HEADER_NAMES.test(block))) return null;
  const headers = new Map<string, string>();
  let last = '';
  for (const line of lines) {
    if (/^[ \t]/u.test(line)) {
      headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0 || line.startsWith('From ')) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    headers.set(last, line.slice(colon + 1).trim());
  }
  return { headers, body: end < 0 ? '' : text.slice(end).replace(/^[ \t]*\n[ \t]*\n/u, '') };
}

/** The value of a `name=value` parameter of a header such as Content-Type. */
function headerParameter(header: string, name: string): string | null {
  const match = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'iu').exec(
    header,
  );
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** Decodes bytes in a mail charset (UTF-8 when the charset is unknown). */
function decodeCharset(bytes: Uint8Array, charset: string | null): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Decodes quoted-printable text (`=3D` → `=`, soft line breaks removed). */
export function decodeQuotedPrintable(body: string, charset: string | null = null): string {
  const unwrapped = body.replace(/=[ \t]*\r?\n/gu, '');
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < unwrapped.length; i++) {
    const char = unwrapped[i] ?? '';
    const hex = char === '=' ? /^[0-9A-Fa-f]{2}$/u.exec(unwrapped.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(Number.parseInt(hex[0], 16));
      i += 2;
    } else {
      const code = char.charCodeAt(0);
      if (code < 0x80) bytes.push(code);
      else bytes.push(...encoder.encode(char));
    }
  }
  return decodeCharset(Uint8Array.from(bytes), charset);
}

/** Decodes a base64 text part, or '' when it is not valid base64. */
function decodeBase64(body: string, charset: string | null): string {
  try {
    const binary = atob(body.replace(/\s+/gu, ''));
    return decodeCharset(
      Uint8Array.from(binary, (c) => c.charCodeAt(0)),
      charset,
    );
  } catch {
    return '';
  }
}

/** The readable text of one MIME entity. */
function renderPart(part: MailPart, depth: number): string {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const mediaType = type.split(';')[0]?.trim().toLowerCase() ?? 'text/plain';
  const boundary = headerParameter(type, 'boundary');
  if (mediaType.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    const children = splitMultipart(part.body, boundary).map((child) => ({
      child,
      type: (child.headers.get('content-type') ?? 'text/plain').toLowerCase(),
    }));
    if (mediaType === 'multipart/alternative') {
      const plain = children.find((c) => c.type.startsWith('text/plain'));
      const chosen = plain ?? children.at(-1);
      return chosen ? renderPart(chosen.child, depth + 1) : '';
    }
    return children
      .map((c) => renderPart(c.child, depth + 1).trim())
      .filter((text) => text !== '')
      .join('\n\n');
  }
  if (!mediaType.startsWith('text/') && !mediaType.startsWith('message/')) return '';
  const disposition = part.headers.get('content-disposition') ?? '';
  if (/^\s*attachment/iu.test(disposition) && !mediaType.startsWith('text/plain')) return '';
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').trim().toLowerCase();
  const charset = headerParameter(type, 'charset');
  if (encoding === 'base64') return decodeBase64(part.body, charset);
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body, charset);
  if (mediaType === 'message/rfc822') return unwrapMail(part.body);
  return part.body;
}

/** The parts of a multipart body between `--boundary` lines (preamble and epilogue dropped). */
function splitMultipart(body: string, boundary: string): MailPart[] {
  const delimiter = `--${boundary}`;
  const parts: MailPart[] = [];
  let current: string[] | null = null;
  for (const line of body.split('\n')) {
    const trimmed = line.trimEnd();
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current) parts.push(splitHeaders(current.join('\n'), false) ?? toPart(current));
      current = trimmed === delimiter ? [] : null;
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(splitHeaders(current.join('\n'), false) ?? toPart(current));
  return parts;
}

function toPart(lines: string[]): MailPart {
  return { headers: new Map(), body: lines.join('\n') };
}

/** The readable text of a mail message; text that is not one is returned as it is. */
export function unwrapMail(text: string): string {
  const normalised = text.replace(/\r\n?/gu, '\n');
  const top = splitHeaders(normalised, true);
  if (!top) return text;
  return renderPart(top, 0).trim();
}
