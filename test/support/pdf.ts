// Writes small PDFs for the tests, with Chinese text and no font file: each page's lines are
// drawn in a Type0 font (Identity-H, two bytes per character) whose ToUnicode map says which
// character every code is, so a PDF reader extracts the text exactly as written here. The font
// is not embedded (viewers would draw boxes), which text extraction does not need.

export interface PdfPage {
  /** Lines of text, top to bottom; none for a page without text (a scanned page). */
  lines: string[];
}

/** A PDF whose pages hold `pages`' lines; a page without lines gets a drawn rectangle only. */
export function makePdf(pages: PdfPage[]): Buffer {
  const chars = [...new Set(pages.flatMap((p) => [...p.lines.join('')]))];
  const code = new Map(chars.map((c, i) => [c, i + 1]));
  const hex = (n: number) => n.toString(16).padStart(4, '0').toUpperCase();
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const stream = (content: string) =>
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;

  const toUnicode = add(
    stream(
      [
        '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
        '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
        '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
        '1 begincodespacerange <0000> <FFFF> endcodespacerange',
        ...chunk(chars, 100).flatMap((part) => [
          `${part.length} beginbfchar`,
          ...part.map((c) => `<${hex(code.get(c)!)}> <${utf16Hex(c)}>`),
          'endbfchar',
        ]),
        'endcmap CMapName currentdict /CMap defineresource pop end end',
      ].join('\n'),
    ),
  );
  const descriptor = add(
    '<< /Type /FontDescriptor /FontName /TestSong /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>',
  );
  const cidFont = add(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`,
  );
  const font = add(
    `<< /Type /Font /Subtype /Type0 /BaseFont /TestSong /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
  );
  const pagesId = objects.length + 1 + pages.length * 2;
  const pageIds: number[] = [];
  for (const page of pages) {
    const content =
      page.lines.length === 0
        ? '0.5 g 72 72 451 698 re f'
        : [
            'BT /F1 8 Tf 12 TL 40 780 Td',
            ...page.lines.map(
              (line) => `<${[...line].map((c) => hex(code.get(c)!)).join('')}> Tj T*`,
            ),
            'ET',
          ].join('\n');
    const contents = add(stream(content));
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${contents} 0 R >>`,
      ),
    );
  }
  add(
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`,
  );
  const catalog = add(`<< /Type /Catalog /Pages ${pagesId} 0 R >>`);

  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function utf16Hex(char: string): string {
  return Buffer.from(char, 'utf16le').swap16().toString('hex').toUpperCase();
}

function chunk<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

/** An announcement in two pages: a person and role on each, page numbers at the foot. */
export const ANNOUNCEMENT: PdfPage[] = [
  {
    lines: [
      '证券代码：601988        证券简称：岚山证券        公告编号：2025-031',
      '岚山证券股份有限公司',
      '关于聘任首席信息官及“岚山智策”大模型上线的公告',
      '本公司董事会及全体董事保证本公告内容不存在任何虚假记载、误导性陈述或者重大遗漏，并对其',
      '内容的真实性、准确性和完整性承担法律责任。',
      '一、聘任首席信息官',
      '岚山证券股份有限公司（以下简称“本公司”）于2025年4月8日召开第三届董事会第九次会议，审议',
      '通过了《关于聘任首席信息官的议案》，同意聘任欧阳明澈先生为本公司首席信息官。',
      '- 1 -',
    ],
  },
  {
    lines: [
      '二、董事长致辞',
      '本公司董事长司马青岚表示，公司将稳妥推进大模型在投资研究和合规审查中的应用。',
      '三、“岚山智策”大模型上线情况',
      '本公司自主研发的“岚山智策”金融大模型已于2025年3月正式上线，参数规模为130亿。',
      '特此公告。',
      '岚山证券股份有限公司董事会',
      '2025年4月9日',
      '- 2 -',
    ],
  },
];
