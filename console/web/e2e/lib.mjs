// Shared harness of the console's browser end-to-end checks (wall.mjs, search.mjs, scope.mjs):
// headless Debian Chromium driven by playwright-core, against a running Sharp Eyes node.
//
// Environment:
//   SHARPEYES_URL         base URL of the node (default http://127.0.0.1:8080)
//   SHARPEYES_USER        user name to sign in with (required)
//   SHARPEYES_PASSWORD    its password (required)
//   SHARPEYES_SHOTS       folder for screenshots (default $TMPDIR/sharpeyes-e2e)
//   SHARPEYES_CHROMIUM    browser executable (default /usr/bin/chromium)
//   SHARPEYES_E2E_TIMEOUT_S  give up after this many seconds (default 120)
//
// Each script prints exactly one JSON line on stdout: the result, or {"error": "..."}.
// Exit codes: 0 passed, 1 a check failed, 2 timed out, 3 cannot run (no browser, no
// playwright-core, no server, missing settings). Progress goes to stderr.
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const out = process.stdout.write.bind(process.stdout);
console.log = console.info = (...a) => console.error(...a); // stdout is for the result only

export const config = {
  baseUrl: (process.env.SHARPEYES_URL || 'http://127.0.0.1:8080').replace(/\/+$/, ''),
  user: process.env.SHARPEYES_USER || '',
  password: process.env.SHARPEYES_PASSWORD || '',
  shots: process.env.SHARPEYES_SHOTS || path.join(tmpdir(), 'sharpeyes-e2e'),
  chromium: process.env.SHARPEYES_CHROMIUM || '/usr/bin/chromium',
  timeoutS: Number(process.env.SHARPEYES_E2E_TIMEOUT_S || 120),
};

export class CheckFailed extends Error {}
export class CannotRun extends Error {}

let browser = null;
let finished = false;

function finish(line, code) {
  if (finished) return;
  finished = true;
  out(JSON.stringify(line) + '\n');
  const close = browser ? browser.close().catch(() => {}) : Promise.resolve();
  void close.finally(() => process.exit(code));
  setTimeout(() => process.exit(code), 5000).unref();
}

export function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one e2e script: checks the settings and the server, launches Chromium, signs in, hands
 * the page to `body`, and prints body's result (or the failure) as the one JSON line.
 */
export async function run(name, body, { needs = [] } = {}) {
  setTimeout(() => finish({ error: `${name}: gave up after ${config.timeoutS} s` }, 2), config.timeoutS * 1000).unref();
  let page = null;
  try {
    for (const key of ['SHARPEYES_USER', 'SHARPEYES_PASSWORD', ...needs]) {
      if (!process.env[key]) throw new CannotRun(`${key} is not set`);
    }
    await serverUp();
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const cspViolations = [];
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      console.error(`[browser] ${m.text()}`);
      if (m.text().includes('Content Security Policy')) cspViolations.push(m.text());
    });
    page.on('pageerror', (e) => console.error(`[browser] uncaught: ${e.message}`));
    await login(page);
    const result = await body(page);
    check(cspViolations.length === 0, `the page broke the Content-Security-Policy: ${cspViolations[0]}`);
    finish({ check: name, ok: true, ...result }, 0);
  } catch (e) {
    if (page) await shot(page, `${name}-failure`).catch(() => {});
    const code = e instanceof CheckFailed ? 1 : e instanceof CannotRun ? 3 : 1;
    finish({ check: name, error: e instanceof Error ? e.message : String(e) }, code);
  }
}

async function serverUp() {
  const url = `${config.baseUrl}/api/health`;
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
  } catch (e) {
    throw new CannotRun(`no Sharp Eyes node answers at ${url} (${e.cause?.code ?? e.cause?.message ?? e.message}); set SHARPEYES_URL`);
  }
}

async function launch() {
  if (!existsSync(config.chromium)) {
    throw new CannotRun(`no browser at ${config.chromium}; install Debian chromium (apt-get install -y chromium) or set SHARPEYES_CHROMIUM`);
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new CannotRun('playwright-core is missing: run npm ci in console/web (the Maven build of console does)');
  }
  return chromium.launch({
    executablePath: config.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Signs in through the login form and waits for the signed-in shell. */
export async function login(page, user = config.user, password = config.password) {
  await page.goto(`${config.baseUrl}/login`);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  const outcome = await Promise.race([
    page.waitForSelector('[data-testid=current-user]').then(() => 'in'),
    page.waitForSelector('[data-testid=login-error]').then(() => 'refused'),
  ]);
  if (outcome !== 'in') {
    throw new CheckFailed(`login as ${user} refused: ${await page.textContent('[data-testid=login-error]')}`);
  }
  console.error(`signed in as ${user}`);
}

/** A JSON API call from inside the page (its session cookie and CSRF token). */
export async function apiGet(page, apiPath) {
  const r = await page.request.get(`${config.baseUrl}${apiPath}`);
  const text = await r.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: r.status(), body, text };
}

export async function shot(page, name) {
  mkdirSync(config.shots, { recursive: true });
  const file = path.join(config.shots, `${name}.png`);
  await page.screenshot({ path: file });
  console.error(`screenshot ${file}`);
  return file;
}
