#!/usr/bin/env node
// Scope: a user confined to an org-unit subtree must not reach a camera outside it. Signs in as
// that user and checks that the camera is refused by the API (403 OUT_OF_SCOPE: an id that does
// not exist, 404, fails the check), left out of the camera list, its snapshot refused, and its
// live socket closed with 4403 before any video. Settings: see lib.mjs
// (SHARPEYES_USER/PASSWORD = the scoped user), and
//   SHARPEYES_OUT_OF_SCOPE_CAMERA  id of a camera outside the user's scope (required)
//   node console/web/e2e/scope.mjs
import { apiGet, check, run, shot } from './lib.mjs';

const cameraId = process.env.SHARPEYES_OUT_OF_SCOPE_CAMERA;

await run(
  'scope',
  async (page) => {
    const id = encodeURIComponent(cameraId);
    const direct = await apiGet(page, `/api/cameras/${id}`);
    check(
      direct.status === 403 && direct.body?.error?.code === 'OUT_OF_SCOPE',
      `GET /api/cameras/${cameraId} answered ${direct.status}, expected 403 OUT_OF_SCOPE: ${direct.text.slice(0, 200)}`,
    );

    const listed = await apiGet(page, '/api/cameras?limit=500');
    check(listed.status === 200, `GET /api/cameras answered ${listed.status}`);
    check(!listed.body.items.some((c) => c.id === cameraId), 'the out-of-scope camera is in the camera list');

    const snapshot = await apiGet(page, `/api/cameras/${id}/snapshot`);
    check(snapshot.status === 403, `its snapshot answered ${snapshot.status}, expected 403`);

    const close = await page.evaluate(
      (cid) =>
        new Promise((resolve) => {
          const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api/live/${encodeURIComponent(cid)}?profile=sub`);
          let binary = 0;
          ws.binaryType = 'arraybuffer';
          ws.onmessage = (m) => typeof m.data !== 'string' && binary++;
          ws.onclose = (e) => resolve({ code: e.code, binary });
          setTimeout(() => resolve({ code: null, binary }), 10_000);
        }),
      cameraId,
    );
    check(close.binary === 0, `the live socket sent ${close.binary} media messages`);
    check(close.code === 4403, `the live socket closed with ${close.code}, expected 4403`);

    const screenshot = await shot(page, 'scope');
    return { cameraId, api: direct.status, liveClose: close.code, screenshot };
  },
  { needs: ['SHARPEYES_OUT_OF_SCOPE_CAMERA'] },
);
