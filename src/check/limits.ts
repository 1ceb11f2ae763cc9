/**
 * Input limits of the claim checker, so that malformed or huge input gets a clear error or a
 * bounded run, never a crash or a hang:
 * - at most MAX_INPUT_CHARS characters (2,000,000; the CLI also caps the file at MAX_INPUT_BYTES);
 * - no binary: NUL bytes, or more than 1% control / replacement characters, is rejected;
 * - lines longer than MAX_LINE_CHARS are split into pieces for sentence work (no regex ever sees
 *   more than that many characters at once), sentences longer than MAX_SENTENCE_CHARS are skipped;
 * - at most MAX_CLAIMS claims are checked (a note says how many were left out).
 * Every regex in this folder is linear (no nested quantifiers over the same characters).
 */
import { UserError } from '../model/errors.ts';

export const MAX_INPUT_BYTES = 2 * 1024 * 1024;
export const MAX_INPUT_CHARS = 2_000_000;
export const MAX_LINE_CHARS = 20_000;
export const MAX_SENTENCE_CHARS = 1_500;
export const MAX_CLAIMS = 2_000;
export const MAX_TABLE_ROWS = 500;

/** Throws a UserError when `text` is too long or looks binary. */
export function assertCheckableText(text: string, maxChars = MAX_INPUT_CHARS): void {
  if (typeof text !== 'string') throw new UserError('the article must be text');
  if (text.length > maxChars)
    throw new UserError(
      `the article is ${text.length.toLocaleString('en-US')} characters, over the ${maxChars.toLocaleString('en-US')}-character limit: check it in parts`,
    );
  if (text.includes('\u0000'))
    throw new UserError('the input looks binary (it contains NUL bytes): give plain text, Markdown or HTML');
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || (c >= 0x7f && c < 0xa0))
      bad++;
  }
  if (text.length > 0 && bad > Math.max(8, text.length * 0.01))
    throw new UserError(
      `the input looks binary (${bad} control or undecodable characters): give plain text, Markdown or HTML`,
    );
}

/**
 * Decodes file bytes as UTF-8 text, rejecting binary and over-long input with a clear message.
 * A UTF-8 BOM is dropped; invalid UTF-8 is an error (not silently replaced).
 */
export function decodeInputBytes(bytes: Uint8Array, label: string, maxBytes = MAX_INPUT_BYTES): string {
  if (bytes.length > maxBytes)
    throw new UserError(
      `${label} is ${bytes.length.toLocaleString('en-US')} bytes, over the ${maxBytes.toLocaleString('en-US')}-byte limit: check it in parts`,
    );
  const probe = Math.min(bytes.length, 65_536);
  for (let i = 0; i < probe; i++) {
    if (bytes[i] === 0)
      throw new UserError(`${label} looks binary (it contains NUL bytes): give plain text, Markdown or HTML`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(
      `${label} is not valid UTF-8 text (binary, or another encoding): give plain text, Markdown or HTML`,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  assertCheckableText(text, Math.max(MAX_INPUT_CHARS, maxBytes));
  return text;
}
