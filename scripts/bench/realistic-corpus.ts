/**
 * A benchmark corpus that looks like the world rather than like copies of the seeds: hundreds of
 * places (provinces' cities and their districts), each publishing about ten documents of its own
 * (政策措施, 管理办法, 实施细则, 申报指南, news, drafts for comment) with distinct titles, 文号,
 * issuers and dates from 2019 to 2028; later policies repeal earlier ones of the same place,
 * 实施细则 and 申报指南 implement a policy, news interprets one. Clause texts are composed from
 * phrase lists (dozens of kinds of support, sums, rates, conditions, materials, desks and phones),
 * so search and caches see distinct texts as they would in production. Every structured field
 * (amounts, benefit rules, topics, relations, verbatim sources) passes the project's own
 * validation (src/corpus/read-corpus.ts). Deterministic for a seed.
 *
 * `npx tsx scripts/bench/realistic-corpus.ts <outDir> <clauses> [--seed 1] [--check]`
 * (--check reads the result back through readCorpus and prints its distinctness).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { ClauseFile, PolicyFile } from '../../src/corpus/corpus-schema.js';
import { readCorpus, readTopicVocabulary, TOPICS_FILE } from '../../src/corpus/read-corpus.js';
import type { ClauseBenefit, Formula, RuleCondition } from '../../src/domain/benefit-rules.js';
import { clauseText } from '../../src/domain/clause-text.js';
import { normaliseDocNumber } from '../../src/domain/doc-number.js';

/** The folder the real data lives in: the topics file is copied from there. */
const REAL_DATA = resolve(import.meta.dirname, '../../data/policies');

// ---------------------------------------------------------------------------------------------
// A small seeded PRNG: the same seed gives the same corpus on every machine.

/** mulberry32: 32 bits of state, fast, and plenty for test data. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** A whole number in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** `n` distinct items of `xs`, in random order. */
  some<T>(xs: readonly T[], n: number): T[] {
    const copy = [...xs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, Math.min(n, copy.length));
  }
  /** One of `xs` drawn in proportion to `weight`. */
  weighted<T>(xs: readonly T[], weight: (x: T) => number): T {
    const total = xs.reduce((s, x) => s + weight(x), 0);
    let r = this.next() * total;
    for (const x of xs) {
      r -= weight(x);
      if (r < 0) return x;
    }
    return xs[xs.length - 1];
  }
}

// ---------------------------------------------------------------------------------------------
// Places: cities with their 文号 abbreviation, phone area code and districts.

interface City {
  name: string;
  /** The one-character abbreviation 文号 start with: 绵 in 绵经信发〔2024〕37号. */
  short: string;
  slug: string;
  area: string;
  districts: string[];
}

/** name, 文号 abbreviation, slug, area code, districts (space-separated). */
const CITY_ROWS: [string, string, string, string, string][] = [
  [
    '成都市',
    '成',
    'chengdu',
    '028',
    '高新区 天府新区 东部新区 锦江区 青羊区 金牛区 武侯区 成华区 龙泉驿区 新都区 温江区 双流区 郫都区 新津区 青白江区',
  ],
  ['绵阳市', '绵', 'mianyang', '0816', '高新区 经开区 科创区 涪城区 游仙区 安州区'],
  ['德阳市', '德', 'deyang', '0838', '高新区 经开区 旌阳区 罗江区'],
  ['宜宾市', '宜', 'yibin', '0831', '三江新区 翠屏区 叙州区 南溪区'],
  ['泸州市', '泸', 'luzhou', '0830', '高新区 江阳区 龙马潭区 纳溪区'],
  ['南充市', '南', 'nanchong', '0817', '高新区 顺庆区 高坪区 嘉陵区'],
  ['乐山市', '乐', 'leshan', '0833', '高新区 市中区 五通桥区 沙湾区'],
  ['自贡市', '自', 'zigong', '0813', '高新区 自流井区 贡井区 大安区'],
  ['遂宁市', '遂', 'suining', '0825', '经开区 船山区 安居区'],
  ['内江市', '内', 'neijiang', '0832', '经开区 市中区 东兴区'],
  ['眉山市', '眉', 'meishan', '028', '天府新区眉山片区 东坡区 彭山区'],
  ['雅安市', '雅', 'yaan', '0835', '经开区 雨城区 名山区'],
  ['广安市', '广安', 'guangan', '0826', '经开区 广安区 前锋区'],
  ['达州市', '达', 'dazhou', '0818', '高新区 通川区 达川区'],
  ['资阳市', '资', 'ziyang', '028', '临空经济区 雁江区'],
  ['攀枝花市', '攀', 'panzhihua', '0812', '钒钛高新区 东区 西区 仁和区'],
  [
    '重庆市',
    '渝',
    'chongqing',
    '023',
    '两江新区 西部科学城重庆高新区 渝中区 渝北区 南岸区 九龙坡区 沙坪坝区 江北区 璧山区 永川区',
  ],
  ['杭州市', '杭', 'hangzhou', '0571', '高新区 余杭区 西湖区 滨江区 萧山区 临平区 拱墅区 上城区 钱塘区'],
  ['宁波市', '甬', 'ningbo', '0574', '高新区 鄞州区 海曙区 江北区 北仑区 镇海区'],
  ['温州市', '温', 'wenzhou', '0577', '鹿城区 龙湾区 瓯海区'],
  ['嘉兴市', '嘉', 'jiaxing', '0573', '南湖区 秀洲区'],
  ['湖州市', '湖', 'huzhou', '0572', '吴兴区 南浔区'],
  ['绍兴市', '绍', 'shaoxing', '0575', '越城区 柯桥区 上虞区'],
  ['南京市', '宁', 'nanjing', '025', '江北新区 鼓楼区 玄武区 秦淮区 建邺区 栖霞区 雨花台区 江宁区 浦口区'],
  ['苏州市', '苏', 'suzhou', '0512', '工业园区 高新区 吴中区 相城区 姑苏区 吴江区'],
  ['无锡市', '锡', 'wuxi', '0510', '滨湖区 梁溪区 新吴区 锡山区'],
  ['常州市', '常', 'changzhou', '0519', '武进区 新北区 天宁区'],
  ['南通市', '通', 'nantong', '0513', '崇川区 通州区 海门区'],
  ['合肥市', '合', 'hefei', '0551', '高新区 经开区 蜀山区 包河区 庐阳区 瑶海区'],
  ['芜湖市', '芜', 'wuhu', '0553', '鸠江区 弋江区 镜湖区'],
  ['武汉市', '武', 'wuhan', '027', '东湖新技术开发区 洪山区 江汉区 武昌区 江夏区 汉阳区'],
  ['宜昌市', '宜昌', 'yichang', '0717', '西陵区 伍家岗区 夷陵区'],
  ['长沙市', '长', 'changsha', '0731', '湘江新区 岳麓区 天心区 雨花区 开福区 芙蓉区'],
  ['株洲市', '株', 'zhuzhou', '0731', '天元区 芦淞区'],
  ['郑州市', '郑', 'zhengzhou', '0371', '郑东新区 金水区 中原区 二七区 管城区'],
  ['洛阳市', '洛', 'luoyang', '0379', '洛龙区 涧西区 西工区'],
  ['西安市', '市', 'xian', '029', '高新区 雁塔区 碑林区 未央区 长安区 灞桥区'],
  ['咸阳市', '咸', 'xianyang', '029', '秦都区 渭城区'],
  ['贵阳市', '筑', 'guiyang', '0851', '贵安新区 观山湖区 南明区 云岩区 花溪区'],
  ['遵义市', '遵', 'zunyi', '0851', '汇川区 红花岗区'],
  ['昆明市', '昆', 'kunming', '0871', '五华区 盘龙区 官渡区 西山区 呈贡区'],
  ['南宁市', '邕', 'nanning', '0771', '青秀区 西乡塘区 良庆区'],
  ['广州市', '穗', 'guangzhou', '020', '天河区 海珠区 番禺区 黄埔区 南沙区 白云区 越秀区'],
  ['深圳市', '深', 'shenzhen', '0755', '南山区 福田区 宝安区 龙岗区 龙华区 光明区 坪山区'],
  ['珠海市', '珠', 'zhuhai', '0756', '横琴粤澳深度合作区 香洲区 金湾区'],
  ['佛山市', '佛', 'foshan', '0757', '南海区 顺德区 禅城区'],
  ['东莞市', '莞', 'dongguan', '0769', '松山湖高新区 南城街道'],
  ['厦门市', '厦', 'xiamen', '0592', '思明区 湖里区 集美区 海沧区'],
  ['福州市', '榕', 'fuzhou', '0591', '鼓楼区 台江区 仓山区 马尾区'],
  ['泉州市', '泉', 'quanzhou', '0595', '丰泽区 鲤城区 晋江市'],
  ['济南市', '济', 'jinan', '0531', '历下区 市中区 槐荫区 历城区 章丘区'],
  ['青岛市', '青', 'qingdao', '0532', '西海岸新区 市南区 市北区 崂山区 李沧区 城阳区'],
  ['烟台市', '烟', 'yantai', '0535', '芝罘区 莱山区 福山区'],
  ['天津市', '津', 'tianjin', '022', '滨海新区 和平区 河西区 南开区 西青区 武清区'],
  ['北京市', '京', 'beijing', '010', '海淀区 朝阳区 东城区 西城区 丰台区 石景山区 昌平区 大兴区 亦庄经开区'],
  ['上海市', '沪', 'shanghai', '021', '浦东新区 徐汇区 闵行区 杨浦区 长宁区 静安区 嘉定区 松江区 临港新片区'],
  ['石家庄市', '石', 'shijiazhuang', '0311', '长安区 桥西区 新华区 裕华区'],
  ['太原市', '并', 'taiyuan', '0351', '小店区 迎泽区 杏花岭区'],
  ['沈阳市', '沈', 'shenyang', '024', '浑南区 和平区 沈河区 皇姑区'],
  ['大连市', '大', 'dalian', '0411', '中山区 西岗区 沙河口区 甘井子区'],
  ['长春市', '春', 'changchun', '0431', '朝阳区 南关区 宽城区 绿园区'],
  ['哈尔滨市', '哈', 'haerbin', '0451', '南岗区 道里区 香坊区 松北区'],
  ['南昌市', '洪', 'nanchang', '0791', '红谷滩区 东湖区 西湖区 青山湖区'],
  ['兰州市', '兰', 'lanzhou', '0931', '城关区 七里河区 安宁区'],
  ['银川市', '银', 'yinchuan', '0951', '兴庆区 金凤区 西夏区'],
  ['乌鲁木齐市', '乌', 'wulumuqi', '0991', '天山区 沙依巴克区 新市区'],
  ['呼和浩特市', '呼', 'huhehaote', '0471', '和林格尔新区 新城区 回民区 赛罕区'],
  ['广元市', '广元', 'guangyuan', '0839', '利州区 昭化区 朝天区'],
  ['巴中市', '巴', 'bazhong', '0827', '巴州区 恩阳区'],
  ['海口市', '海', 'haikou', '0898', '龙华区 美兰区 秀英区'],
  ['三亚市', '三', 'sanya', '0898', '吉阳区 天涯区'],
  ['拉萨市', '拉', 'lasa', '0891', '城关区 堆龙德庆区'],
  ['西宁市', '西宁', 'xining', '0971', '城中区 城东区 城西区'],
  ['徐州市', '徐', 'xuzhou', '0516', '云龙区 鼓楼区 泉山区 铜山区'],
  ['扬州市', '扬', 'yangzhou', '0514', '广陵区 邗江区 江都区'],
  ['台州市', '台', 'taizhou', '0576', '椒江区 黄岩区 路桥区'],
  ['金华市', '金', 'jinhua', '0579', '婺城区 金东区 义乌市'],
  ['潍坊市', '潍', 'weifang', '0536', '奎文区 潍城区 寒亭区'],
  ['惠州市', '惠', 'huizhou', '0752', '惠城区 惠阳区'],
  ['中山市', '中', 'zhongshan', '0760', '火炬开发区 石岐街道'],
  ['襄阳市', '襄', 'xiangyang', '0710', '襄城区 樊城区 襄州区'],
  ['赣州市', '赣', 'ganzhou', '0797', '章贡区 南康区 赣县区'],
  ['柳州市', '柳', 'liuzhou', '0772', '城中区 鱼峰区 柳南区'],
  ['包头市', '包', 'baotou', '0472', '昆都仑区 青山区 九原区'],
  ['唐山市', '唐', 'tangshan', '0315', '路南区 路北区 丰润区'],
  ['保定市', '保', 'baoding', '0312', '竞秀区 莲池区 满城区'],
  ['镇江市', '镇', 'zhenjiang', '0511', '京口区 润州区 丹徒区'],
  ['盐城市', '盐', 'yancheng', '0515', '亭湖区 盐都区'],
];

/** Zones nearly every city has, added where its list does not already name them. */
const COMMON_ZONES = ['高新区', '经开区'];

const CITIES: City[] = CITY_ROWS.map(([name, short, slug, area, districts]) => ({
  name,
  short,
  slug,
  area,
  districts: [...new Set([...districts.split(' '), ...COMMON_ZONES])],
}));

/** A desk of a place's department: what a clause's 政策咨询 names. */
interface Desk {
  department: string;
  /** The desk's exchange (028-6188); each person at it has a line of their own. */
  exchange: string;
}

/** Whom a clause names to call: a person at a desk, with a direct line. */
interface Contact {
  department: string;
  person: string;
  phone: string;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';

function contactAt(rng: Random, desk: Desk): Contact {
  const digits = 4;
  return {
    department: desk.department,
    person: `${rng.pick([...SURNAMES])}${rng.pick(['老师', '老师', '女士', '先生', '科长'])}`,
    phone: `${desk.exchange}${String(rng.int(0, 10 ** digits - 1)).padStart(digits, '0')}`,
  };
}

export interface Place {
  /** 成都市高新区, 绵阳市 */
  name: string;
  /** How its own documents name it in text: 高新区 or 市 (本市). */
  self: string;
  city: City;
  slug: string;
  /** The start of its 文号: 成高新, 绵. */
  docPrefix: string;
  desks: Desk[];
}

/** What a bureau is called in full, as an issuer, and in a 文号. */
const BUREAUS: { full: string; short: string; abbr: string; sections: string[] }[] = [
  {
    full: '经济和信息化局',
    short: '经信局',
    abbr: '经信',
    sections: ['产业发展科', '软件和信息服务业科', '数字经济科', '技术创新科', '中小企业服务科', '投资与规划科'],
  },
  {
    full: '科学技术局',
    short: '科技局',
    abbr: '科',
    sections: ['高新技术科', '成果转化科', '科技人才科', '平台建设科', '资源配置科'],
  },
  {
    full: '发展和改革委员会',
    short: '发改委',
    abbr: '发改',
    sections: ['高技术产业科', '数字经济科', '投资科', '产业协调科'],
  },
  { full: '新经济发展局', short: '新经济局', abbr: '新经济', sections: ['场景促进科', '数字产业科', '企业服务科'] },
  { full: '数据局', short: '数据局', abbr: '数据', sections: ['数据资源科', '数字基础设施科', '数字经济科'] },
  { full: '财政局', short: '财政局', abbr: '财', sections: ['经济建设科', '企业科'] },
  {
    full: '人力资源和社会保障局',
    short: '人社局',
    abbr: '人社',
    sections: ['人才开发科', '职业能力建设科', '就业促进科'],
  },
];

/** Every place of the world, in a seeded order that starts with 成都市 (the project's own city). */
export function allPlaces(seed = 1): Place[] {
  const rng = new Random(seed * 7919);
  const places: Place[] = [];
  for (const city of CITIES) {
    const districts: (string | null)[] = [null, ...city.districts];
    districts.forEach((district, i) => {
      const name = district ? `${city.name}${district}` : city.name;
      const docPrefix = district
        ? `${city.short}${district.replace(/(新技术开发区|区|新片区|街道|市)$/, '').slice(0, 2)}`
        : city.short;
      const self = district ? district : '市';
      const digits = city.area.length === 3 ? 8 : 7;
      const desks: Desk[] = rng.some(BUREAUS, rng.int(3, 6)).map((b) => {
        const section = rng.pick(b.sections).replace(/科$/, district ? '科' : '处');
        const owner = district ? `${name}` : `${city.name.replace(/市$/, '')}市`;
        return {
          department: rng.chance(0.5) ? `${owner}${b.short}${section}` : `${owner}${b.full}${section}`,
          exchange: `${city.area}-${rng.int(2, 8)}${String(rng.int(0, 10 ** (digits - 5) - 1)).padStart(digits - 5, '0')}`,
        };
      });
      places.push({
        name,
        self,
        city,
        slug: district ? `${city.slug}-q${String(i).padStart(2, '0')}` : city.slug,
        docPrefix,
        desks,
      });
    });
  }
  const [first, ...rest] = places;
  return [first, ...rng.some(rest, rest.length)];
}

// ---------------------------------------------------------------------------------------------
// Kinds of support: how texts name them, what they pay, which topics and facts they touch.

type PayStyle =
  | 'rateCap'
  | 'voucher'
  | 'cap'
  | 'fixed'
  | 'tiers'
  | 'perUnit'
  | 'monthly'
  | 'interest'
  | 'caseByCase'
  | 'rateOnly'
  | 'power';

interface Support {
  key: string;
  headings: string[];
  /** What the clause encourages: 加大研发投入 (after 鼓励企业). */
  actions: string[];
  /** Whom it pays. */
  entities: string[];
  /** What a RATE is a share of. */
  bases: string[];
  rewards: string[];
  pays: PayStyle[];
  /** Topics of the project's topic list (those missing from it are dropped). */
  topics: string[];
  everyday: string[];
  /** The words people ask about it with, nouns and verb phrases (the growth benchmark's questions). */
  asks: string[];
  /** A CompanyProfile fact in yuan a RATE of this support is paid on (benefit rules). */
  fact?: string;
  /** Tiers from the highest, the first one a CompanyProfile flag when `flag` is set. */
  tiers?: string[];
  flag?: string;
  /** The unit a PER_UNIT sum is paid per, and the fact counting them (racks). */
  unit?: { name: string; text: string; fact?: string };
  weight: number;
}

/** Space-separated words as a list: the phrase lists below stay readable at a line each. */
function words(list: string): string[] {
  return list ? list.split(' ') : [];
}

const SUPPORTS: Support[] = [
  {
    key: 'rd',
    headings: words('支持企业加大研发投入 鼓励开展关键核心技术攻关 支持企业建设研发机构'),
    actions: words('加大研发投入 开展关键核心技术研发 建设企业技术中心 联合高校院所开展技术攻关'),
    entities: words('企业 科技型中小企业 规模以上工业企业 新型研发机构'),
    bases: words('年度研发费用 研发费用增量 经审计的研发投入 上年度研发投入'),
    rewards: words('研发费用补助 补助 研发奖励'),
    pays: ['rateCap', 'cap', 'rateOnly'],
    topics: words('算法'),
    everyday: words('研发费用补贴 研发投入奖励 技术攻关资助 研发中心认定'),
    asks: words('研发费用补助 研发补贴 研发投入奖励'),
    weight: 8,
  },
  {
    key: 'voucher',
    headings: words('发放算力券 实施“算力券”补贴 降低中小企业算力使用成本'),
    actions: words('使用智算中心算力资源 购买算力服务 租用GPU算力开展模型训练'),
    entities: words('科技型中小微企业 创新团队 高校和科研机构 人工智能企业'),
    bases: words('算力服务合同金额 实际算力使用费用 算力购买费用'),
    rewards: words('算力券'),
    pays: ['voucher'],
    topics: words('算力券 算力补贴'),
    everyday: words('租GPU 买算力 算力抵扣券 训练模型租卡 算力代金券'),
    asks: words('算力券 算力券额度 租GPU补贴'),
    fact: 'computePurchaseYuan',
    weight: 13,
  },
  {
    key: 'compute',
    headings: words('支持算力资源普惠供给 降低企业算力使用成本 鼓励使用本地算力'),
    actions: words('使用本地智算中心、超算中心算力 租用算力开展大模型训练和推理'),
    entities: words('企业 人工智能企业 中小企业'),
    bases: words('算力使用费用 上年度算力支出 算力服务费'),
    rewards: words('算力补贴 补贴'),
    pays: ['rateCap'],
    topics: words('算力补贴 超算'),
    everyday: words('算力费用补贴 云算力补助 用超算 租服务器'),
    asks: words('算力补贴 用算力 超算费用补贴'),
    fact: 'computeSpendLastYearYuan',
    weight: 3,
  },
  {
    key: 'cloud',
    headings: words('推动企业上云用云 支持中小企业数字化转型 鼓励企业购买云服务'),
    actions: words('购买云计算服务 实施上云用云 将业务系统迁移上云'),
    entities: words('中小企业 工业企业 企业'),
    bases: words('云服务费用 上云实际支出 云计算服务合同金额'),
    rewards: words('上云补贴 补贴'),
    pays: ['rateCap', 'cap'],
    topics: words('数据中心'),
    everyday: words('买云服务 上云报销 云服务器补贴 云计算中心'),
    asks: words('上云补贴 买云服务 云服务器补贴'),
    weight: 5,
  },
  {
    key: 'label',
    headings: words('支持数据标注产业发展 培育数据标注基地 支持高质量数据集建设'),
    actions: words('开展数据标注服务 建设行业高质量数据集 采购训练语料'),
    entities: words('数据标注企业 企业 数据服务机构'),
    bases: words('数据标注服务合同金额 数据集建设投入 语料采购费用'),
    rewards: words('补助 奖励'),
    pays: ['rateCap', 'fixed'],
    topics: words('数据集'),
    everyday: words('数据标注 语料采购 训练数据 数据集建设'),
    asks: words('数据标注补贴 数据集奖励 买训练数据'),
    weight: 3,
  },
  {
    key: 'scene',
    headings: words('开放应用场景 支持标杆场景建设 推动人工智能示范应用'),
    actions: words('建设人工智能应用场景 参与城市治理场景建设 开展示范应用'),
    entities: words('场景建设单位 企业 项目承担单位'),
    bases: words('场景建设实际投入 项目实际投资'),
    rewards: words('奖励 资金支持'),
    pays: ['rateCap', 'tiers'],
    tiers: words('经评定为标杆场景 经评定为示范场景'),
    flag: 'benchmarkScenario',
    topics: words('应用场景'),
    everyday: words('场景开放 示范项目 标杆案例 政府场景'),
    asks: words('场景开放 应用场景补贴 示范场景奖励'),
    fact: 'scenarioInvestmentYuan',
    weight: 4,
  },
  {
    key: 'incubator',
    headings: words('支持孵化载体建设 鼓励建设专业孵化器 提升众创空间服务能力'),
    actions: words('建设运营科技企业孵化器 建设众创空间 建设专业化加速器'),
    entities: words('孵化载体 运营机构 孵化器'),
    bases: words('年度运营费用'),
    rewards: words('奖励 运营补贴'),
    pays: ['tiers', 'cap'],
    tiers: words('新认定为国家级科技企业孵化器 新认定为省级科技企业孵化器 新认定为市级科技企业孵化器'),
    topics: words('产业园区'),
    everyday: words('孵化器 众创空间 创业载体 加速器'),
    asks: words('孵化器补贴 众创空间奖励 孵化器认定'),
    weight: 4,
  },
  {
    key: 'apartment',
    headings: words('保障人才住房 提供人才公寓 支持人才安居'),
    actions: words('引进高层次人才 引进急需紧缺人才'),
    entities: words('人才 高层次人才 青年人才'),
    bases: words('实际租金'),
    rewards: words('租房补贴 住房补贴 安家补贴'),
    pays: ['monthly', 'fixed'],
    topics: words('人才'),
    everyday: words('人才公寓 租房补贴 安家费 拎包入住'),
    asks: words('人才公寓 租房补贴 人才住房'),
    weight: 3,
  },
  {
    key: 'talent',
    headings: words('引进高端人才 支持领军人才团队 集聚人工智能人才'),
    actions: words('引进领军人才及团队 引进海内外高层次人才'),
    entities: words('用人单位 企业 人才团队'),
    bases: words('人才团队项目投入'),
    rewards: words('奖励 资助'),
    pays: ['tiers', 'fixed', 'caseByCase'],
    tiers: words('院士或国家级人才计划入选者 省级人才计划入选者 市级领军人才'),
    flag: 'aiTopTalent',
    topics: words('人才'),
    everyday: words('人才引进奖励 领军人才 团队奖励 引进博士'),
    asks: words('人才引进奖励 领军人才补贴 引进博士'),
    weight: 4,
  },
  {
    key: 'firstSet',
    headings: words('支持首台（套）重大技术装备推广应用 鼓励首台套研发'),
    actions: words('研制首台（套）重大技术装备 推广应用首台（套）装备'),
    entities: words('研制单位 装备制造企业'),
    bases: words('首台（套）产品销售额 单台设备售价'),
    rewards: words('奖励 保险补偿'),
    pays: ['rateCap', 'fixed'],
    topics: words('企业培育'),
    everyday: words('首台套 重大装备 装备首购'),
    asks: words('首台套奖励 首台套补贴'),
    weight: 3,
  },
  {
    key: 'loan',
    headings: words('缓解企业融资难题 实施贷款贴息 强化金融支持'),
    actions: words('获得银行贷款 开展技术改造贷款 使用知识产权质押融资'),
    entities: words('企业 中小微企业 民营企业'),
    bases: words('贷款利息'),
    rewards: words('贴息'),
    pays: ['interest'],
    topics: words('投融资'),
    everyday: words('贷款贴息 利息补贴 银行贷款 融资难'),
    asks: words('贷款贴息 利息补贴 银行贷款'),
    weight: 4,
  },
  {
    key: 'equity',
    headings: words('支持企业股权融资 鼓励天使投资 引导社会资本投早投小'),
    actions: words('引入天使投资、风险投资 获得私募股权投资'),
    entities: words('初创企业 科技型企业 企业'),
    bases: words('实际到位股权投资额 新增股权融资额'),
    rewards: words('奖励 融资奖励'),
    pays: ['rateCap'],
    topics: words('投融资'),
    everyday: words('天使轮 融资奖励 风投 A轮融资'),
    asks: words('融资奖励 天使投资补贴 拿到天使轮融资'),
    fact: 'equityInvestmentYuan',
    weight: 3,
  },
  {
    key: 'listing',
    headings: words('支持企业上市挂牌 推动企业对接资本市场'),
    actions: words('在境内外资本市场上市 在新三板挂牌'),
    entities: words('企业 拟上市企业'),
    bases: words('上市中介费用'),
    rewards: words('奖励 一次性奖励'),
    pays: ['tiers'],
    tiers: words('在境内外主板上市 在科创板、创业板上市 在新三板挂牌'),
    topics: words('投融资'),
    everyday: words('上市奖励 IPO奖励 挂牌奖励'),
    asks: words('上市奖励 IPO补贴'),
    weight: 2,
  },
  {
    key: 'model',
    headings: words('支持大模型研发 推动大模型备案上线 打造行业大模型'),
    actions: words('研发行业大模型 开展大模型训练 推动大模型通过国家备案'),
    entities: words('企业 大模型研发企业 科研机构'),
    bases: words('大模型训练算力成本 模型研发投入 大模型建设项目算力使用成本'),
    rewards: words('奖励 补助'),
    pays: ['rateCap', 'fixed'],
    topics: words('大模型'),
    everyday: words('大模型备案 训练大模型 垂直模型 行业模型'),
    asks: words('大模型补贴 大模型备案奖励 训练大模型'),
    fact: 'largeModelComputeCostYuan',
    weight: 4,
  },
  {
    key: 'modelUse',
    headings: words('支持企业使用大模型 降低模型调用成本 推动大模型赋能千行百业'),
    actions: words('调用大模型服务 部署使用大模型 采购模型服务'),
    entities: words('中小企业 企业 应用开发企业'),
    bases: words('年度模型使用费用 模型调用费用'),
    rewards: words('补贴 补助'),
    pays: ['rateCap'],
    topics: words('大模型'),
    everyday: words('API调用 模型token费用 用大模型 模型服务费'),
    asks: words('模型调用补贴 调用大模型API token费用报销'),
    fact: 'modelUsageFeesYuan',
    weight: 2,
  },
  {
    key: 'aicenter',
    headings: words('支持智算中心建设 推进算力基础设施建设 提升算力供给能力'),
    actions: words('建设智算中心 扩容算力基础设施 建设边缘计算节点'),
    entities: words('建设运营单位 企业'),
    bases: words('设备投资额 项目实际投资'),
    rewards: words('补贴 奖励'),
    pays: ['perUnit', 'rateCap'],
    unit: { name: '机架', text: '在用物理机架', fact: 'racks' },
    topics: words('智算中心 数据中心'),
    everyday: words('机房建设 智算中心 GPU集群 机架补贴'),
    asks: words('智算中心建设补贴 机架补贴 建机房'),
    weight: 3,
  },
  {
    key: 'green',
    headings: words('推动数据中心绿色低碳发展 支持数据中心节能改造'),
    actions: words('实施数据中心节能改造 建设绿色数据中心'),
    entities: words('数据中心运营单位 企业'),
    bases: words('节能改造投资额'),
    rewards: words('奖励 电费补贴'),
    pays: ['fixed', 'power'],
    flag: 'newGreenDataCentre',
    tiers: words('新获批国家绿色数据中心'),
    topics: words('绿色发展 数据中心'),
    everyday: words('PUE 节能改造 电费补贴 绿色机房'),
    asks: words('绿色数据中心奖励 数据中心电费补贴'),
    weight: 2,
  },
  {
    key: 'network',
    headings: words('建设算力调度平台 推动算力互联互通 构建算力网络'),
    actions: words('建设算力调度平台 推动算力中心互联组网'),
    entities: words('平台运营单位 头部企业'),
    bases: words('平台建设投资额'),
    rewards: words('奖励 一次性奖励'),
    pays: ['rateCap'],
    topics: words('算力网络 创新平台'),
    everyday: words('算力调度 算力互联网 组网'),
    asks: words('算力调度平台补贴 算力网络奖励'),
    fact: 'schedulingPlatformInvestmentYuan',
    weight: 2,
  },
  {
    key: 'platform',
    headings: words('支持创新平台建设 鼓励建设重点实验室 提升平台创新能力'),
    actions: words('建设重点实验室、工程研究中心 建设新型研发机构'),
    entities: words('企业 高校院所 新型研发机构'),
    bases: words('平台建设投入'),
    rewards: words('奖励 资金支持'),
    pays: ['tiers'],
    tiers: words('新获批建设的全国重点实验室、国家工程研究中心 新获批的省级重点实验室、工程研究中心'),
    flag: 'newNationalInnovationPlatform',
    topics: words('创新平台'),
    everyday: words('重点实验室 工程中心 研发平台'),
    asks: words('重点实验室奖励 创新平台补贴'),
    weight: 3,
  },
  {
    key: 'standard',
    headings: words('支持标准研制 鼓励主导制定标准'),
    actions: words('主导或参与制定标准'),
    entities: words('企业 第一承担单位 标准化机构'),
    bases: words('标准研制费用'),
    rewards: words('奖励'),
    pays: ['tiers'],
    tiers: words('主导制订国际标准 主导制订国家标准 主导制订行业标准'),
    topics: words('标准'),
    everyday: words('标准制定 国标奖励 行标'),
    asks: words('标准制定奖励 主导制定国标'),
    weight: 2,
  },
  {
    key: 'sme',
    headings: words('培育专精特新企业 支持中小企业梯度成长 推动企业做大做强'),
    actions: words('走专精特新发展道路 做大做强主营业务'),
    entities: words('中小企业 企业'),
    bases: words('主营业务收入增量'),
    rewards: words('奖励 一次性奖励'),
    pays: ['tiers', 'fixed'],
    tiers: words('新获得国家专精特新“小巨人”称号 新认定为省级专精特新中小企业'),
    flag: 'newLittleGiant',
    topics: words('企业培育'),
    everyday: words('小巨人 专精特新认定 梯度培育'),
    asks: words('专精特新奖励 小巨人奖励'),
    weight: 3,
  },
  {
    key: 'expo',
    headings: words('支持企业参加展会 鼓励企业开拓市场 支持品牌推广'),
    actions: words('参加国内外重点展会 开展品牌推广活动'),
    entities: words('企业 参展企业'),
    bases: words('实际展位费用和展品运输费用 展位费'),
    rewards: words('补贴 参展补贴'),
    pays: ['rateCap'],
    topics: words('品牌推广'),
    everyday: words('参展补贴 展位费 展会'),
    asks: words('参展补贴 展位费报销'),
    fact: 'exhibitionCostYuan',
    weight: 2,
  },
  {
    key: 'xinchuang',
    headings: words('支持信创产品适配 推动安全可靠测评 发展信创产业'),
    actions: words('开展信创产品适配测试 开展安全性测试'),
    entities: words('信创企业 企业 软件企业'),
    bases: words('安全性测试服务费 适配测试费用'),
    rewards: words('补贴 补助'),
    pays: ['rateCap'],
    topics: words('信创'),
    everyday: words('信创适配 国产化替代 安全测评 自主可控'),
    asks: words('信创补贴 国产化适配补贴'),
    fact: 'securityTestFeesYuan',
    weight: 2,
  },
  {
    key: 'software',
    headings: words('支持首版次软件产品应用 鼓励软件产品首购首用'),
    actions: words('研制首版次软件产品 采购首版次软件产品'),
    entities: words('软件企业 应用单位 企业'),
    bases: words('销售合同执行金额 首版次软件销售合同金额'),
    rewards: words('补贴 奖励'),
    pays: ['rateCap'],
    topics: words('开发框架'),
    everyday: words('首版次软件 软件首购 国产软件'),
    asks: words('首版次软件补贴 软件首购奖励'),
    fact: 'firstEditionSalesContractYuan',
    weight: 2,
  },
  {
    key: 'algorithm',
    headings: words('支持算法创新和备案 鼓励采购自主算法'),
    actions: words('首次采购专利算法 开展算法备案'),
    entities: words('企业 算法企业'),
    bases: words('算法采购合同执行金额 第一年采购合同执行金额'),
    rewards: words('补贴 补助'),
    pays: ['rateCap'],
    topics: words('算法'),
    everyday: words('算法备案 算法采购 买算法'),
    asks: words('算法备案奖励 买算法'),
    fact: 'algorithmPurchaseYuan',
    weight: 2,
  },
  {
    key: 'park',
    headings: words('建设特色产业园区 支持产业园区提能升级'),
    actions: words('建设特色产业园区 打造产业集聚区'),
    entities: words('园区运营主体 园区管理机构'),
    bases: words('园区公共服务平台投入'),
    rewards: words('奖励'),
    pays: ['tiers'],
    tiers: words('新认定为国家级示范园区 新认定为省级示范园区'),
    topics: words('产业园区'),
    everyday: words('产业园 园区认定 示范园区'),
    asks: words('园区奖励 示范园区补贴'),
    weight: 2,
  },
  {
    key: 'retrofit',
    headings: words('推动智能化改造和数字化转型 支持企业技术改造 建设智能工厂'),
    actions: words('实施智能化改造 建设数字化车间 开展技术改造'),
    entities: words('工业企业 规模以上工业企业 企业'),
    bases: words('设备和软件投资额 技改项目实际投资 生产性设备购置额'),
    rewards: words('补助 资金支持'),
    pays: ['rateCap', 'rateOnly'],
    topics: words(''),
    everyday: words('技改 数字化转型 智能工厂 设备更新'),
    asks: words('技改补贴 数字化转型补贴 智能化改造补助'),
    weight: 5,
  },
  {
    key: 'rent',
    headings: words('降低企业办公成本 支持企业入驻园区'),
    actions: words('租用办公用房 入驻产业园区'),
    entities: words('初创企业 企业'),
    bases: words('实际租金'),
    rewards: words('房租补贴 租金补贴'),
    pays: ['perUnit', 'cap'],
    unit: { name: '平方米', text: '每平方米每月' },
    topics: words('产业园区'),
    everyday: words('房租补贴 办公室租金 免租'),
    asks: words('房租补贴 办公室租金减免'),
    weight: 3,
  },
  {
    key: 'training',
    headings: words('支持人工智能人才培训 加强技能人才培养'),
    actions: words('开展职业技能培训 开展人工智能技能培训'),
    entities: words('培训机构 企业'),
    bases: words('培训费用'),
    rewards: words('培训补贴 补贴'),
    pays: ['perUnit', 'cap'],
    unit: { name: '人', text: '每培训1人' },
    topics: words('人才'),
    everyday: words('培训补贴 技能培训 员工培训'),
    asks: words('培训补贴 员工培训补助'),
    weight: 2,
  },
  {
    key: 'ip',
    headings: words('加强知识产权创造和保护 支持高价值专利培育'),
    actions: words('申请发明专利 开展专利导航'),
    entities: words('企业 高校院所'),
    bases: words('专利申请费用'),
    rewards: words('奖励 资助'),
    pays: ['tiers'],
    tiers: words('获得美国、欧洲、日本发明专利授权 获得国内发明专利授权'),
    topics: words(''),
    everyday: words('专利奖励 发明专利 知识产权'),
    asks: words('专利奖励 发明专利补贴'),
    weight: 2,
  },
  {
    key: 'hit',
    headings: words('打造人工智能爆款产品 支持智能终端产品推广'),
    actions: words('打造“爆款”人工智能产品 推广智能终端产品'),
    entities: words('企业'),
    bases: words('年度销售收入'),
    rewards: words('奖励'),
    pays: ['rateCap'],
    topics: words('企业培育'),
    everyday: words('爆款产品 销售奖励 智能硬件'),
    asks: words('爆款产品奖励 智能硬件补贴'),
    fact: 'hitProductSalesYuan',
    weight: 1,
  },
];

interface Theme {
  /** 人工智能产业: as titles name it. */
  name: string;
  slug: string;
  supports: string[];
  /** What the policy is for, in its preamble. */
  purpose: string;
}

const THEMES: Theme[] = [
  {
    name: '人工智能产业',
    slug: 'ai',
    supports: words('model modelUse scene algorithm voucher label talent platform hit'),
    purpose: '抢抓人工智能发展重大机遇，加快建设人工智能创新应用高地',
  },
  {
    name: '算力产业',
    slug: 'compute',
    supports: words('voucher compute aicenter green network cloud model'),
    purpose: '加快算力基础设施建设，推动算力资源普惠供给',
  },
  {
    name: '数字经济',
    slug: 'digital',
    supports: words('cloud retrofit label scene sme loan software'),
    purpose: '做强做优做大数字经济，推动数字技术和实体经济深度融合',
  },
  {
    name: '软件和信息技术服务业',
    slug: 'software',
    supports: words('software xinchuang rd sme talent ip'),
    purpose: '推动软件产业高质量发展，打造软件名城',
  },
  {
    name: '大数据产业',
    slug: 'data',
    supports: words('label cloud scene platform standard'),
    purpose: '培育数据要素市场，释放数据要素价值',
  },
  {
    name: '智能制造',
    slug: 'mfg',
    supports: words('retrofit firstSet sme loan rd standard'),
    purpose: '加快制造业智能化改造和数字化转型',
  },
  {
    name: '科技型中小企业',
    slug: 'sme',
    supports: words('incubator equity loan rent rd ip sme'),
    purpose: '激发科技型中小企业创新活力，优化创新创业生态',
  },
  {
    name: '信创产业',
    slug: 'xinchuang',
    supports: words('xinchuang software firstSet standard'),
    purpose: '推动信息技术应用创新产业集聚发展',
  },
  {
    name: '人工智能人才',
    slug: 'talent',
    supports: words('apartment talent training'),
    purpose: '加快集聚人工智能领域高层次人才',
  },
  {
    name: '集成电路产业',
    slug: 'ic',
    supports: words('rd firstSet equity loan platform'),
    purpose: '补齐集成电路产业链短板',
  },
  {
    name: '低空经济',
    slug: 'lowalt',
    supports: words('scene firstSet rd park loan'),
    purpose: '抢占低空经济发展新赛道',
  },
  {
    name: '机器人产业',
    slug: 'robot',
    supports: words('firstSet scene retrofit rd park'),
    purpose: '推动机器人产业创新发展和场景应用',
  },
  {
    name: '工业互联网',
    slug: 'iiot',
    supports: words('retrofit cloud platform standard'),
    purpose: '加快工业互联网创新发展，赋能制造业转型升级',
  },
];

const SUPPORT_BY_KEY = new Map(SUPPORTS.map((s) => [s.key, s]));

/** The words people ask about the corpus's support with: 算力券, 买云服务 (the growth benchmark's questions). */
export const SUPPORT_ASKS: readonly string[] = SUPPORTS.flatMap((s) => s.asks);

// ---------------------------------------------------------------------------------------------
// Numbers, dates and numbering as printed.

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 23 → 二十三 (up to 99, as clause labels go). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const addDays = (date: string, n: number): string => iso(day(date) + n * 86_400_000);
const LAST_DAY = '2028-12-31';
const minDate = (a: string, b: string): string => (a < b ? a : b);

/** 2024-03-05 → 2024年3月5日 */
function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function randomDay(rng: Random, year: number): string {
  return addDays(`${year}-01-01`, rng.int(0, 364));
}

/** Sums in 万元 as policies print them: round figures mostly, odd ones too (37万元). */
function wan(rng: Random, lo = 3, hi = 600): number {
  if (rng.chance(0.55)) {
    const round = [5, 10, 20, 30, 50, 80, 100, 150, 200, 300, 500, 800, 1000, 2000].filter((x) => x >= lo && x <= hi);
    return rng.pick(round);
  }
  return rng.int(lo, hi);
}

/** 1000 → "1000万元" or, now and then, "1,000万元" as some pages print it. */
function wanText(rng: Random, n: number): string {
  return n >= 1000 && rng.chance(0.3) ? `${n.toLocaleString('en-US')}万元` : `${n}万元`;
}

function percent(rng: Random): string {
  if (rng.chance(0.15)) return `${rng.int(5, 39)}.5%`;
  return rng.chance(0.6) ? `${rng.pick([5, 10, 15, 20, 25, 30, 40, 50, 60])}%` : `${rng.int(3, 70)}%`;
}

// ---------------------------------------------------------------------------------------------
// One supported item: its words, amounts and benefit rule.

type AmountFile = NonNullable<ClauseFile['amounts']>[number];

interface Item {
  support: Support;
  heading: string;
  /** The item's whole sentence(s), with every amount's text inside. */
  body: string;
  /** A short phrase for news: 最高100万元研发费用补助. */
  summary: string;
  amounts: AmountFile[];
  caseByCase: boolean;
  conditions: string[];
  materials: string[];
  applicationPeriod: string;
  contact: Contact;
  topics: string[];
  everyday: string[];
  benefit?: ClauseBenefit;
}

interface Payment {
  text: string;
  amounts: AmountFile[];
  summary: string;
  /** The formula over these amounts, when it can read a fact of the company. */
  formula?: Formula;
  /** A condition checked against a flag the formula needs (tiers, fixed awards). */
  flagCondition?: RuleCondition;
  caseByCase?: boolean;
}

const CAP_PREFIXES = ['最高不超过', '单个企业每年最高', '最高', '每家企业累计不超过', '单个项目最高不超过', '年度最高'];

function pay(rng: Random, s: Support, style: PayStyle, reward: string): Payment {
  const base = rng.pick(s.bases);
  const cap = (hi = 600) => {
    const c = wan(rng, 5, hi);
    const prefix = rng.pick(CAP_PREFIXES);
    const text = `${prefix}${wanText(rng, c)}`;
    return {
      c,
      text,
      amount: {
        kind: 'CAP',
        sum: text.slice(prefix.length),
        period: /每年|年度/.test(prefix) ? 'YEARLY' : 'ONCE',
        text,
      } satisfies AmountFile,
    };
  };
  const rateFormula = (): Formula | undefined =>
    s.fact ? { min: [{ times: [{ amount: 0 }, { fact: s.fact }] }, { amount: 1 }] } : undefined;
  switch (style) {
    case 'rateCap': {
      const r = percent(rng);
      const rateText = rng.pick([`按${base}的${r}`, `按照${base}${r}的比例`, `按不超过${base}的${r}`]);
      const c = cap();
      return {
        text: `${rateText}给予${reward}，${c.text}`,
        amounts: [{ kind: 'RATE', rate: r, base, period: c.amount.period, text: rateText }, c.amount],
        summary: `最高${c.c}万元${reward}`,
        formula: rateFormula(),
      };
    }
    case 'voucher': {
      const r = percent(rng);
      const rateText = `按${base}的${r}发放算力券`;
      const c = cap(300);
      const budget = rng.chance(0.4) ? rng.pick([500, 1000, 2000, 3000, 5000]) : null;
      const budgetText = budget ? `每年发放总额不超过${budget}万元的算力券，` : '';
      return {
        text: `${budgetText}${rateText}，${c.text}`,
        amounts: [
          { kind: 'RATE', rate: r, base, period: 'YEARLY', text: rateText },
          c.amount,
          ...(budget
            ? [
                {
                  kind: 'BUDGET',
                  sum: `${budget}万元`,
                  period: 'YEARLY',
                  text: `每年发放总额不超过${budget}万元`,
                } as AmountFile,
              ]
            : []),
        ],
        summary: `算力券最高${c.c}万元`,
        formula: rateFormula(),
      };
    }
    case 'cap': {
      const c = cap(300);
      return {
        text: `经评审后给予${c.text}的${reward}`,
        amounts: [c.amount],
        summary: `最高${c.c}万元${reward}`,
      };
    }
    case 'fixed': {
      const f = wan(rng, 2, 200);
      const text = `一次性给予${f}万元${reward}`;
      // Where the support names a status the company states (小巨人, 标杆场景), the award is for it.
      const flagged = s.flag && s.tiers ? s.tiers[0] : null;
      const flag: Partial<Payment> =
        flagged && s.flag
          ? { formula: { amount: 0 }, flagCondition: { text: `对${flagged}的`, fact: s.flag, op: 'IS', value: true } }
          : {};
      return {
        text: flagged ? `对${flagged}的，${text}` : text,
        amounts: [{ kind: 'FIXED', sum: `${f}万元`, period: 'ONCE', ...(flagged ? { condition: flagged } : {}), text }],
        summary: `${f}万元${reward}`,
        ...flag,
      };
    }
    case 'tiers': {
      const tiers = s.tiers ?? ['国家级', '省级', '市级'];
      // Sums fall from the highest tier down, each distinct: a lower tier never pays as much.
      const sums: number[] = [wan(rng, 50, 1000)];
      while (sums.length < tiers.length)
        sums.push(Math.max(1, Math.floor(sums[sums.length - 1] / rng.pick([2, 3, 4]))));
      const amounts: AmountFile[] = [];
      const parts: string[] = [];
      tiers.forEach((tier, i) => {
        if (i > 0 && sums[i] >= sums[i - 1]) return;
        const text = `给予${sums[i]}万元${reward}`;
        parts.push(`对${tier}的，${text}`);
        amounts.push({ kind: 'FIXED', sum: `${sums[i]}万元`, period: 'ONCE', condition: tier, text });
      });
      const flag: Partial<Payment> =
        s.flag && s.tiers
          ? { formula: { amount: 0 }, flagCondition: { text: `对${tiers[0]}的`, fact: s.flag, op: 'IS', value: true } }
          : {};
      return { text: parts.join('；'), amounts, summary: `最高${sums[0]}万元${reward}`, ...flag };
    }
    case 'perUnit': {
      const unit = s.unit ?? { name: '人', text: '每人' };
      const p = unit.name === '平方米' ? rng.int(15, 60) : rng.pick([500, 800, 1000, 1500, 2000, 3000, 5000]);
      const unitText = `${unit.text}${p}元`;
      const c = cap(1000);
      return {
        text: `按${unitText}的标准给予${reward}，${c.text}`,
        amounts: [{ kind: 'PER_UNIT', sum: `${p}元`, base: unit.name, text: unitText }, c.amount],
        summary: `${unitText}，最高${c.c}万元`,
        formula: unit.fact ? { min: [{ times: [{ amount: 0 }, { fact: unit.fact }] }, { amount: 1 }] } : undefined,
      };
    }
    case 'monthly': {
      const m = rng.pick([800, 1000, 1500, 2000, 2500, 3000, 5000]);
      const text = `每月给予${m}元${reward}`;
      return {
        text: `${text}，最长不超过${rng.pick([12, 24, 36])}个月`,
        amounts: [{ kind: 'FIXED', sum: `${m}元`, condition: '每月', text }],
        summary: `每月${m}元${reward}`,
      };
    }
    case 'interest': {
      const r = percent(rng);
      const rateText = `按贷款市场报价利率（LPR）的${r}给予贴息`;
      const c = wan(rng, 10, 300);
      const capText = `单个企业年度贴息最高${c}万元`;
      return {
        text: `${rateText}，${capText}`,
        amounts: [
          { kind: 'RATE', rate: r, base: '贷款利息', period: 'YEARLY', text: rateText },
          { kind: 'CAP', sum: `${c}万元`, period: 'YEARLY', text: capText },
        ],
        summary: `贴息最高${c}万元`,
      };
    }
    case 'rateOnly': {
      const r = percent(rng);
      const text = `给予${base}${r}的${reward}`;
      return { text, amounts: [{ kind: 'RATE', rate: r, base, text }], summary: `${base}${r}的${reward}` };
    }
    case 'power': {
      const price = rng.pick(['0.05', '0.08', '0.1', '0.12', '0.15']);
      const c = wan(rng, 20, 500);
      const capText = `单个数据中心每年最高${c}万元`;
      return {
        text: `按${price}元/千瓦时给予电费补贴，${capText}`,
        amounts: [{ kind: 'CAP', sum: `${c}万元`, period: 'YEARLY', text: capText }],
        summary: `电费补贴每年最高${c}万元`,
      };
    }
    case 'caseByCase':
      return {
        text: '按照“一事一议”方式给予综合支持',
        amounts: [],
        summary: '“一事一议”综合支持',
        caseByCase: true,
      };
  }
}

const VERBS = ['鼓励', '支持', '引导', '推动'];
const EXTRAS = [
  '同一项目不重复享受同类政策。',
  '所需资金由{place}财政统筹安排。',
  '同一企业同一年度按就高原则享受一次。',
  '已获得市级同类支持的项目不再重复支持。',
  '支持资金实行总额控制，超出预算时按比例核减。',
  '',
  '',
  '',
];

/** A qualifier of who may apply, and the checked condition it states (when it states one). */
function qualifier(rng: Random, place: Place, s: Support, year: number): { text: string; check?: RuleCondition } {
  const n = wan(rng, 100, 5000);
  const k = rng.int(10, 60);
  const options: (() => { text: string; check?: RuleCondition })[] = [
    () => ({
      text: `上一年度主营业务收入不低于${n}万元`,
      check: {
        text: `上一年度主营业务收入不低于${n}万元`,
        fact: 'mainRevenueLastYearYuan',
        op: 'GTE',
        value: n * 10_000,
      },
    }),
    () => ({
      text: `人工智能相关业务收入占比不低于${k}%`,
      check: { text: `人工智能相关业务收入占比不低于${k}%`, fact: 'aiRevenueShare', op: 'GTE', value: k / 100 },
    }),
    () => ({ text: `在${place.name}注册纳税、年度${rng.pick(s.bases)}超过${rng.int(20, 900)}万元` }),
    () => ({ text: `纳入${place.name}重点项目库且${year - rng.int(0, 2)}年以后开工建设` }),
    () => ({ text: `在${place.self}新设立或新迁入${rng.int(1, 3)}年内` }),
    () => ({ text: `研发人员占职工总数比例不低于${k}%` }),
    () => ({ text: `项目总投资不低于${n}万元` }),
  ];
  return rng.pick(options)();
}

/** What applicants must meet; most state a figure, so that lists of them rarely repeat. */
const CONDITIONS = [
  '在{place}依法注册登记，具有独立法人资格，注册时间满{k}个月',
  '近{t}年无重大安全生产事故、无严重失信行为',
  '上一年度营业收入不低于{n}万元',
  '研发人员占职工总数比例不低于{k}%',
  '拥有与申报项目相关的自主知识产权不少于{k}项',
  '纳入统计部门规模以上企业名录，上一年度纳税额不低于{m}万元',
  '申报项目于{y}年1月1日以后实施，且已完成投资不低于{n}万元',
  '项目实施地点在{place}范围内，建设周期不超过{k}个月',
  '依法纳税，且在{place}缴纳社保人数不少于{k}人',
  '资产负债率不高于{p}%',
  '上一年度研发投入占营业收入比例不低于{q}%',
  '财务管理制度健全，会计核算规范',
  '未列入严重违法失信企业名单',
];

const MATERIALS = [
  '{y}年度项目申报书（加盖单位公章）一式{k}份',
  '营业执照副本复印件',
  '上一年度财务审计报告',
  '{what}相关合同、发票及支付凭证',
  '项目实施方案及绩效目标表',
  '信用承诺书',
  '知识产权证明材料',
  '研发费用专项审计报告',
  '社保缴纳证明（近{k}个月）',
  '第三方机构出具的专项审计报告',
  '其他需要补充的有关证明材料',
];

/** A template with its figures drawn; {y} is the document's year or the one before. */
function fill(rng: Random, template: string, place: Place, what: string, year: number): string {
  return template
    .replace('{place}', place.name)
    .replace('{n}', String(wan(rng, 100, 3000)))
    .replace('{k}', String(rng.int(3, 40)))
    .replace('{y}', String(year - rng.int(0, 1)))
    .replace('{m}', String(rng.int(5, 500)))
    .replace('{p}', String(rng.int(50, 85)))
    .replace('{q}', String(rng.int(2, 15)))
    .replace('{t}', String(rng.int(2, 5)))
    .replace('{what}', what);
}

function applicationPeriod(rng: Random, place: Place, year: number, heading: string): string {
  const m = rng.int(3, 9);
  const variants = [
    `${year}年${m}月${rng.int(1, 15)}日至${m + rng.int(1, 3)}月${rng.int(1, 28)}日，通过“${place.name}惠企政策服务平台”网上申报`,
    `以${place.name}${year}年发布的“${heading}”申报通知为准`,
    `每年${m}月${rng.int(1, 28)}日起由${place.name}集中受理，受理期${rng.int(10, 30)}个工作日`,
    `${year}年${m}月${rng.int(1, 28)}日前向${place.name}相关部门提交`,
  ];
  return rng.pick(variants);
}

/**
 * One supported item of a place's policy. `benefitRate` is the chance that a computable rule is
 * written beside it, where its payment can read a company's facts; `topics` are those the
 * corpus's topic list knows (a support may name one it does not).
 */
function makeItem(
  rng: Random,
  place: Place,
  s: Support,
  year: number,
  benefitRate: number,
  topics: ReadonlySet<string>,
): Item {
  const reward = rng.pick(s.rewards);
  const style = rng.pick(s.pays);
  const p = pay(rng, s, style, reward);
  const q = qualifier(rng, place, s, year);
  const heading = rng.pick(s.headings);
  const entity = rng.pick(s.entities);
  const extra = rng.pick(EXTRAS).replace('{place}', place.name);
  const opener = `${rng.pick(VERBS)}${rng.pick(s.entities)}${rng.pick(s.actions)}`;
  const who = p.flagCondition ? '' : `对${q.text}的${entity}，`;
  const body = `${opener}，${who}${p.text}。${extra}`;
  // Two or three conditions stating a figure, now and then one that states none.
  const conditions = rng
    .some(
      CONDITIONS.filter((c) => c.includes('{')),
      rng.int(2, 3),
    )
    .concat(rng.chance(0.4) ? [rng.pick(CONDITIONS.filter((c) => !c.includes('{')))] : [])
    .map((c) => fill(rng, c, place, rng.pick(s.bases), year))
    .concat(q.check && !p.flagCondition ? [q.text] : []);
  const materials = rng.some(MATERIALS, rng.int(3, 6)).map((m) => fill(rng, m, place, rng.pick(s.bases), year));
  let benefit: ClauseBenefit | undefined;
  if (p.formula && rng.chance(benefitRate)) {
    const checks: RuleCondition[] = [];
    if (p.flagCondition) checks.push(p.flagCondition);
    else checks.push(q.check ?? { text: `对${q.text}的${entity}` });
    benefit = {
      conditions: checks,
      formula: p.formula,
      ...(extra.startsWith('同一项目不重复享受')
        ? { exclusive: { group: `${s.key.toLowerCase()}-same-project`, text: '同一项目不重复享受同类政策' } }
        : {}),
    };
  }
  return {
    support: s,
    heading,
    body,
    summary: `${rng.pick(s.headings)}，${p.summary}`,
    amounts: p.amounts,
    caseByCase: p.caseByCase ?? false,
    conditions,
    materials,
    // Applications open the year after the text is published.
    applicationPeriod: applicationPeriod(rng, place, year + 1, heading),
    contact: contactAt(rng, rng.pick(place.desks)),
    topics: s.topics.filter((t) => topics.has(t)),
    everyday: rng.some(s.everyday, rng.int(2, 4)),
    benefit,
  };
}

/** 政策咨询 as 实施细则 print it: the desk, the person, the line. */
function contactLines(c: Contact): string {
  return `${c.department}\n联系人：${c.person}\n联系电话：${c.phone}`;
}

/** The fields an item gives the clause that carries it. */
function itemFields(item: Item, withContact: boolean): Partial<ClauseFile> {
  return {
    ...(item.caseByCase ? { caseByCase: true } : {}),
    ...(item.amounts.length ? { amounts: item.amounts } : {}),
    ...(withContact ? { contacts: [item.contact] } : {}),
    ...(item.topics.length ? { topics: item.topics } : {}),
    everyday: item.everyday,
    ...(item.benefit ? { benefit: item.benefit } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Documents.

interface Doc {
  file: PolicyFile;
  items: Item[];
  /** The clause id of the article carrying each support (for later policies' supersedes). */
  bySupport: Map<string, string>;
}

/** Everything one generation shares: the random stream, what is taken, and the counts. */
class World {
  readonly ids = new Set<string>();
  readonly titles = new Set<string>();
  readonly docNumbers = new Set<string>();
  private readonly numberCounters = new Map<string, number>();
  clauses = 0;
  constructor(
    readonly rng: Random,
    /** Chance that an item able to carry a benefit rule carries one. */
    readonly benefitRate: number,
    /** The topics of the folder's topic list. */
    readonly topics: ReadonlySet<string>,
  ) {}

  id(base: string): string {
    let id = base;
    for (let k = 2; this.ids.has(id); k++) id = `${base}-${k}`;
    this.ids.add(id);
    return id;
  }

  title(wanted: string, year: number): string {
    let title = wanted;
    const variants = [`${wanted}（${year}年修订）`, `${wanted}（试行）`, `${wanted}（${year}年版）`];
    for (let k = 0; this.titles.has(title); k++) title = variants[k] ?? `${wanted}（第${chineseNumber(k)}版）`;
    this.titles.add(title);
    return title;
  }

  /** 绵经信发〔2024〕37号: distinct across the corpus, numbered upwards per prefix and year. */
  docNumber(place: Place, bureau: (typeof BUREAUS)[number], year: number): string {
    const prefix = `${place.docPrefix}${bureau.abbr}${this.rng.pick(['发', '办', '规', '办发'])}`;
    const key = `${prefix}${year}`;
    let n = (this.numberCounters.get(key) ?? this.rng.int(0, 20)) + this.rng.int(1, 9);
    while (this.docNumbers.has(`${prefix}〔${year}〕${n}号`)) n++;
    this.numberCounters.set(key, n);
    const number = `${prefix}〔${year}〕${n}号`;
    this.docNumbers.add(number);
    return number;
  }

  items(place: Place, theme: Theme, count: number, year: number): Item[] {
    const own = theme.supports.map((k) => SUPPORT_BY_KEY.get(k)!);
    return Array.from({ length: count }, () => {
      const s = this.rng.chance(0.7)
        ? this.rng.weighted(own, (x) => x.weight)
        : this.rng.weighted(SUPPORTS, (x) => x.weight);
      return makeItem(this.rng, place, s, year, this.benefitRate, this.topics);
    });
  }
}

function countClauses(clauses: ClauseFile[] | undefined): number {
  return (clauses ?? []).reduce((n, c) => n + 1 + countClauses(c.clauses), 0);
}

function issuersOf(rng: Random, place: Place): { issuers: string[]; lead: (typeof BUREAUS)[number] } {
  const bureaus = rng.some(BUREAUS, rng.int(1, 4));
  const owner = place.name;
  return { issuers: bureaus.map((b) => `${owner}${b.full}`), lead: bureaus[0] };
}

interface Dates {
  publishedOn: string;
  effectiveFrom: string;
  effectiveTo?: string;
}

function policyDates(rng: Random, year: number): Dates {
  const publishedOn = randomDay(rng, year);
  const effectiveFrom = addDays(publishedOn, rng.int(0, 45));
  const years = rng.pick([2, 3, 3, 5]);
  const to = minDate(addDays(effectiveFrom, years * 365 - 1), LAST_DAY);
  return { publishedOn, effectiveFrom, ...(rng.chance(0.8) && to >= effectiveFrom ? { effectiveTo: to } : {}) };
}

const TITLE_VERBS = ['关于进一步促进', '关于加快推动', '支持', '关于大力发展', '推动', '加快', '关于促进'];
const TITLE_GOALS = ['高质量发展', '创新发展', '集聚发展', '提质增效', '做大做强', '跨越式发展'];
const TITLE_ENDS = ['若干政策措施', '若干政策', '政策措施', '若干措施', '专项政策', '扶持政策'];
const SECTION_HEADINGS = [
  '支持技术创新',
  '培育市场主体',
  '推动应用示范',
  '强化要素保障',
  '优化产业生态',
  '加强人才支撑',
  '提升基础能力',
  '深化开放合作',
];

/** Distinct repeal words for the closing: 《…》（…）同时废止. */
function repealWords(old: PolicyFile | undefined): string {
  return old ? `《${old.title}》${old.docNumber ? `（${old.docNumber}）` : ''}同时废止。` : '';
}

/** A 政策措施 of numbered articles (一、…), some with sub-items (（一）…); or, with draft, a draft for comment. */
function measures(
  w: World,
  place: Place,
  theme: Theme,
  year: number,
  options: { old?: Doc; draft?: boolean } = {},
): Doc {
  const { rng } = w;
  const dates = policyDates(rng, year);
  const { issuers, lead } = issuersOf(rng, place);
  const wanted = `${place.name}${rng.pick(TITLE_VERBS)}${theme.name}${rng.pick(TITLE_GOALS)}的${rng.pick(TITLE_ENDS)}`;
  const title = w.title(options.draft ? `${wanted}（征求意见稿）` : wanted, year);
  const id = w.id(`${place.slug}-${theme.slug}-${options.draft ? 'draft' : 'measures'}-${year}`);
  const articles = rng.int(6, 12);
  const clauses: ClauseFile[] = [];
  const items: Item[] = [];
  const bySupport = new Map<string, string>();
  for (let i = 1; i <= articles; i++) {
    const label = chineseNumber(i);
    if (rng.chance(0.35)) {
      const group = w.items(place, theme, rng.int(2, 3), year);
      const heading = rng.pick(SECTION_HEADINGS);
      clauses.push({
        label,
        heading,
        lead: `${label}、${heading}`,
        clauses: group.map((item, j) => ({
          label: `（${chineseNumber(j + 1)}）`,
          heading: item.heading,
          lead: `（${chineseNumber(j + 1)}）${item.heading}。${item.body}`,
          ...itemFields(item, false),
        })),
      });
      group.forEach((item, j) => {
        bySupport.set(item.support.key, `${id}/${i}.${j + 1}`);
      });
      items.push(...group);
    } else {
      const [item] = w.items(place, theme, 1, year);
      const contact = rng.chance(0.3);
      const supersedes = options.old?.bySupport.get(item.support.key);
      clauses.push({
        label,
        heading: item.heading,
        lead: `${label}、${item.heading}\n${item.body}${contact ? `咨询电话：${item.contact.phone}（${item.contact.person}）。` : ''}`,
        ...itemFields(item, contact),
        ...(item.conditions.length && rng.chance(0.5) ? { conditions: item.conditions } : {}),
        ...(supersedes && rng.chance(0.6)
          ? {
              supersedes: [
                {
                  clause: supersedes,
                  note: `同一支持事项（${item.heading}），支持标准调整为${item.summary.replace(/^[^，]*，/, '')}`,
                },
              ],
            }
          : {}),
      });
      bySupport.set(item.support.key, `${id}/${i}`);
      items.push(item);
    }
  }
  const closingLabel = chineseNumber(articles + 1);
  clauses.push({
    label: closingLabel,
    heading: '其他事项',
    lead: `${closingLabel}、其他事项\n本政策措施由${issuers[0]}负责解释，与${place.name}其他同类政策有重复的，按照就高不就低原则执行，同一项目不重复享受同类政策。${year}年度起政策兑现资金由${issuers[issuers.length - 1]}统筹安排。`,
  });
  const years = dates.effectiveTo
    ? Math.round((day(dates.effectiveTo) - day(dates.effectiveFrom)) / 31_536_000_000)
    : 0;
  const file: PolicyFile = {
    id,
    title,
    ...(options.draft ? { draft: true } : { docNumber: w.docNumber(place, lead, year) }),
    kind: 'POLICY',
    issuers,
    ...(options.draft ? { publishedOn: dates.publishedOn } : dates),
    source: { file: `${id}.txt` },
    preamble: `为${theme.purpose}，结合${place.name}实际，制定本政策措施。`,
    closing: options.draft
      ? `本政策措施公开征求意见时间为${chineseDate(dates.publishedOn)}至${chineseDate(addDays(dates.publishedOn, 30))}。`
      : `本政策措施自${chineseDate(dates.effectiveFrom)}起施行${years ? `，有效期${years}年` : ''}。${repealWords(options.old?.file)}`,
    ...(options.old ? { repeals: [{ id: options.old.file.id, effectiveOn: dates.effectiveFrom }] } : {}),
    clauses,
  };
  return { file, items, bySupport };
}

/** A 管理办法 in chapters and articles (第一章 › 第一条 › （一）), numbered on across chapters. */
function regulation(w: World, place: Place, theme: Theme, year: number): Doc {
  const { rng } = w;
  const dates = policyDates(rng, year);
  const { issuers, lead } = issuersOf(rng, place);
  const title = w.title(`${place.name}${theme.name}发展专项资金管理办法`, year);
  const id = w.id(`${place.slug}-${theme.slug}-fund-${year}`);
  const budget = rng.chance(0.5) ? `${rng.pick([0.5, 1, 1.5, 2, 3])}亿元` : `${rng.pick([2000, 3000, 5000, 8000])}万元`;
  let article = 0;
  const items = w.items(place, theme, rng.int(4, 8), year);
  const bySupport = new Map<string, string>();
  const art = (text: string, extra: Partial<ClauseFile> = {}): ClauseFile => {
    article++;
    const label = `第${chineseNumber(article)}条`;
    return { label, lead: `${label}　${text}`, ...extra };
  };
  const chapter = (n: number, heading: string, articles: ClauseFile[]): ClauseFile => {
    const label = `第${chineseNumber(n)}章`;
    return { label, heading, lead: `${label}　${heading}`, clauses: articles };
  };
  const general = chapter(1, '总则', [
    art(
      `为规范和加强${place.name}${theme.name}发展专项资金管理，提高资金使用效益，根据国家、省有关规定，结合${place.name}实际，制定本办法。`,
    ),
    art(
      `本办法所称专项资金，是指${place.name}财政预算安排，用于支持${theme.name}发展的资金。专项资金每年安排${budget}。`,
      {
        amounts: [{ kind: 'BUDGET', sum: budget, period: 'YEARLY', text: `专项资金每年安排${budget}` }],
      },
    ),
    art(
      `${theme.name}发展专项资金的管理和使用遵循公开透明、突出重点、注重绩效、强化监督的原则，由${issuers[0]}会同相关部门负责组织实施。`,
    ),
  ]);
  const supportArticles = items.map((item) => {
    const clause = art(`${item.heading}。${item.body}`, itemFields(item, false));
    bySupport.set(item.support.key, `${id}/2.${article}`);
    // Some articles list what an applicant must meet, as 款 numbered （一）（二）.
    if (rng.chance(0.3))
      clause.clauses = rng
        .some(
          item.conditions.filter((c) => /\d/.test(c)),
          rng.int(2, 3),
        )
        .map((text, j) => ({
          label: `（${chineseNumber(j + 1)}）`,
          lead: `（${chineseNumber(j + 1)}）申报${place.name}${item.heading.replace(/^(支持|鼓励|推动|加快)/, '')}项目的单位，应当${text}；`,
        }));
    return clause;
  });
  const supportChapter = chapter(2, '支持方向和标准', supportArticles);
  const desk = contactAt(rng, rng.pick(place.desks));
  const procedure = chapter(3, '申报和审核', [
    art(
      `${issuers[0]}每年发布项目申报通知，明确申报条件、申报材料和申报时间。申报单位通过“${place.name}惠企政策服务平台”在线提交申请。`,
    ),
    art(
      `${issuers[0]}组织专家或委托第三方机构对申报项目进行评审，评审结果在门户网站公示${rng.pick([5, 7, 10])}个工作日。`,
    ),
    art(`政策咨询：${desk.department}，联系人：${desk.person}，联系电话：${desk.phone}。`, {
      contacts: [desk],
    }),
  ]);
  const oversight = chapter(4, '监督管理', [
    art(
      `申报单位对申报${theme.name}发展专项资金材料的真实性负责。以虚报、冒领等手段骗取专项资金的，由${issuers[0]}追回已拨付资金，并依法依规追究责任。`,
    ),
    art(
      `${theme.name}发展专项资金实行绩效评价制度，评价结果作为以后年度预算安排的重要依据。${place.name}审计部门依法进行审计监督。`,
    ),
  ]);
  const closing = chapter(5, '附则', [
    art(
      `本办法由${issuers[0]}负责解释。${place.name}此前发布的${theme.name}专项资金相关规定与本办法不一致的，以本办法为准。`,
    ),
    art(
      `本办法自${chineseDate(dates.effectiveFrom)}起施行${dates.effectiveTo ? `，有效期至${chineseDate(dates.effectiveTo)}` : ''}。`,
    ),
  ]);
  const file: PolicyFile = {
    id,
    title,
    docNumber: w.docNumber(place, lead, year),
    kind: 'POLICY',
    issuers,
    ...dates,
    source: { file: `${id}.txt` },
    clauses: [general, supportChapter, procedure, oversight, closing],
  };
  return { file, items, bySupport };
}

/** 实施细则 of a policy: 一、 sections › （一） items › 1．支持标准 / 申报条件 / 申报材料 / 申报时间 / 政策咨询. */
function rules(w: World, place: Place, theme: Theme, policy: Doc): Doc {
  const { rng } = w;
  const p = policy.file;
  const publishedOn = minDate(addDays(p.publishedOn!, rng.int(20, 150)), LAST_DAY);
  const effectiveFrom = addDays(publishedOn, rng.int(0, 30));
  const effectiveTo = p.effectiveTo && p.effectiveTo >= effectiveFrom && rng.chance(0.5) ? p.effectiveTo : undefined;
  const year = Number(publishedOn.slice(0, 4));
  const { issuers, lead } = issuersOf(rng, place);
  const id = w.id(`${p.id}-rules`);
  const sections = rng.int(3, 5);
  const clauses: ClauseFile[] = [];
  const items: Item[] = [];
  for (let i = 1; i <= sections; i++) {
    const label = chineseNumber(i);
    const heading = rng.pick(SECTION_HEADINGS);
    const group = w.items(place, theme, rng.int(1, 3), year);
    items.push(...group);
    clauses.push({
      label,
      heading,
      lead: `${label}、${heading}`,
      clauses: group.map((item, j) => {
        const facets: [string, string][] = [
          ['支持标准', item.body],
          [
            '申报条件',
            item.conditions
              .map((c, k) => `（${k + 1}）${c}${k === item.conditions.length - 1 ? '。' : '；'}`)
              .join('\n'),
          ],
          [
            '申报材料',
            `通过“${place.name}惠企政策服务平台”提交以下材料：\n${item.materials.map((m, k) => `（${k + 1}）${m}${k === item.materials.length - 1 ? '。' : '；'}`).join('\n')}`,
          ],
          ...(rng.chance(0.5) ? [['申报时间', item.applicationPeriod] as [string, string]] : []),
          ['政策咨询', contactLines(item.contact)],
        ];
        return {
          label: `（${chineseNumber(j + 1)}）`,
          heading: item.heading,
          lead: `（${chineseNumber(j + 1)}）${item.heading}`,
          ...itemFields(item, true),
          conditions: item.conditions,
          materials: item.materials,
          applicationPeriod: item.applicationPeriod,
          clauses: facets.map(([facet, text], k) => ({
            label: `${k + 1}．`,
            heading: facet,
            facet,
            lead: `${k + 1}．${facet}\n${text}`,
          })),
        };
      }),
    });
  }
  const last = chineseNumber(sections + 1);
  clauses.push({
    label: last,
    heading: '其他',
    lead: `${last}、其他`,
    clauses: [
      {
        label: '（一）',
        lead: `（一）本细则由${issuers[0]}负责解释，具体申报事项以${place.name}当年发布的申报通知为准，本细则未尽事宜按照《${p.title}》执行。`,
      },
      {
        label: '（二）',
        lead: `（二）本细则自${chineseDate(effectiveFrom)}起施行，${effectiveTo ? `有效期至${chineseDate(effectiveTo)}` : `有效期与《${p.title}》一致`}。`,
      },
    ],
  });
  const file: PolicyFile = {
    id,
    title: w.title(`${p.title.replace(/（征求意见稿）$/, '')}实施细则`, year),
    docNumber: w.docNumber(place, lead, year),
    kind: 'IMPLEMENTATION_RULES',
    issuers,
    publishedOn,
    effectiveFrom,
    ...(effectiveTo ? { effectiveTo } : {}),
    source: { file: `${id}.txt` },
    preamble: `为贯彻落实《${p.title}》${p.docNumber ? `（${p.docNumber}）` : ''}，推进政策高效落地，特制定本实施细则。`,
    implements: p.id,
    clauses,
  };
  return { file, items, bySupport: new Map() };
}

/** A 申报指南 (a call for applications under a policy): sections 01…07, each with its heading. */
function guide(w: World, place: Place, theme: Theme, policy: Doc): Doc {
  const { rng } = w;
  const p = policy.file;
  const publishedOn = minDate(addDays(p.effectiveFrom ?? p.publishedOn!, rng.int(30, 400)), LAST_DAY);
  const effectiveTo = minDate(addDays(publishedOn, rng.int(30, 90)), LAST_DAY);
  const year = Number(publishedOn.slice(0, 4));
  const { issuers, lead } = issuersOf(rng, place);
  const id = w.id(`${p.id}-guide-${year}`);
  const [item] = w.items(place, theme, 1, year);
  const sections: [string, string, Partial<ClauseFile>][] = [
    [
      '申报政策',
      `根据《${p.title}》${p.docNumber ? `（${p.docNumber}）` : ''}有关规定，现组织申报${year}年度“${item.heading}”项目。`,
      {},
    ],
    ['支持对象', `在${place.name}注册的${item.support.entities.join('、')}。`, {}],
    ['申报条件', item.conditions.map((c, k) => `${k + 1}．${c}`).join('\n'), { conditions: item.conditions }],
    ['支持标准', item.body, itemFields(item, false)],
    ['申报材料', item.materials.map((m, k) => `${k + 1}．${m}`).join('\n'), { materials: item.materials }],
    [
      '申报时间',
      `${chineseDate(publishedOn)}至${chineseDate(effectiveTo)}，逾期不予受理。`,
      { applicationPeriod: `${chineseDate(publishedOn)}至${chineseDate(effectiveTo)}` },
    ],
    ['联系方式', contactLines(item.contact), { contacts: [item.contact] }],
  ];
  const file: PolicyFile = {
    id,
    title: w.title(
      rng.chance(0.5)
        ? `关于组织申报${year}年度${place.name}${item.heading}项目的通知`
        : `${place.name}${year}年${theme.name}扶持政策申报指南`,
      year,
    ),
    docNumber: w.docNumber(place, lead, year),
    kind: 'IMPLEMENTATION_RULES',
    issuers,
    publishedOn,
    effectiveFrom: publishedOn,
    effectiveTo,
    source: { file: `${id}.txt` },
    implements: p.id,
    clauses: sections.map(([heading, text, fields], k) => ({
      label: `0${k + 1}`,
      heading,
      lead: `0${k + 1}${heading}\n${text}`,
      ...fields,
    })),
  };
  return { file, items: [item], bySupport: new Map() };
}

/** News about a policy: unnumbered paragraphs (第N段), grants nothing itself. */
function news(w: World, place: Place, policy: Doc): Doc {
  const { rng } = w;
  const p = policy.file;
  const publishedOn = addDays(p.publishedOn!, rng.int(0, 7));
  const id = w.id(`${p.id}-news`);
  const outlet = rng.pick([
    `${place.city.name.replace(/市$/, '')}发布`,
    `${place.city.name.replace(/市$/, '')}日报`,
    `${place.name}融媒体中心`,
    `${place.name}发布`,
  ]);
  const highlights = rng.some(policy.items, rng.int(3, 6));
  const paragraphs = [
    `近日，${place.name}印发《${p.title}》，围绕${highlights.map((i) => i.heading).join('、')}等方面推出${policy.items.length}条支持措施。`,
    ...highlights.map(
      (i) =>
        `${rng.pick(['其中', '在', '政策提出', '值得关注的是', '此外'])}${i.heading.replace(/^(支持|鼓励|推动)/, '')}方面，${i.summary}。`,
    ),
    `${place.name}相关负责人表示，政策${p.effectiveFrom ? `自${chineseDate(p.effectiveFrom)}起施行` : '正式发布后'}，企业可通过“${place.name}惠企政策服务平台”查询申报。`,
  ];
  const file: PolicyFile = {
    id,
    title: w.title(
      rng.pick([
        `${place.name}出台${p.title.includes('算力') ? '算力' : ''}新政：${highlights[0].summary}`,
        `一图读懂《${p.title}》`,
        `政策解读｜${p.title}`,
        `${place.name}发布${highlights.length}项重磅支持措施`,
      ]),
      Number(publishedOn.slice(0, 4)),
    ),
    kind: 'INTERPRETATION',
    issuers: [outlet],
    publishedOn,
    source: { file: `${id}.txt`, publisher: outlet },
    interprets: p.id,
    clauses: paragraphs.map((text, k) => ({
      label: `第${k + 1}段`,
      lead: text,
      ...(highlights[k - 1]?.topics.length ? { topics: highlights[k - 1].topics } : {}),
      ...(highlights[k - 1] ? { everyday: highlights[k - 1].everyday } : {}),
    })),
  };
  return { file, items: [], bySupport: new Map() };
}

/**
 * A place's documents, in order of publication as they depend on each other: an older policy
 * with its 实施细则 and news, often the newer version repealing it with its own 实施细则 and a
 * call for applications, another policy or 管理办法, and now and then a draft for comment.
 */
function* placeDocuments(w: World, place: Place): Generator<Doc> {
  const { rng } = w;
  const [a, b, c] = rng.some(THEMES, 3);
  const y0 = rng.int(2019, 2023);
  const old = measures(w, place, a, y0);
  yield old;
  yield rules(w, place, a, old);
  if (rng.chance(0.7)) yield news(w, place, old);
  if (rng.chance(0.75)) {
    const newer = measures(w, place, a, Math.min(2026, y0 + rng.int(2, 3)), { old });
    yield newer;
    yield rules(w, place, a, newer);
    yield guide(w, place, a, newer);
    if (rng.chance(0.5)) yield news(w, place, newer);
  }
  const second = rng.chance(0.5)
    ? regulation(w, place, b, rng.int(2019, 2026))
    : measures(w, place, b, rng.int(2019, 2026));
  yield second;
  yield guide(w, place, b, second);
  if (rng.chance(0.4)) yield rules(w, place, b, second);
  if (rng.chance(0.3)) yield measures(w, place, c, rng.int(2023, 2026), { draft: true });
  else {
    const third = regulation(w, place, c, rng.int(2020, 2026));
    yield third;
    if (rng.chance(0.5)) yield guide(w, place, c, third);
  }
}

/** Every printed line of a document, as its source text: the verbatim check reads lines from it. */
function sourceText(file: PolicyFile): string {
  const lines: string[] = [file.title, file.docNumber ?? '', file.preamble ?? ''];
  const walk = (clauses: ClauseFile[] | undefined) => {
    for (const c of clauses ?? []) {
      lines.push(c.lead);
      walk(c.clauses);
      if (c.tail) lines.push(c.tail);
    }
  };
  walk(file.clauses);
  lines.push(file.closing ?? '');
  return `${lines.filter(Boolean).join('\n')}\n`;
}

export interface RealisticCorpus {
  documents: number;
  clauses: number;
  /** Files written: policy files, their sources and the topics file. */
  files: number;
  /** The places that published them, in order (the growth benchmark asks about them). */
  places: string[];
}

/** The ids and 文号 of the policy files already in `dir`, which generated ones must not take. */
function takenBy(dir: string): { ids: string[]; docNumbers: string[] } {
  const taken = { ids: [] as string[], docNumbers: [] as string[] };
  if (!existsSync(dir)) return taken;
  for (const f of readdirSync(dir).filter((name) => /\.ya?ml$/.test(name) && name !== TOPICS_FILE)) {
    const file = parse(readFileSync(join(dir, f), 'utf8')) as { id?: string; docNumber?: string } | null;
    taken.ids.push(file?.id ?? f.replace(/\.ya?ml$/, ''));
    if (file?.docNumber) taken.docNumbers.push(normaliseDocNumber(file.docNumber));
  }
  return taken;
}

/**
 * Writes a corpus of at least `targetClauses` clauses (whole documents) into `outDir`: policy
 * files, one source text each in sources/, and the project's topics file unless the folder has
 * one. A folder that holds a corpus already keeps it; the new documents take none of its ids or 文号.
 */
export function writeRealisticCorpus(outDir: string, targetClauses: number, seed = 1): RealisticCorpus {
  const taken = takenBy(outDir);
  mkdirSync(join(outDir, 'sources'), { recursive: true });
  const copyTopics = !existsSync(join(outDir, TOPICS_FILE));
  if (copyTopics) copyFileSync(join(REAL_DATA, TOPICS_FILE), join(outDir, TOPICS_FILE));
  const w = new World(new Random(seed), 0.3, new Set(Object.keys(readTopicVocabulary(outDir))));
  for (const id of taken.ids) w.ids.add(id);
  for (const n of taken.docNumbers) w.docNumbers.add(n);
  const places: string[] = [];
  let documents = 0;
  const world = allPlaces(seed);
  for (let k = 0; w.clauses < targetClauses; k++) {
    if (k >= world.length) throw new Error(`${world.length} places publish fewer than ${targetClauses} clauses.`);
    const place = world[k];
    places.push(place.name);
    for (const doc of placeDocuments(w, place)) {
      writeFileSync(join(outDir, `${doc.file.id}.yaml`), stringify(doc.file, { lineWidth: 0 }));
      writeFileSync(join(outDir, 'sources', `${doc.file.id}.txt`), sourceText(doc.file));
      w.clauses += countClauses(doc.file.clauses);
      documents++;
      if (w.clauses >= targetClauses) break;
    }
  }
  return { documents, clauses: w.clauses, files: documents * 2 + (copyTopics ? 1 : 0), places };
}

// ---------------------------------------------------------------------------------------------
// The command line: write, and with --check read it back through the project's validation.

function check(outDir: string): void {
  const t = performance.now();
  const corpus = readCorpus(outDir);
  const readMs = performance.now() - t;
  const full: string[] = [];
  const own: string[] = [];
  const kinds = new Map<string, number>();
  let benefits = 0;
  const walk = (clauses: (typeof corpus.policies)[number]['clauses']) => {
    for (const c of clauses) {
      full.push(clauseText(c));
      own.push(c.lead);
      for (const a of c.amounts) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
      if (c.benefit) benefits++;
      walk(c.clauses);
    }
  };
  for (const p of corpus.policies) walk(p.clauses);
  const duplicates = (texts: string[]) => texts.length - new Set(texts).size;
  const share = (n: number) => `${((100 * n) / full.length).toFixed(2)}%`;
  const byKind = [...new Set(corpus.policies.map((p) => p.kind))].map(
    (k) => `${k} ${corpus.policies.filter((p) => p.kind === k).length}`,
  );
  console.log(
    `readCorpus: ${corpus.policies.length} documents, ${full.length} clauses, valid, in ${(readMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `documents by kind: ${byKind.join(', ')}; drafts ${corpus.policies.filter((p) => p.draft).length}; repealing ${corpus.policies.filter((p) => p.repeals.length).length}`,
  );
  console.log(
    `duplicate clause texts: ${duplicates(full)} (${share(duplicates(full))}); duplicate leads: ${duplicates(own)} (${share(duplicates(own))})`,
  );
  console.log(
    `clauses with 算力券: ${share(full.filter((t) => t.includes('算力券')).length)}; with a benefit rule: ${share(benefits)}`,
  );
  console.log(`amounts: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 1;
  const [outDir, clauses] = args.filter((a, i) => !a.startsWith('--') && (seedAt < 0 || i !== seedAt + 1));
  if (!outDir || !clauses) {
    console.error('Usage: npx tsx scripts/bench/realistic-corpus.ts <outDir> <clauses> [--seed 1] [--check]');
    process.exit(2);
  }
  const t = performance.now();
  const written = writeRealisticCorpus(outDir, Number(clauses), seed);
  console.log(
    `${written.documents} documents, ${written.clauses} clauses, ${written.files} files from ${written.places.length} places in ${((performance.now() - t) / 1000).toFixed(1)} s: ${outDir}`,
  );
  if (process.argv.includes('--check')) check(outDir);
}
