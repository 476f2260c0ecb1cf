import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { buildTestApp } from '../helpers/app.js';

const run = promisify(execFile);
const artifacts = fileURLToPath(new URL('../../.ci/artifacts/', import.meta.url));

t.test('the CSP of every /docs response has no upgrade-insecure-requests, and keeps its sources to self', async (t) => {
  const { app } = await buildTestApp(t);
  for (const url of ['/docs', '/docs/', '/docs/json', '/docs/static/swagger-initializer.js', '/docs/static/swagger-ui-bundle.js']) {
    const res = await app.inject({ method: 'GET', url });
    t.equal(res.statusCode, 200, `${url} answers`);
    const csp = String(res.headers['content-security-policy']);
    t.notMatch(csp, /upgrade-insecure-requests/, `${url}: no upgrade over plain HTTP`);
    t.match(csp, /default-src 'self'/, `${url}: still a CSP`);
    t.match(csp, /script-src 'self'/);
    t.match(csp, /object-src 'none'/);
  }
});

/** A Chromium on PATH (Debian: `apt-get install chromium`), or CHROMIUM_PATH. */
function findChromium(): string | undefined {
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : (process.env.PATH ?? '').split(delimiter).flatMap((dir) => ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'].map((name) => join(dir, name)));
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

const chromium = findChromium();

t.test(
  'headless Chromium renders the Swagger UI operations from a server reached by a non-localhost name over plain HTTP',
  { skip: chromium ? false : 'no Chromium installed (apt-get install -y --no-install-recommends chromium, or set CHROMIUM_PATH); .ci/run installs it' },
  async (t) => {
    const { app } = await buildTestApp(t);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    // A name the browser cannot treat as a secure context (localhost and 127.0.0.1 are), resolved to our server.
    const url = `http://docs.skyrocket.test:${port}/docs`;
    const profile = mkdtempSync(join(tmpdir(), 'skyrocket-chromium-'));
    t.teardown(() => rmSync(profile, { recursive: true, force: true }));
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--hide-scrollbars',
      `--user-data-dir=${profile}`,
      `--host-resolver-rules=MAP docs.skyrocket.test 127.0.0.1`,
      // Virtual time runs until the page is idle (scripts loaded, /docs/json fetched, operations rendered) or 20 s pass.
      '--virtual-time-budget=20000',
      '--window-size=1280,2400',
    ];

    const { stdout: dom } = await run(chromium!, [...flags, '--dump-dom', url], { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
    t.match(dom, /class="swagger-ui"/, 'Swagger UI mounted');
    const operations = dom.match(/class="opblock opblock-/g)?.length ?? 0;
    t.ok(operations >= 10, `operations are shown (${operations} opblocks)`);
    t.match(dom, /Skyrocket API/, 'the document\'s title is rendered');
    t.match(dom, /\/v1\/auth\/register/, 'a known operation\'s path is rendered');

    mkdirSync(artifacts, { recursive: true });
    const screenshot = join(artifacts, 'docs.png');
    rmSync(screenshot, { force: true });
    await run(chromium!, [...flags, `--screenshot=${screenshot}`, url], { timeout: 90_000 });
    t.ok(statSync(screenshot).size > 10_000, `a screenshot is saved for CI (${screenshot})`);
  },
);
