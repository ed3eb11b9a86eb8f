/**
 * Reading aids some pages print after characters: pinyin in parentheses (產(chǎn)業(yè), 關(guan) 於(yu)).
 * They are not the policy's words: the parser removes them, and validation refuses text that
 * still holds them.
 */

// Lower-case Latin letters with or without tone marks, 1–6 of them, in parentheses right after a
// Han character; a following space belongs to the annotation (關(guan) 於). Upper case (TB) is kept.
const PINYIN = 'a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ';
const ANNOTATION = new RegExp(`(?<=[\\u4e00-\\u9fff])[(（][${PINYIN}]{1,6}[)）] ?`, 'g');

/** The annotations in `text`, as printed, in order. */
export function annotationsIn(text: string): string[] {
  return text.match(ANNOTATION) ?? [];
}

/** `text` without pinyin annotations. */
export function stripAnnotations(text: string): string {
  return text.replace(ANNOTATION, '');
}
