#!/usr/bin/env node
// Investigation path: sign in, search a plate under a case reference, open a result's full
// snapshot, export the evidence package (zip) and check every file against the sha256 its
// manifest.json lists, then open the plate's trajectory (list + map). Settings: see lib.mjs, and
//   SHARPEYES_PLATE     plate to search (default: the newest plate event's)
//   SHARPEYES_CASE_REF  case reference (default E2E-CHECK)
// The user needs the INVESTIGATOR or ADMIN role.
//   node console/web/e2e/search.mjs
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { apiGet, check, config, run, shot } from './lib.mjs';
import { readZip } from './zip.mjs';

const caseRef = process.env.SHARPEYES_CASE_REF || 'E2E-CHECK';

/** datetime-local value for `days` ago. */
function daysAgo(days) {
  const d = new Date(Date.now() - days * 86400_000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** [name, sha256] of the files manifest.json lists as present (`{"name","sha256"}`, or `"missing": true`). */
function listedHashes(manifest) {
  check(Array.isArray(manifest.files), `manifest.json has no files list: ${JSON.stringify(manifest).slice(0, 300)}`);
  return manifest.files.filter((f) => !f.missing).map((f) => [f.name, f.sha256]);
}

await run('search', async (page) => {
  let plate = process.env.SHARPEYES_PLATE;
  if (!plate) {
    const from = new Date(Date.now() - 30 * 86400_000).toISOString();
    const query = new URLSearchParams({ kind: 'PLATE', limit: '1', caseRef, from, to: new Date().toISOString() });
    const latest = await apiGet(page, `/api/events?${query}`);
    check(latest.status === 200, `GET /api/events answered ${latest.status}: ${latest.text.slice(0, 200)}`);
    plate = latest.body.items[0]?.plate?.text;
    check(plate, 'no plate event stored yet to search for');
  }
  console.error(`searching ${plate}`);

  await page.goto(`${config.baseUrl}/search`);
  await page.fill('[data-testid=search-form] input[name=caseRef]', caseRef);
  await page.fill('[data-testid=search-form] input[name=plate]', plate);
  await page.fill('[data-testid=search-form] input[name=from]', daysAgo(30));
  await page.click('[data-testid=search-submit]');
  const results = page.locator('[data-testid=result]');
  await results.first().waitFor();
  const count = await results.count();
  const texts = await results.allTextContents();
  check(texts.every((t) => t.includes(plate)), `an exact search for ${plate} showed other plates: ${texts.slice(0, 5).join(' | ')}`);

  await results.first().click();
  const full = page.locator('[data-testid=snapshot-full]');
  await full.waitFor();
  await page.waitForFunction((el) => el.complete, await full.elementHandle());
  const snapshotWidth = await full.evaluate((img) => img.naturalWidth);
  check(snapshotWidth > 0, 'the full snapshot did not load');
  await shot(page, 'search-snapshot');
  await page.keyboard.press('Escape');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-zip]')]);
  const zip = readZip(await readFile(await download.path()));
  check(zip.has('manifest.json'), `the evidence package has no manifest.json (entries: ${[...zip.keys()].join(', ')})`);
  const manifest = JSON.parse(zip.get('manifest.json').toString('utf8'));
  check(manifest.caseRef === caseRef, `manifest caseRef is ${manifest.caseRef}, expected ${caseRef}`);
  const listed = listedHashes(manifest);
  for (const [name, sha256] of listed) {
    check(zip.has(name), `manifest lists ${name}, which the package lacks`);
    const actual = createHash('sha256').update(zip.get(name)).digest('hex');
    check(actual === String(sha256).toLowerCase(), `${name}: sha256 ${actual} differs from the manifest's ${sha256}`);
  }
  const unlisted = [...zip.keys()].filter((n) => n !== 'manifest.json' && !listed.some(([l]) => l === n));
  check(unlisted.length === 0, `files not in the manifest: ${unlisted.join(', ')}`);

  await results.first().click();
  await page.click('.modal button.primary'); // "show trajectory"
  await page.waitForURL(/\/trajectory/);
  const sightings = page.locator('[data-testid=sighting]');
  await sightings.first().waitFor();
  const stops = await page.locator('.grid-map .path-stop').count();
  const screenshot = await shot(page, 'trajectory');
  return {
    plate,
    results: count,
    exportFiles: listed.length,
    exportName: download.suggestedFilename(),
    sightings: await sightings.count(),
    mapStops: stops,
    screenshot,
  };
});
