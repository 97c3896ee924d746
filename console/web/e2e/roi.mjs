#!/usr/bin/env node
// Region of interest: as an admin, opens a camera's edit form, clicks four points on the ROI
// editor over the camera's picture (plus a fifth that is undone, and one dragged elsewhere),
// saves, and checks through the API that the camera's analytics.roi holds those four points in
// normalised frame coordinates. Settings: see lib.mjs, and
//   SHARPEYES_ROI_CAMERA  id of the camera to edit (required; its region of interest is replaced)
//   node console/web/e2e/roi.mjs
import { apiGet, check, config, run, shot } from './lib.mjs';

const cameraId = process.env.SHARPEYES_ROI_CAMERA;
// Where to click, as fractions of the editor's frame: a quadrilateral, clockwise from top left.
const clicks = [[0.2, 0.3], [0.8, 0.25], [0.85, 0.8], [0.15, 0.75]];
const dragTo = [0.25, 0.35]; // where the first vertex is dragged
const expected = [dragTo, ...clicks.slice(1)];

await run(
  'roi',
  async (page) => {
    await page.goto(`${config.baseUrl}/admin/cameras`);
    await page.click(`tr[data-camera-id="${cameraId}"] [data-testid=camera-edit]`);
    const form = page.locator('[data-testid=camera-form]');
    const editor = form.locator('[data-testid=roi-editor]');
    // The frame keeps its shape without the picture; waiting a little only makes the screenshot show it.
    const picture = await editor.locator('img').waitFor({ state: 'visible', timeout: 8_000 }).then(() => true, () => false);
    const overlay = editor.locator('svg.roi-overlay');
    await overlay.scrollIntoViewIfNeeded();
    const box = await overlay.boundingBox();
    const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
    for (const p of [...clicks, [0.5, 0.5]]) await page.mouse.click(...at(p));
    await editor.locator('[data-testid=roi-undo]').click(); // takes the fifth point back
    await page.mouse.move(...at(clicks[0]));
    await page.mouse.down();
    await page.mouse.move(...at(dragTo), { steps: 4 });
    await page.mouse.up();
    const vertices = await editor.locator('circle').count();
    check(vertices === expected.length, `the editor shows ${vertices} vertices, expected ${expected.length}`);
    const screenshot = await shot(page, 'roi-editor');

    await form.locator('button[type=submit]').click();
    const closed = await form.waitFor({ state: 'detached', timeout: 10_000 }).then(() => true, () => false);
    check(closed, `the form stayed open on save: ${(await form.locator('.field-error, [role=alert]').allTextContents()).join('; ')}`);

    const saved = await apiGet(page, `/api/cameras/${encodeURIComponent(cameraId)}`);
    check(saved.status === 200, `GET /api/cameras/${cameraId} answered ${saved.status}`);
    const roi = saved.body.analytics.roi;
    check(Array.isArray(roi) && roi.length === expected.length, `analytics.roi is ${JSON.stringify(roi)}, expected ${expected.length} points`);
    check(roi.every(([x, y]) => x >= 0 && x <= 1 && y >= 0 && y <= 1), `analytics.roi ${JSON.stringify(roi)} leaves the frame [0, 1]`);
    const off = roi.some(([x, y], i) => Math.abs(x - expected[i][0]) > 0.01 || Math.abs(y - expected[i][1]) > 0.01);
    check(!off, `analytics.roi ${JSON.stringify(roi)} is not where the points were put (${JSON.stringify(expected)})`);
    return { cameraId, roi, picture, screenshot };
  },
  { needs: ['SHARPEYES_ROI_CAMERA'] },
);
