/**
 * 文号 written with any of the brackets seen on web pages ([], 【】, （）, ［］), or with 第 before
 * the number (〔2024〕第16号), name the same document: they are stored and looked up in the
 * official form with 〔〕, no 第 and no spaces.
 */
export function normaliseDocNumber(docNumber: string): string {
  return docNumber
    .replace(/\s+/g, '')
    .replace(/^([^〔[［【(（]+)[〔[［【(（](\d{4})[〕\]］】)）]/, '$1〔$2〕')
    .replace(/〕第(\d+号)$/, '〕$1');
}
