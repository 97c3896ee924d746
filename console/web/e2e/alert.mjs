#!/usr/bin/env node
// Alerts: sign in, open the wall, wait for the watchlist hit on SHARPEYES_PLATE to appear in the
// alert feed (pushed over the events WebSocket while analytics reads the plate), check it is
// highlighted as unacknowledged, acknowledge it, and check the server recorded the acknowledgement.
// Settings: see lib.mjs, and
//   SHARPEYES_PLATE          the watchlisted plate (required)
//   SHARPEYES_ALERT_WAIT_S   how long to wait for the hit (default 90)
//   node console/web/e2e/alert.mjs
import { apiGet, check, config, run, shot, sleep } from './lib.mjs';

const plate = process.env.SHARPEYES_PLATE;
const waitS = Number(process.env.SHARPEYES_ALERT_WAIT_S || 90);

await run(
  'alert',
  async (page) => {
    await page.goto(`${config.baseUrl}/wall`);
    const card = page.locator('[data-testid=alert]', { hasText: plate }).first();
    const deadline = Date.now() + waitS * 1000;
    while (!(await card.isVisible()) && Date.now() < deadline) await sleep(500);
    check(await card.isVisible(), `no alert for ${plate} within ${waitS} s`);
    check(await card.evaluate((el) => el.classList.contains('unacked')), 'the alert is not highlighted as unacknowledged');
    const screenshot = await shot(page, 'alert-pending');
    // Each pass of the car raises its own alert: follow this one card by its id.
    const id = Number(await card.getAttribute('data-alert-id'));
    const open = await apiGet(page, '/api/alerts?unacknowledged=true&limit=100');
    const alert = open.body.items.find((a) => a.id === id);
    check(alert && alert.plate === plate, `the feed shows alert ${id} for ${plate} but GET /api/alerts does not`);
    const mine = page.locator(`[data-testid=alert][data-alert-id="${id}"]`);
    await mine.locator('button.primary').click();
    await mine.waitFor({ state: 'detached', timeout: 10_000 });
    const after = await apiGet(page, '/api/alerts?limit=100');
    const acked = after.body.items.find((a) => a.id === alert.id);
    check(acked?.acknowledgedBy === config.user, `alert ${alert.id} was not recorded as acknowledged by ${config.user}`);
    await shot(page, 'alert-acknowledged');
    return { plate, alertId: alert.id, camera: alert.cameraName, screenshot };
  },
  { needs: ['SHARPEYES_PLATE'] },
);
