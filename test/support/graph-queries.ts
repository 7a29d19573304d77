import type { Db } from '../../src/db/client.ts';

// A small graph written straight through Prisma, shaped like what seeding produces: two
// documents, people with roles at institutions, models with developers and versions,
// challenges with the people who raised them, and a mention behind every fact.

interface DocumentSeed {
  source: string;
  title: string;
  publishedAt: Date | null;
  publisher: string | null;
  text: string;
}

const roundtable: DocumentSeed = {
  source: 'finance-llm-roundtable-2024.txt',
  title: '金融+大模型成行业趋势!各大金融机构进行了哪些尝试?迎来哪些挑战?',
  publishedAt: new Date('2024-09-15T00:00:00Z'),
  publisher: '界面新闻',
  text: '江苏苏商银行副行长黄进表示,幻觉问题仍待解决。众邦银行首席信息官李耀认为,大模型存在幻觉。蚂蚁集团金融AI首席架构师徐万青介绍了支小宝2.0,算力成本依然很高。',
};
const launch: DocumentSeed = {
  source: 'bank-tianheng-llm-launch-2024.html',
  title: '苏商银行发布天衡大模型',
  publishedAt: null,
  publisher: null,
  text: '苏商银行发布天衡大模型,参数规模130亿。黄进说,天衡由苏商银行与蚂蚁集团共同研发。',
};

type MentionSubject = {
  personId?: number;
  institutionId?: number;
  modelId?: number;
  challengeId?: number;
  affiliationId?: number;
  developmentId?: number;
  raisedId?: number;
  modelVersionId?: number;
};

const ENTITY_KEYS: Record<string, 'personId' | 'institutionId' | 'modelId' | 'challengeId'> = {
  PERSON: 'personId',
  INSTITUTION: 'institutionId',
  MODEL: 'modelId',
  CHALLENGE: 'challengeId',
};

/** Inserts the graph; returns the ids tests refer to. */
export async function insertSmallGraph(db: Db) {
  const doc = (data: DocumentSeed) =>
    db.document.create({
      data: { ...data, format: 'txt', encoding: 'utf-8', contentHash: data.source },
    });
  const d1 = await doc(roundtable);
  const d2 = await doc(launch);

  // A mention of `surface` at its first place in the document's text, with that sentence.
  const mention = async (
    document: typeof d1,
    kind: string,
    surface: string,
    subject: MentionSubject,
  ) => {
    const start = document.text.indexOf(surface);
    if (start < 0) throw new Error(`"${surface}" is not in ${document.source}`);
    const snippetStart = document.text.lastIndexOf('。', start) + 1;
    const snippetEnd = document.text.indexOf('。', start) + 1;
    // Seeding records every name a document uses for an entity; entity mentions carry one.
    const entityKey = ENTITY_KEYS[kind];
    if (entityKey) {
      await db.name.upsert({
        where: { documentId_kind_key: { documentId: document.id, kind, key: surface } },
        create: {
          documentId: document.id,
          kind,
          name: surface,
          key: surface,
          strong: true,
          [entityKey]: subject[entityKey],
        },
        update: {},
      });
    }
    return db.mention.create({
      data: {
        documentId: document.id,
        kind,
        start,
        end: start + surface.length,
        surface,
        snippet: document.text.slice(snippetStart, snippetEnd),
        snippetStart,
        publishedAt: document.publishedAt,
        ...subject,
      },
    });
  };

  const person = (key: string, name: string, aliases: string[]) =>
    db.person.create({ data: { key, name, aliases: JSON.stringify(aliases) } });
  const huang = await person('黄进', '黄进', ['黄副行长']);
  const li = await person('李耀', '李耀', []);
  const xu = await person('徐万青', '徐万青', []);

  const institution = (key: string, name: string, aliases: string[], kind: string) =>
    db.institution.create({ data: { key, name, aliases: JSON.stringify(aliases), kind } });
  const sushang = await institution('江苏苏商银行', '江苏苏商银行', ['苏商银行'], 'bank');
  const zhongbang = await institution('众邦银行', '众邦银行', [], 'bank');
  const ant = await institution('蚂蚁集团', '蚂蚁集团', ['蚂蚁'], 'tech');

  const tianheng = await db.model.create({
    data: {
      key: '天衡',
      name: '天衡大模型',
      aliases: JSON.stringify(['天衡']),
      parameters: '130亿',
      parameterCount: 13e9,
    },
  });
  const zhixiaobao = await db.model.create({
    data: { key: '支小宝', name: '支小宝', aliases: '[]', releasedAt: '2023-09' },
  });
  const v2 = await db.modelVersion.create({
    data: { modelId: zhixiaobao.id, version: '2.0', parameters: '百亿', parameterCount: 1e10 },
  });
  // A model nobody is said to develop: its developer is null.
  const orphan = await db.model.create({ data: { key: '无名', name: '无名模型' } });

  const hallucination = await db.challenge.create({
    data: {
      key: 'hallucination',
      name: '幻觉',
      aliases: JSON.stringify(['幻觉问题']),
      label: '幻觉',
      description: '模型生成与事实不符的内容',
    },
  });
  const computeCost = await db.challenge.create({
    data: { key: 'compute_cost', name: '算力成本', label: '算力成本', description: '算力投入高' },
  });

  const affiliation = (personId: number, institutionId: number, role: string) =>
    db.affiliation.create({ data: { personId, institutionId, role } });
  const huangAtSushang = await affiliation(huang.id, sushang.id, '副行长');
  const liAtZhongbang = await affiliation(li.id, zhongbang.id, '首席信息官');
  const xuAtAnt = await affiliation(xu.id, ant.id, '金融AI首席架构师');

  // 天衡 is developed by 苏商银行 (two mentions) and by 蚂蚁集团 (one): 苏商银行 is the developer.
  const tianhengBySushang = await db.development.create({
    data: { modelId: tianheng.id, institutionId: sushang.id },
  });
  const tianhengByAnt = await db.development.create({
    data: { modelId: tianheng.id, institutionId: ant.id },
  });
  const zhixiaobaoByAnt = await db.development.create({
    data: { modelId: zhixiaobao.id, institutionId: ant.id },
  });

  const raised = (personId: number, challengeId: number) =>
    db.raised.create({ data: { personId, challengeId } });
  const huangRaisedHallucination = await raised(huang.id, hallucination.id);
  const liRaisedHallucination = await raised(li.id, hallucination.id);
  const xuRaisedComputeCost = await raised(xu.id, computeCost.id);

  await mention(d1, 'INSTITUTION', '江苏苏商银行', { institutionId: sushang.id });
  await mention(d1, 'PERSON', '黄进', { personId: huang.id });
  await mention(d1, 'AFFILIATION', '江苏苏商银行副行长黄进', { affiliationId: huangAtSushang.id });
  await mention(d1, 'CHALLENGE', '幻觉问题', { challengeId: hallucination.id });
  await mention(d1, 'RAISED', '黄进表示,幻觉问题', { raisedId: huangRaisedHallucination.id });
  await mention(d1, 'INSTITUTION', '众邦银行', { institutionId: zhongbang.id });
  await mention(d1, 'PERSON', '李耀', { personId: li.id });
  await mention(d1, 'AFFILIATION', '众邦银行首席信息官李耀', { affiliationId: liAtZhongbang.id });
  await mention(d1, 'RAISED', '李耀认为,大模型存在幻觉', { raisedId: liRaisedHallucination.id });
  await mention(d1, 'INSTITUTION', '蚂蚁集团', { institutionId: ant.id });
  await mention(d1, 'PERSON', '徐万青', { personId: xu.id });
  await mention(d1, 'AFFILIATION', '蚂蚁集团金融AI首席架构师徐万青', { affiliationId: xuAtAnt.id });
  await mention(d1, 'MODEL', '支小宝', { modelId: zhixiaobao.id });
  await mention(d1, 'VERSION', '支小宝2.0', { modelVersionId: v2.id });
  await mention(d1, 'DEVELOPMENT', '蚂蚁集团', { developmentId: zhixiaobaoByAnt.id });
  await mention(d1, 'CHALLENGE', '算力成本', { challengeId: computeCost.id });
  await mention(d1, 'RAISED', '算力成本依然很高', { raisedId: xuRaisedComputeCost.id });
  await mention(d2, 'INSTITUTION', '苏商银行', { institutionId: sushang.id });
  await mention(d2, 'MODEL', '天衡大模型', { modelId: tianheng.id });
  await mention(d2, 'DEVELOPMENT', '苏商银行发布天衡大模型', {
    developmentId: tianhengBySushang.id,
  });
  await mention(d2, 'PERSON', '黄进', { personId: huang.id });
  await mention(d2, 'MODEL', '天衡', { modelId: tianheng.id });
  await mention(d2, 'DEVELOPMENT', '天衡由苏商银行', { developmentId: tianhengBySushang.id });
  await mention(d2, 'DEVELOPMENT', '蚂蚁集团共同研发', { developmentId: tianhengByAnt.id });
  await mention(d2, 'INSTITUTION', '蚂蚁集团', { institutionId: ant.id });

  return {
    documents: { roundtable: d1, launch: d2 },
    people: { huang, li, xu },
    institutions: { sushang, zhongbang, ant },
    models: { tianheng, zhixiaobao, orphan },
    versions: { v2 },
    challenges: { hallucination, computeCost },
  };
}

/**
 * Adds `count` more people, each with a role at a new institution that develops a new model:
 * more rows on every level of people → affiliations → institution → models → developer.
 */
export async function insertMorePeople(db: Db, count: number, offset = 0) {
  for (let i = offset; i < offset + count; i += 1) {
    const institution = await db.institution.create({
      data: { key: `机构${i}`, name: `机构${i}`, kind: 'bank' },
    });
    const model = await db.model.create({ data: { key: `模型${i}`, name: `模型${i}` } });
    await db.development.create({ data: { modelId: model.id, institutionId: institution.id } });
    const person = await db.person.create({ data: { key: `人${i}`, name: `人${i}` } });
    await db.affiliation.create({
      data: { personId: person.id, institutionId: institution.id, role: '行长' },
    });
  }
}
