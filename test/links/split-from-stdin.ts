// Runs splitLinks on standard input and writes the parts joined back together, so a test can run
// it in its own process and stop it when it never comes back (a synchronous call cannot be
// interrupted on the thread that made it).
import { readFileSync } from 'node:fs';
import { splitLinks } from '../../src/templates/links.js';
import { joined } from './link-cases.js';

process.stdout.write(joined(splitLinks(readFileSync(0, 'utf8'))));
