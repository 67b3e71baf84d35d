/**
 * Splits a command line into words as a POSIX shell would for the commands we accept: whitespace
 * separates words, single quotes keep everything literally, double quotes keep spaces and honour
 * backslash escapes, a backslash outside quotes escapes the next character. No expansion of any kind.
 */

/** The words of a line, or the error a shell would give for an unterminated quote. */
export type Tokens = { ok: true; words: string[] } | { ok: false; error: string };

export function tokenize(line: string): Tokens {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === "'" || c === '"') {
      const end = readQuoted(line, i);
      if (end === undefined)
        return { ok: false, error: `error: unterminated ${c === "'" ? 'single' : 'double'} quote` };
      word += end.text;
      inWord = true;
      i = end.next;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return { ok: true, words };
}

function readQuoted(line: string, start: number): { text: string; next: number } | undefined {
  const quote = line[start];
  let text = '';
  for (let i = start + 1; i < line.length; i++) {
    const c = line[i] as string;
    if (c === quote) return { text, next: i + 1 };
    if (quote === '"' && c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] as string)) {
      text += line[++i];
    } else text += c;
  }
  return undefined;
}
