import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makePdf, ANNOUNCEMENT } from '../test/support/pdf.ts';
import { startSite, sitemap } from '../test/support/site.ts';
const dir = process.argv[2]!;
const types: Record<string, string> = { txt: 'text/plain; charset=utf-8', md: 'text/markdown', html: 'text/html' };
const routes: Record<string, any> = {};
for (const name of readdirSync(dir).filter((n) => /\.(txt|md|html)$/.test(n))) {
  routes[`/a/${name}`] = { type: types[name.split('.').pop()!]!, body: readFileSync(join(dir, name)) };
}
routes['/a/announcement.pdf'] = { type: 'application/pdf', body: makePdf(ANNOUNCEMENT) };
routes['/sitemap.xml'] = sitemap(Object.keys(routes));
const site = await startSite(routes);
console.log(site.origin, Object.keys(routes).length - 1);
setInterval(() => {}, 1 << 30);
