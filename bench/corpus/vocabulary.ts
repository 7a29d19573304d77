// The words synthetic documents are made of, in the style of ../shared/corpus/dev: fictional
// people (compound surnames too), institutions with a full legal name and a short name, models
// with versions, parameter counts and dates, the challenges people raise, and the furniture of
// news pages. Written for the benchmark on its own, not derived from the extractor's lexicons,
// so the benchmark does not only feed the extractor what it already knows.

function words(text: string): string[] {
  return text.split(' ');
}

export const COMPOUND_SURNAMES = words(
  '欧阳 司马 诸葛 上官 慕容 东方 皇甫 令狐 宇文 尉迟 公孙 司徒 夏侯 端木 独孤 长孙 南宫 闻人 澹台 百里',
);

export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];

export const GIVEN_NAME_CHARACTERS = [
  ...'明远嘉禾安然清越川晴舒望轩泽宇航思源承志若愚沛然蘅敏骏启书言知遥逸凡子涵一宁可晨曦悦琪睿哲博文静怡瑶婉茹昊天浩然俊杰鹏飞志强建华丽娟秀英海涛永刚晓东卫国立新雅婷佳慧欣妍梓萱语桐诗韵墨白川行之',
];

/** Where institutions are registered; dropped to form short names (江苏云帆银行 → 云帆银行). */
export const PLACES = words(
  '江苏 浙江 上海 北京 深圳 广东 四川 湖北 福建 山东 华东 华南 安徽 湖南 天津 重庆',
);

export const CITIES = words('北京 上海 深圳 杭州 广州 南京 成都 苏州 武汉 厦门');

// Institution brands are two characters, one from each list: 云帆, 鼎信, 观微…
export const BRAND_FIRST = [...'云星鼎明观天金华瑞锦恒澜青栖北南东凌岚瀚泓嘉润汇融睿智星辰沧'];
export const BRAND_SECOND = [...'帆河信德微衡睿泰丰程川澜鸾云岸图溟峰汇海桥石盛源晟达安盈远'];

// Model names: two characters of another flavour (天衡, 玄枢), or a Latin name (FinSage).
export const MODEL_FIRST = [...'天问玄识灵知慧衍墨澄启若通织九曜璇玑岳'];
export const MODEL_SECOND = [...'衡策枢海鹿语鉴算镜思言析航舟笙弈典章砚'];
export const LATIN_FIRST = words(
  'Fin Quant Sage Nova Ledger Aegis Orbit Vector Delta Prism Atlas Helix',
);
export const LATIN_SECOND = words('Sage GPT Mind Pilot Core Brain Lens Flow Star Mate');

export const MODEL_NOUNS = words('大模型 金融大模型 风控大模型 投研大模型 智能助手 大语言模型');

/** Real general-purpose models articles name as a base or a comparison. */
export const KNOWN_MODELS = words('通义千问 DeepSeek-R1 GPT-4o 文心一言 ChatGLM Llama');

export type InstitutionKind =
  | 'bank'
  | 'rural_bank'
  | 'life_insurer'
  | 'pc_insurer'
  | 'broker'
  | 'fund'
  | 'consumer_finance'
  | 'tech'
  | 'university'
  | 'law_firm'
  | 'research';

export interface InstitutionTemplate {
  kind: InstitutionKind;
  /** Weight among kinds: banks and tech firms are named most. */
  weight: number;
  full: (brand: string, place: string) => string;
  short: (brand: string, place: string) => string | null;
  roles: readonly string[];
  /** What the institution does with a model: develops it (tech firms) or runs it. */
  sector: string;
}

export const INSTITUTIONS: readonly InstitutionTemplate[] = [
  {
    kind: 'bank',
    weight: 6,
    full: (b, p) => `${p}${b}银行股份有限公司`,
    short: (b) => `${b}银行`,
    roles: [
      '董事长',
      '行长',
      '副行长',
      '首席信息官',
      '首席风险官',
      '信息科技部总经理',
      '首席数据官',
    ],
    sector: '银行',
  },
  {
    kind: 'rural_bank',
    weight: 2,
    full: (b, p) => `${p}${b}农村商业银行股份有限公司`,
    short: (b) => `${b}农商银行`,
    roles: ['董事长', '行长', '副行长', '金融科技部总经理'],
    sector: '农商行',
  },
  {
    kind: 'life_insurer',
    weight: 3,
    full: (b) => `${b}人寿保险股份有限公司`,
    short: (b) => `${b}人寿`,
    roles: ['董事长', '总经理', '副总经理', '首席技术官', '理赔部总经理'],
    sector: '保险公司',
  },
  {
    kind: 'pc_insurer',
    weight: 2,
    full: (b) => `${b}财产保险股份有限公司`,
    short: (b) => `${b}财险`,
    roles: ['总经理', '副总经理', '首席数字官'],
    sector: '保险公司',
  },
  {
    kind: 'broker',
    weight: 3,
    full: (b) => `${b}证券股份有限公司`,
    short: (b) => `${b}证券`,
    roles: ['董事长', '总裁', '副总裁', '首席经济学家', '信息技术部总经理', '首席分析师'],
    sector: '券商',
  },
  {
    kind: 'fund',
    weight: 2,
    full: (b) => `${b}基金管理有限公司`,
    short: (b) => `${b}基金`,
    roles: ['总经理', '首席投资官', '基金经理', '研究部总监'],
    sector: '基金公司',
  },
  {
    kind: 'consumer_finance',
    weight: 2,
    full: (b) => `${b}消费金融股份有限公司`,
    short: (b) => `${b}消费金融`,
    roles: ['总经理', '副总经理', '首席信息官', '首席风险官'],
    sector: '消费金融公司',
  },
  {
    kind: 'tech',
    weight: 5,
    full: (b) => `${b}智能科技有限公司`,
    short: (b) => `${b}智能`,
    roles: ['创始人兼CEO', 'CTO', '首席科学家', '副总裁', '首席架构师'],
    sector: '科技公司',
  },
  {
    kind: 'university',
    weight: 1,
    full: (b, p) => `${p}${b}大学`,
    short: () => null,
    roles: ['人工智能学院教授', '金融学院副教授', '研究员'],
    sector: '高校',
  },
  {
    kind: 'law_firm',
    weight: 1,
    full: (b, p) => `${p}${b}律师事务所`,
    short: () => null,
    roles: ['合伙人', '高级合伙人'],
    sector: '律所',
  },
  {
    kind: 'research',
    weight: 1,
    full: (b) => `${b}金融科技研究院`,
    short: (b) => `${b}研究院`,
    roles: ['院长', '首席研究员', '副院长'],
    sector: '研究机构',
  },
];

/** The challenges people raise, as the sentences that raise them (first person or reported). */
export const CHALLENGE_LINES: readonly { topic: string; lines: readonly string[] }[] = [
  {
    topic: 'hallucination',
    lines: [
      '大模型在金融场景的最大隐患依然是幻觉,“模型一本正经地胡说八道,写进报告里就是事故。”',
      '模型曾编造过并不存在的财务数据,所有输出都必须经过事实核查',
    ],
  },
  {
    topic: 'compute_cost',
    lines: [
      '算力成本仍是绕不开的问题,“一张高端GPU卡一年的折旧加电费,抵得上两个坐席。”',
      '推理成本居高不下,所有请求都调用大模型并不现实',
    ],
  },
  {
    topic: 'data_privacy_security',
    lines: [
      '金融业务涉及大量个人信息,数据安全是第一道红线',
      '客户数据不出行是底线,隐私保护必须贯穿模型开发全过程',
    ],
  },
  {
    topic: 'explainability',
    lines: [
      '大模型最大的问题是可解释性不足,“一个黑箱给出的结论,我们没法向客户交代。”',
      '拒贷理由必须讲清楚,模型说不清来龙去脉就只能作为参考',
    ],
  },
  {
    topic: 'talent_shortage',
    lines: [
      '既懂大模型技术、又懂金融业务的复合型人才“一将难求”',
      '人才缺口短期内难以弥合,高校培养体系仍按学科划分',
    ],
  },
  {
    topic: 'regulatory_compliance',
    lines: [
      '在强监管背景下,大模型更多用于中后台,监管要求决定了它能做什么',
      '每一次模型上线都要满足合规要求,监管规定不会为新技术让路',
    ],
  },
  {
    topic: 'latency',
    lines: [
      '实时风控留给模型的时间只有几十毫秒,时延是最大的障碍',
      '首字响应时间超过5秒,一线员工就宁愿自己去查',
    ],
  },
  {
    topic: 'data_quality',
    lines: [
      '语料的数据质量决定了模型的上限,数据治理的功夫省不得',
      '数据清洗和去重占了项目一半的时间',
    ],
  },
  {
    topic: 'intellectual_property',
    lines: ['研报和付费资讯大多受著作权保护,未经授权用于训练存在侵权风险'],
  },
  {
    topic: 'algorithmic_bias',
    lines: ['算法偏见可能让部分人群遭遇信贷排斥,公平性必须纳入模型评估'],
  },
  {
    topic: 'model_risk',
    lines: ['模型风险管理要覆盖全生命周期,模型验证和模型漂移监测缺一不可'],
  },
  {
    topic: 'local_deployment',
    lines: ['中小机构缺乏财力,本地化部署的运维压力难以承受'],
  },
  {
    topic: 'customer_trust',
    lines: ['客户信任需要时间建立,很多老年客户不愿意和机器人对话'],
  },
  {
    topic: 'vendor_lock_in',
    lines: ['过度依赖外部厂商会带来集中度风险,核心能力必须掌握在自己手里'],
  },
];

/** Neutral paragraphs that carry no entity: context, figures, policy. */
export const FILLER = [
  '过去一年,金融机构掀起大模型应用热潮,智能客服、营销文案、贷后质检、反欺诈等场景纷纷接入大模型。',
  '业内人士认为,在降本增效的同时,如何让大模型真正服务于普惠金融,是行业下一阶段需要回答的问题。',
  '随着应用从试点走向规模化,算力、数据和人才等现实问题开始浮出水面。',
  '据了解,目前多数机构仍将大模型用于内部员工辅助,直接面向客户的应用相对谨慎。',
  '从行业整体看,大型机构倾向于自研,中小机构则更多采用采购或联合共建的方式。',
  '多位与会嘉宾表示,大模型落地不能一蹴而就,需要在业务中持续打磨。',
  '《金融科技发展规划(2022—2025年)》提出,坚持“数字驱动、智慧为民、绿色低碳、公平普惠”的发展原则。',
  '国家金融监督管理总局此前发布的相关指引,对金融机构使用人工智能技术提出了明确要求。',
  '记者在现场看到,展区内多家机构演示了大模型在对公信贷尽调、智能投顾和保险理赔中的应用,不少参会者驻足体验,现场咨询合作的机构络绎不绝。',
  '有分析人士指出,大模型在金融行业的应用正从“单点试验”走向“体系化建设”,算力平台、数据中台和模型管理平台成为各家机构投入的重点,相关预算在科技投入中的占比逐年提高。',
  '一位不愿具名的城商行科技条线人士告诉记者,行内曾评估过多家厂商的方案,最终选择了“通用底座加行内精调”的路线,原因是既能控制投入,又能把核心数据留在行内。',
  '从公开信息看,今年以来已有数十家金融机构披露了大模型相关的招标和采购项目,涉及算力服务器、模型训练服务和应用开发等多个环节,单个项目金额从数十万元到数千万元不等。',
  '按照规划,相关能力将在明年逐步向分支机构推广,并在风险可控的前提下探索面向客户的应用。',
  '中国人民银行发布的《金融领域科技伦理指引》要求,金融机构应当在产品设计、数据使用和算法决策等环节落实公平、透明和可问责的原则。',
];

/** Longer paragraphs that develop a point without naming anyone. */
export const ELABORATION = [
  '“大模型不是拿来炫技的。”这句话在会上被多次提起。与会者普遍认为,金融机构引入大模型的首要目标是提升一线员工的效率,而不是追求概念上的领先;在对客场景中,任何一次错误回答都可能演变为投诉甚至监管处罚,因此上线节奏必须与风险管控能力相匹配。',
  '在具体做法上,不少机构选择先从内部知识问答、代码辅助和文档撰写等低风险场景切入,积累经验后再逐步扩展到营销、风控和投研等核心业务。一位参会者打了个比方:“先让员工把模型用熟、用顺,就像新司机先在驾校里练车,而不是直接上高速。”',
  '数据方面,金融机构积累了大量的客户交易记录、合同文本和客服对话,但这些数据分散在不同系统中,格式不一、口径不同,真正能直接用于训练的比例并不高。多家机构表示,正在建设统一的语料平台,对历史数据进行分级分类和脱敏处理。',
  '在评估体系上,行业尚未形成统一标准。有机构采用人工抽检加自动评测的方式,对模型输出的准确性、合规性和稳定性进行打分;也有机构引入“红队”测试,专门模拟恶意提问和诱导攻击,检验模型在极端情况下的表现。',
  '成本与收益的平衡同样是绕不开的话题。按照业内估算,一个百亿参数级别的模型从训练到上线,硬件、电力、人力和数据采购的投入动辄数千万元,而收益往往体现在效率提升上,难以在短期内以财务数字直接衡量。',
];

export const SCENARIOS = words(
  '智能客服 信贷审批 反欺诈 投研报告 合规审查 代码辅助 营销文案 贷后管理 理赔审核 财富顾问 知识问答 交易监测',
);

export const EVENTS = words(
  '金融科技开放日 大模型应用峰会 金融数字化论坛 行业闭门交流会 金融科技大会 保险科技创新峰会 财富管理年会',
);

export const SECTION_HEADINGS = words(
  '从“能用”到“好用” 成本账怎么算 数据是最大的门槛 人才之困 监管与合规 风控场景:毫秒级的较量 “助手”而非“替代” 下一步怎么走',
);

/** News sites: their name, domain and the company behind them (footer, bylines). */
export const SITES = [
  {
    name: '澜潮财经',
    domain: 'lanchaocj.com',
    company: '上海澜潮文化传媒有限公司',
    icp: '沪ICP备2021034587号-1',
  },
  {
    name: '智金新闻',
    domain: 'zhijinnews.cn',
    company: '北京智金传媒科技有限公司',
    icp: '京ICP备20231876号-2',
  },
  {
    name: '研值财经',
    domain: 'yanzhicj.com',
    company: '上海研值信息技术有限公司',
    icp: '沪ICP备2023015528号-1',
  },
  {
    name: '证券视界网',
    domain: 'zqshijie.com',
    company: '深圳视界财讯网络有限公司',
    icp: '粤ICP备20061854号-3',
  },
  {
    name: '保险科技观察',
    domain: 'bxkjgc.com',
    company: '北京保观传媒有限公司',
    icp: '京ICP备2022004417号-1',
  },
];

/** Off-topic headlines for hot lists; `{p}` is a person, `{i}` an institution short name. */
export const HOT_HEADLINES = [
  '{i}首席经济学家{p}:明年降准仍有空间',
  '{i}董事长{p}:将继续加大新能源领域投资',
  '全国冬小麦播种基本结束 苗情总体好于常年',
  '跳水世界杯总决赛:{p}夺得女子10米台冠军',
  '多地出台措施提振冬季消费',
  '演员{p}主演新剧定档跨年 首发预告片播放量破亿',
  '马拉松名将{p}刷新个人最好成绩',
  '寒潮来袭 中东部地区将迎大范围降温',
  '{i}发布三季度经营数据 不良率稳中有降',
  '作家{p}新书首发 讲述三代人的迁徙故事',
  '冬季流感高发期来临 专家提醒重点人群及时接种疫苗',
  '围棋名人战决赛:{p}执白中盘胜',
  '多家银行下调大额存单利率',
  '北方多地供暖季正式开启',
  '{i}总经理{p}:年内上线东南亚业务',
];

export const RECOMMENDED = [
  '信用卡分期与消费贷,哪个更划算?',
  '年底理财产品怎么选?一文看懂',
  '征信报告“花了”怎么办?这些误区要避开',
  '基金定投怎么选?新手必看的五个问题',
  '养老目标基金值得买吗?',
  '年轻人为什么不爱办信用卡了?',
];

export const COMMENTS = [
  { user: '老周看银行', text: '“最后签字的一定是人”,这句话说得好。' },
  { user: '风控民工', text: '脱敏和效果的矛盾确实存在,深有体会。' },
  { user: '理财小白2023', text: '什么时候手机银行能直接问大模型?' },
  { user: '价值投资老张', text: '投顾助手可以,千万别变成荐股机器。' },
  { user: '韭菜盒子', text: '啥时候App能用上?' },
  { user: '江小鱼', text: '羊群效应这个点说得好。' },
];

export const NAV = words('首页 宏观 银行 保险 证券 基金 金融科技 监管动态 专题 视频');
