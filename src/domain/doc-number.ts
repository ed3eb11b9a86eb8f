/**
 * 文号 written with any of the brackets seen on web pages ([], 【】, （）, ［］) name the same
 * document: they are stored and looked up in the official form with 〔〕 and no spaces.
 */
export function normaliseDocNumber(docNumber: string): string {
  return docNumber.replace(/\s+/g, '').replace(/^([^〔[［【(（]+)[〔[［【(（](\d{4})[〕\]］】)）]/, '$1〔$2〕');
}
