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
            'BT /F1 12 Tf 14 TL 72 780 Td',
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
