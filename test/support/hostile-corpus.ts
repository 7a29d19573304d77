import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';

// Files a crawl or a careless export can leave in a corpus folder, written into `dir` by the
// test itself. Each says what seeding must make of it: stored (the pipeline copes), or failed
// with a reason that names the problem.

export interface HostileFile {
  /** The document's source, as seeding reports it. */
  source: string;
  /** What seeding must report for it: stored, or failed with a reason matching this. */
  expect: 'stored' | RegExp;
}

/** Whether this process can be refused a read by file permissions (not as root). */
export const permissionsApply = process.getuid?.() !== 0;

const ARTICLE =
  '招联消费金融股份有限公司首席信息官王耀南表示，大模型的幻觉问题需要高度重视，算力成本也是一大挑战。';

/** Writes the hostile corpus into `dir` and says what each file must give. */
export function writeHostileCorpus(dir: string): HostileFile[] {
  const files: HostileFile[] = [];
  const write = (source: string, content: string | Buffer, expect: HostileFile['expect']) => {
    mkdirSync(join(dir, source, '..'), { recursive: true });
    writeFileSync(join(dir, source), content);
    files.push({ source, expect });
  };

  // Bytes that are no text at all: an image, say, saved as .txt.
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 131 + 7) % 256;
  write('binary.txt', binary, /binary/);

  // 50 MB: refused by its size before a byte is read.
  const big = openSync(join(dir, 'big.txt'), 'w');
  const block = Buffer.from(`${ARTICLE}\n`.repeat(2000));
  for (let written = 0; written < 50 * 1024 * 1024; written += block.length) writeSync(big, block);
  closeSync(big);
  files.push({ source: 'big.txt', expect: /too large: \d+ bytes/ });

  // UTF-8 with stray bytes in it: decoded with U+FFFD where the bytes were, the rest kept.
  const broken = Buffer.concat([
    Buffer.from(`大模型新闻\n\n${ARTICLE}`),
    Buffer.from([0xff, 0xfe, 0xc3]),
    Buffer.from(`\n\n${ARTICLE}\n`),
  ]);
  write('invalid-utf8.txt', broken, 'stored');

  // A GBK page that never says so: the encoding must be detected.
  const gbk = `<html><head><title>金融大模型观察</title></head><body><article><h1>金融大模型观察</h1><p>${ARTICLE}</p><p>${ARTICLE}</p></article></body></html>`;
  write('gbk-no-meta.html', iconv.encode(gbk, 'gbk'), 'stored');

  write('empty.txt', '', /empty file/);

  // Scripts and styles only: no text a reader would see.
  write(
    'scripts-only.html',
    `<html><head><script>var a = "${ARTICLE}";</script><style>p{color:red}</style></head><body><script>document.write("x")</script></body></html>`,
    /no text|empty/,
  );

  // 10,000 elements deep, with the article at the bottom.
  write(
    'deep.html',
    `<html><head><title>深层嵌套</title></head><body>${'<div>'.repeat(10_000)}<p>${ARTICLE}</p>${'</div>'.repeat(10_000)}</body></html>`,
    'stored',
  );

  write('名字 有 空格 的 报告.txt', `银行大模型报告\n\n${ARTICLE}\n`, 'stored');

  // A link to itself, and a folder linking back to its parent (walked once, not forever).
  symlinkSync('loop.txt', join(dir, 'loop.txt'));
  files.push({ source: 'loop.txt', expect: /too many levels of symbolic links/ });
  mkdirSync(join(dir, 'sub'), { recursive: true });
  symlinkSync('..', join(dir, 'sub', 'parent'));

  // Unreadable. As root, permissions refuse nothing, so the case is a FIFO under a document's
  // name: opening it would wait for a writer forever.
  if (permissionsApply) {
    write('unreadable.txt', ARTICLE, /permission denied/);
    chmodSync(join(dir, 'unreadable.txt'), 0o000);
  }
  execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
  files.push({ source: 'pipe.txt', expect: /not a regular file/ });

  // A folder named like a document is a folder.
  mkdirSync(join(dir, 'folder.html'));
  write('folder.html/inside.txt', `文件夹里的报告\n\n${ARTICLE}\n`, 'stored');
  return files;
}
