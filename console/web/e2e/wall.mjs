#!/usr/bin/env node
// Live wall: sign in, choose the 4-tile layout, put the first four cameras on it (three by
// clicking them in the camera search, the fourth by drag and drop onto the last tile), then
// check that every tile's <video> plays: currentTime advances and a frame drawn to a canvas
// is not blank. Settings: see lib.mjs.
//   node console/web/e2e/wall.mjs
import { apiGet, check, config, run, shot, sleep } from './lib.mjs';

await run('wall', async (page) => {
  const list = await apiGet(page, '/api/cameras?limit=4');
  check(list.status === 200, `GET /api/cameras answered ${list.status}: ${list.text.slice(0, 200)}`);
  const cameras = list.body.items;
  check(cameras.length >= 4, `need 4 cameras in scope, found ${cameras.length}`);

  await page.goto(`${config.baseUrl}/wall`);
  await page.click('[data-grid="4"]');
  const tiles = page.locator('[data-testid=wall] .tile');
  check((await tiles.count()) === 4, `the 4-tile layout shows ${await tiles.count()} tiles`);

  for (const [i, camera] of cameras.entries()) {
    await page.fill('.tree-search', camera.name);
    const item = page.locator(`.camera-tree .cameras [data-camera-id="${camera.id}"]`);
    await item.waitFor();
    if (i < 3) await item.click();
    else await item.dragTo(tiles.nth(3));
    await page.locator(`[data-testid=wall] .tile[data-camera-id="${camera.id}"]`).waitFor();
  }
  await page.fill('.tree-search', '');

  // Every tile: playing, time moving, a picture that is not one flat colour.
  const results = [];
  for (const camera of cameras) {
    const video = page.locator(`[data-testid=wall] .tile[data-camera-id="${camera.id}"] video`);
    const deadline = Date.now() + 30_000;
    let first = null;
    while (Date.now() < deadline) {
      first = await video.evaluate((v) => ({ t: v.currentTime, ready: v.readyState, w: v.videoWidth }));
      if (first.ready >= 2 && first.w > 0) break;
      await sleep(500);
    }
    const state = await page.getAttribute(`[data-testid=wall] .tile[data-camera-id="${camera.id}"]`, 'data-state');
    check(first && first.ready >= 2, `${camera.name}: no picture within 30 s (tile state ${state}, readyState ${first?.ready})`);
    await sleep(2500);
    const later = await video.evaluate((v) => {
      const c = document.createElement('canvas');
      c.width = 160;
      c.height = 90;
      const ctx = c.getContext('2d');
      ctx.drawImage(v, 0, 0, c.width, c.height);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < px.length; i += 4) {
        const y = 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
        sum += y;
        sq += y * y;
      }
      const n = px.length / 4;
      return { t: v.currentTime, paused: v.paused, width: v.videoWidth, height: v.videoHeight, lumaStd: Math.sqrt(sq / n - (sum / n) ** 2) };
    });
    check(later.t > first.t, `${camera.name}: currentTime did not advance (${first.t} → ${later.t}, paused ${later.paused})`);
    check(later.lumaStd > 3, `${camera.name}: the picture is blank (luma std ${later.lumaStd.toFixed(2)})`);
    results.push({ id: camera.id, name: camera.name, state, advancedS: +(later.t - first.t).toFixed(2), size: `${later.width}x${later.height}`, lumaStd: +later.lumaStd.toFixed(1) });
  }
  const screenshot = await shot(page, 'wall-4');
  return { tiles: results, screenshot };
});
