#!/usr/bin/env node
// Scope: a user confined to an org-unit subtree must not reach a camera outside it. Signs in as
// that user and checks that the camera is refused by the API (403 OUT_OF_SCOPE, or 404), left out
// of the camera list, and that its live socket closes with 4403 (or 4404). Settings: see lib.mjs
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
      direct.status === 403 || direct.status === 404,
      `GET /api/cameras/${cameraId} answered ${direct.status}, expected 403 or 404: ${direct.text.slice(0, 200)}`,
    );
    if (direct.status === 403) {
      check(direct.body?.error?.code === 'OUT_OF_SCOPE', `403 with code ${direct.body?.error?.code}, expected OUT_OF_SCOPE`);
    }

    const listed = await apiGet(page, '/api/cameras?limit=500');
    check(listed.status === 200, `GET /api/cameras answered ${listed.status}`);
    check(!listed.body.items.some((c) => c.id === cameraId), 'the out-of-scope camera is in the camera list');

    const snapshot = await apiGet(page, `/api/cameras/${id}/snapshot`);
    check(snapshot.status === 403 || snapshot.status === 404, `its snapshot answered ${snapshot.status}`);

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
    check(close.code === 4403 || close.code === 4404, `the live socket closed with ${close.code}, expected 4403 or 4404`);

    const screenshot = await shot(page, 'scope');
    return { cameraId, api: direct.status, liveClose: close.code, screenshot };
  },
  { needs: ['SHARPEYES_OUT_OF_SCOPE_CAMERA'] },
);
