// `npm run check:hosting`, after `npm run build`: dist/ hosted the hostile ways (another origin
// with and without CORS, ?ver= on the URL, no chunks/, tampered chunks under SRI, a classic tag).
import { existsSync } from 'node:fs';
import { checkHosting } from './hosting-checks.mjs';
import { verdict } from './page-check.mjs';

if (!existsSync('dist/integrity.json')) {
  console.error('dist/integrity.json is missing: run npm run build first.');
  process.exit(1);
}
verdict('Hosting', await checkHosting('dist'), 'Hosting check passed.');
