import { makePdf } from '../test/support/pdf.ts';
import { unpack } from '../src/pipeline/unpack.ts';
import { prepareDocument } from '../src/pipeline/run.ts';
import { pageAt } from '../src/pipeline/clean-pdf.ts';
const pdf = makePdf([
  { lines: ['证券代码：601988        证券简称：岚山证券        公告编号：2025-031', '岚山证券股份有限公司', '关于聘任首席信息官及“岚山智策”大模型上线的公告', '本公司董事会及全体董事保证本公告内容不存在任何虚假记载、误导性陈述或者重大遗漏，并对其', '内容的真实性、准确性和完整性承担法律责任。', '一、聘任首席信息官', '岚山证券股份有限公司（以下简称“本公司”）于2025年4月8日召开第三届董事会第九次会议，审议', '通过了《关于聘任首席信息官的议案》，同意聘任欧阳明澈先生为本公司首席信息官。', '- 1 -'] },
  { lines: ['岚山证券股份有限公司', '二、董事长致辞', '本公司董事长司马青岚表示，公司将稳妥推进大模型在投资研究和合规审查中的应用。', '三、“岚山智策”大模型上线情况', '本公司自主研发的“岚山智策”金融大模型已于2025年3月正式上线，参数规模为130亿。', '特此公告。', '岚山证券股份有限公司董事会', '2025年4月9日', '- 2 -'] },
]);
const raw = await unpack({ source: 'a.pdf', format: 'pdf', bytes: pdf });
console.log(JSON.stringify(raw.pages));
const { prepared } = prepareDocument(raw);
console.log(prepared.doc.title, prepared.doc.publishedAt, prepared.doc.pageStarts);
console.log(prepared.doc.text);
const ex = prepared.resolved as any;
console.log(JSON.stringify(Object.keys(ex)));
for (const p of ex.people ?? []) console.log('P', p.name, p.mentions?.map((m: any) => pageAt(prepared.doc.pageStarts!, m.start)));
console.log(JSON.stringify(ex.affiliations?.map((a:any)=>[a.person,a.institution,a.role, pageAt(prepared.doc.pageStarts!, a.evidence.start)])));
