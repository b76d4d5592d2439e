/**
 * The one text-normalisation helper: search, imports and duplicate detection all go through it.
 * Officers type Vietnamese in NFC or NFD, with old ("hóa", "thụy") or new ("hoá", "thuỵ") tone-mark
 * placement; docs/RULES.md §5 treats them as the same.
 */

// The five Vietnamese tone marks as combining characters (after NFD).
const TONE_MARKS: Record<string, string> = {
  '\u0301': '1', // sắc
  '\u0300': '2', // huyền
  '\u0309': '3', // hỏi
  '\u0303': '4', // ngã
  '\u0323': '5', // nặng
};
const COMBINING = /[\u0300-\u036f]/g;

/** Trim, collapse white space (incl. non-breaking spaces), NFC. How names are stored. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/**
 * Folds to lower-case ASCII: no diacritics, đ → d, single spaces. "Nguyễn Thị Hoá" → "nguyen thi hoa".
 * Used for free-text search, where "nguyen" must find "Nguyễn".
 */
export function foldText(value: string): string {
  return cleanText(value)
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING, '')
    .replace(/đ/g, 'd')
    .normalize('NFC');
}

/**
 * A key that ignores case, Unicode form and tone-mark placement but keeps which tone and which
 * vowel letters a syllable has: "Hóa" and "Hoá" give the same key, "Hoa" and "Hòa" do not.
 * Each syllable becomes its letters without the tone mark plus the tone's digit.
 */
export function matchKey(value: string): string {
  return cleanText(value)
    .toLowerCase()
    .split(' ')
    .map((syllable) => {
      let tone = '';
      const letters = syllable.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, (m) => {
        tone = TONE_MARKS[m];
        return '';
      });
      return letters.normalize('NFC') + tone;
    })
    .join(' ');
}

/** Same as matchKey, for deciding whether two names are the same name. */
export function sameName(a: string, b: string): boolean {
  return matchKey(a) === matchKey(b);
}

/** Escapes LIKE wildcards in user input. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => '\\' + c);
}
