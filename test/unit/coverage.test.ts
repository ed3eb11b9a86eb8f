/**
 * The evidence `retrieve` judges coverage on (src/retrieval/coverage.ts), read against the seeds'
 * snapshot: the places a question names (districts of a covered city included), the kinds of
 * support it names and whether any clause offers them, and the words of speech that say nothing
 * of what is asked.
 */
import { describe, expect, it } from 'vitest';
import {
  answerability,
  type Found,
  loadPlaces,
  loadSupportKinds,
  loadWordsOtherwise,
  questionEvidence,
  type SupportKinds,
} from '../../src/retrieval/coverage.js';
import { searchIndexOf } from '../../src/search/fallback.js';
import { loadSearchVocabulary } from '../../src/search/settings.js';
import { PROJECT_DATA_DIR } from '../support/db.js';
import { snapshotOf } from '../support/snapshots.js';

const snapshot = snapshotOf(PROJECT_DATA_DIR);
const index = searchIndexOf(snapshot);
const places = loadPlaces();
const kinds = loadSupportKinds();
const evidence = (q: string, k: SupportKinds = kinds) => questionEvidence(q, snapshot, index, places, new Map(), k);

/** A clause in force found that states `coverage` of the question. */
const found = (coverage: number): Found => ({
  namesDocument: false,
  coverage,
  inForce: true,
  lapsed: false,
  anything: true,
});

describe('places a question names', () => {
  it('counts a district of a covered city as covered, and takes it and its 区 out of what is asked', () => {
    const e = evidence('我们在龙泉驿区，能领算力券吗');
    expect(e.covered).toContain('龙泉驿');
    expect(e.elsewhere).toEqual([]);
    expect(e.content).not.toMatch(/龙泉驿|区/);
    expect(e.unknownWords).toEqual([]);
  });

  it('still finds another city elsewhere, by a district of it too', () => {
    expect(evidence('绵阳有没有算力券').elsewhere).toEqual(['绵阳']);
    const haidian = evidence('海淀的大模型公司调API有补贴吗');
    expect(haidian.elsewhere).toEqual(['海淀']);
    expect(answerability(haidian, found(0.6), ['成都']).coverageNote).toContain('没有海淀（北京）的政策');
  });

  it('does not take a place one goes to for the place whose policy is asked', () => {
    expect(evidence('下半年要去新加坡参加AI展会，展位费能补多少').elsewhere).toEqual([]);
    expect(evidence('去浙江宁波参加AI展会，展位费能补吗').elsewhere).toEqual([]);
    expect(evidence('新加坡有没有展位费补贴').elsewhere).toEqual(['新加坡']);
    // 得到, 拿到: getting something, not going there.
    expect(evidence('能不能得到上海的算力补贴').elsewhere).toEqual(['上海']);
  });

  it('reads places left to right, the longest name first', () => {
    // Not 江宁 (a district of Nanjing) across 浙江 and 宁波.
    expect(evidence('浙江宁波有算力补贴吗').elsewhere).toEqual(['浙江', '宁波']);
  });
});

describe('kinds of support', () => {
  it('names the words of a kind no clause offers', () => {
    const e = evidence('商标注册的费用有补贴吗');
    expect(e.supportNotOffered).toEqual(['商标']);
    expect(e.kindOffered).toBe(false);
  });

  it('does not find a kind across two other words (入学 in 深入学习, 正高 in 真正高效)', () => {
    expect(evidence('深入学习大模型的企业有补贴吗').supportNotOffered).toEqual([]);
    expect(evidence('真正高效的算力补贴怎么申请').supportNotOffered).toEqual([]);
  });

  it('takes a kind word of four characters or more as written where a clause has it between other words', () => {
    // 2024 细则 四（一）: 全国重点实验室、国家工程研究中心等 (家工 and 心等 are pairs the clauses write).
    const e = evidence('国家工程研究中心新批下来有支持吗');
    expect(e.supportNotOffered).toEqual([]);
    expect(e.kindOffered).toBe(true);
  });

  it('checks a kind against the clauses, not the list: a kind the corpus names is offered', () => {
    const own: SupportKinds = new Map([
      ['算力券', ['算力券', '算力补贴']],
      ['宠物医疗', ['宠物医院']],
    ]);
    expect(evidence('算力券能领多少', own)).toMatchObject({ supportNotOffered: [], kindOffered: true });
    expect(evidence('宠物医院有补贴吗', own)).toMatchObject({ supportNotOffered: ['宠物医院'], kindOffered: false });
    // Naming one offered kind besides: the question may be about that one.
    expect(evidence('算力券能不能用在宠物医院', own).kindOffered).toBe(true);
  });

  it('answers NONE to a kind no clause offers, unless a clause found states the question all the same', () => {
    const e = evidence('商标注册的费用有补贴吗');
    const covered = ['成都'];
    expect(answerability(e, found(0.6), covered)).toMatchObject({ answerable: false, confidence: 'NONE' });
    expect(answerability(e, found(0.6), covered).coverageNote).toContain('商标');
    expect(answerability(e, found(0.9), covered).confidence).not.toBe('NONE');
    expect(answerability({ ...e, kindOffered: true }, found(0.6), covered).confidence).not.toBe('NONE');
  });
});

describe('words of speech', () => {
  it('reads a sum written 80w左右 and 一共花了 as figures and speech, not as words no clause uses', () => {
    const e = evidence('去年调各家大模型api一共花了80w左右，能补帖多少');
    expect(e.unknownWords.join()).not.toMatch(/左右|花|一共/);
    expect(e.unknownShare).toBeLessThanOrEqual(0.2);
  });

  it('reads 咋个回事 and 当初 as speech', () => {
    expect(evidence('新闻里说的算力统一调配到底是咋个回事').unknownWords.join()).not.toMatch(/回事/);
    expect(evidence('要不要把当初的那套材料也交上去').unknownWords.join()).not.toMatch(/当初|那套/);
  });

  it('leaves subjects that only look like speech (统一成本, 不同事项, 适当时机, 那种子基金, 告知承诺制, ，人才)', () => {
    for (const [q, kept] of [
      ['统一成本核算有补贴吗', '成本核算'],
      ['不同事项分别找谁', '不同事项'],
      ['适当时机再申报', '适当时机'],
      ['那种子基金投不投AI', '种子基金'],
      ['告知承诺制怎么办', '告知承诺制'],
      ['去年营收，人才有几个', '人才'],
    ])
      expect(evidence(q).content, q).toContain(kept);
  });

  it('reads Sichuan asking words (啥子, 好多), a share in words (七成), 当时, 那种, 归…管 and a letter’s 烦请告知贵局 as speech', () => {
    for (const q of [
      '融资那个奖能拿好多，AI收入占了七成',
      '当时那种算力券归哪个处管',
      '是不是随便啥子展会都算',
      '俺们那块的算力券照着老办法申报行不',
      '烦请告知贵局，算力券如有问题由何部门解释',
    ]) {
      const e = evidence(q);
      expect(e.unknownWords.join(), q).not.toMatch(/好多|七成|当时|那种|随便|啥子|告知|贵局|如有|由何/);
      expect(e.unknownShare, q).toBeLessThanOrEqual(0.2);
    }
  });
});

describe('more words of speech: greetings, sums in words, A-not-A, 在, pronouns', () => {
  it('reads a greeting, a sum in words with 左右, 在 and 他们 as speech', () => {
    for (const q of [
      '你好，想问一下算力券最多能抵多少',
      '一年模型使用费两百四十万左右，补贴最多能拿多少',
      '模型是在智算中心上训的，跟他们合作的场景评了二等奖能拿多少',
    ]) {
      const e = evidence(q);
      expect(e.unknownWords.join(), q).not.toMatch(/你好|左右|是在|他们/);
      expect(e.unknownShare, q).toBeLessThanOrEqual(0.2);
    }
  });

  it('reads a demonstrative with its measure word (那款, 这笔, 那家) as speech, and not inside a word (这家具, 那批子)', () => {
    for (const q of ['我们那款产品评上爆款能拿多少', '核心算法那笔经费还申得到不', '这家公司能领算力券吗'])
      expect(evidence(q).unknownWords.join(), q).not.toMatch(/那款|那笔|这家/);
    expect(evidence('这家具厂能领算力券吗').content).toContain('家具');
  });

  it('reads an A-not-A question as asking the verb once (够不够格: 够格; 算不算: 算)', () => {
    expect(evidence('我们这种够不够格申请算力券').content).toContain('够格');
    expect(evidence('我们这种够不够格申请算力券').content).not.toContain('不够');
    expect(evidence('展会算不算').content).not.toContain('不算');
  });
});

describe('words no clause has, as told to a reader', () => {
  it('are told without the speech at their ends (做无人配送车: 无人配送车; 矿架拿: 矿架)', () => {
    expect(evidence('我们做无人配送车的，能领算力券吗').unknownWords).toContain('无人配送车');
    expect(evidence('开发矿架拿了认定吗').unknownWords).toContain('矿架');
  });
});

describe('speech that is part of a word (a reviewer’s cases)', () => {
  it('keeps 在 of 在孵, 在建, 在线 and 人家 of 老人家 as words', () => {
    for (const [q, word] of [
      ['在孵企业能拿什么补贴', '在孵'],
      ['在建工程能申请补贴吗', '在建'],
      ['老人家能申请补贴吗', '老人家'],
    ]) {
      const e = evidence(q);
      expect(e.unknownWords.join(), q).toContain(word);
      expect(e.unknownShare, q).toBeGreaterThan(0.2);
    }
  });

  it('quotes a word no clause has whole where speech-like characters begin it (多肽, 打印机)', () => {
    expect(evidence('多肽药物研发有补贴吗').unknownWords.join()).toContain('多肽药物');
    expect(evidence('做打印机耗材的能领补贴吗').unknownWords.join()).toContain('打印机耗材');
  });
});

describe('a phone number asked about', () => {
  it('is what is asked, found in the clause that prints it, and unknown when none does', () => {
    const e = evidence('028-61884664是哪个部门的电话');
    expect(e.content).toContain('61884664');
    expect(e.unknownWords).toEqual([]);
    expect(evidence('028-12345678').unknownWords).toEqual(['12345678']);
    // Sums and years stay figures.
    expect(evidence('一年花了5000000元能补多少').content).not.toMatch(/\d/);
    expect(evidence('营收12345678元能补多少').content).not.toMatch(/\d/);
    expect(evidence('电话61884664是哪里的').content).toContain('61884664');
  });
});

describe('places typed in letters', () => {
  it('reads cd as 成都 and hk as 香港, each only as a word of its own', () => {
    const e = evidence('hk注册的公司，cd这边的办事处能领算力券吗');
    expect(e.covered).toContain('成都');
    expect(e.elsewhere).toEqual([]);
    expect(e.unknownWords).not.toContain('cd');
    expect(e.unknownWords).not.toContain('hk');
    expect(evidence('sh那边有没有算力补贴').elsewhere).toEqual(['上海']);
    // Letters beside digits or other letters name no place (120hz, a stock code sh600123, cdn).
    expect(evidence('刷新率120hz的显示屏企业能拿什么补贴').elsewhere).toEqual([]);
    expect(evidence('我们是sh600123上市公司能领算力券吗').elsewhere).toEqual([]);
    expect(evidence('用cdn加速算力券能抵吗').covered).toEqual([]);
    expect(evidence('用cdn加速算力券能抵吗').elsewhere).toEqual([]);
  });
});

describe('words people write otherwise than the texts', () => {
  const otherwise = loadWordsOtherwise({});
  const withWords = (q: string) => questionEvidence(q, snapshot, index, places, otherwise, kinds);

  it('counts an everyday word as known when the texts write it otherwise, and judges clauses by the question’s own words', () => {
    const q = '去外地博览会的展台费能补吗';
    expect(evidence(q).unknownWords).toEqual(expect.arrayContaining(['博览会', '展台费']));
    const e = withWords(q);
    expect(e.unknownWords).toEqual([]);
    expect(e.unknownShare).toBe(0);
    // Whether a clause states it is read from what the user wrote, not from 展位费.
    expect(e.content).toContain('去外地博览会 展台费');
  });

  it('reads an everyday word holding an asking word (返多少) before the asking words are taken out', () => {
    const q = '专利算法的合同能返多少';
    expect(evidence(q).unknownWords.join()).toMatch(/返/);
    expect(withWords(q).unknownWords).toEqual([]);
  });

  it('takes out an everyday word made of asking words (一共, 几成, 哪些企业) rather than count the texts’ word as known', () => {
    // Replaced by 累计, 比例 or 申报主体, they were known words that lowered the share of unknown ones.
    for (const q of ['宠物乐园一共能补几成', '哪些企业能办宠物乐园补贴'])
      expect(withWords(q).unknownShare, q).toBe(evidence(q).unknownShare);
  });

  it('knows pinyin initials staff type for the texts’ words (bt, jxj, kjj)', () => {
    const q = '算力bt归jxj还是kjj';
    expect(evidence(q).unknownWords).toEqual(expect.arrayContaining(['bt', 'jxj', 'kjj']));
    expect(withWords(q).unknownWords).toEqual([]);
  });

  it('replaces a synonym inside a longer everyday word in what clauses are judged by', () => {
    const synonyms = loadWordsOtherwise(loadSearchVocabulary().synonyms);
    const e = questionEvidence('我们参加展会的费用能补吗', snapshot, index, places, synonyms, kinds);
    expect(e.content).toContain('参与');
    expect(e.content).not.toContain('参加');
  });

  it('reads everyday words from data/search/everyday-words.yaml, by first character and longest first, none a formal word of another group', () => {
    const entries = [...otherwise.values()].flat();
    expect(entries.length).toBeGreaterThan(1000);
    for (const [first, list] of otherwise) {
      expect(list.every(([word]) => word[0] === first)).toBe(true);
      expect(list.map(([w]) => w.length)).toEqual(list.map(([w]) => w.length).sort((a, b) => b - a));
    }
    const formal = new Set(entries.filter(([, , everyday]) => everyday).flatMap(([, others]) => others));
    expect(entries.filter(([word, , everyday]) => everyday && formal.has(word))).toEqual([]);
  });
});
