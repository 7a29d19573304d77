import { writeFileSync } from 'node:fs';
import { ANNOUNCEMENT, makePdf } from '../test/support/pdf.ts';
writeFileSync('/tmp/announcement16.pdf', makePdf(ANNOUNCEMENT));
