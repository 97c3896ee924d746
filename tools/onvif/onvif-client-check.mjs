#!/usr/bin/env node
// Drives an ONVIF device (the Sharp Eyes simulator in tests) with a third-party client, the npm
// package `onvif` (0.8.3), to check that the simulator speaks ONVIF the way real clients expect.
//
//   node tools/onvif/onvif-client-check.mjs --host 127.0.0.1 --port N --user U --password P [--discover-on-lo]
//
// Connects (GetSystemDateAndTime, GetServices, GetProfiles, GetVideoSources), reads the device
// information, every profile's stream and snapshot URI, does a PTZ ContinuousMove then Stop, sets,
// lists and recalls a preset. With --discover-on-lo it also runs the package's WS-Discovery probe
// bound to the loopback interface (`device: 'lo'`: the socket is bound to 127.0.0.1, so Linux
// sends the multicast probe out of lo and nowhere else). Prints exactly one JSON line on stdout;
// on failure {"error": "..."} and exit code 1. Gives up after 30 s (exit 2).
//
// Modules are resolved from ${SHARPEYES_CACHE:-$HOME/.cache/sharpeyes}/node/node_modules,
// filled by tools/install-node-deps.sh.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';

const out = process.stdout.write.bind(process.stdout);
console.log = console.info = console.warn = (...a) => console.error(...a); // stdout is for the result only

const opts = { host: '127.0.0.1', port: 0, user: null, password: null, discover: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const val = () => (i + 1 < argv.length ? argv[++i] : fail(`${a} needs a value`, 2));
  if (a === '--host') opts.host = val();
  else if (a === '--port') opts.port = Number(val());
  else if (a === '--user') opts.user = val();
  else if (a === '--password') opts.password = val();
  else if (a === '--discover-on-lo') opts.discover = true;
  else fail(`unknown argument ${a}`, 2);
}

function fail(message, code = 1) {
  out(JSON.stringify({ error: String(message) }) + '\n');
  process.exit(code);
}

const cacheRoot = process.env.SHARPEYES_CACHE || path.join(homedir(), '.cache', 'sharpeyes');
const base = path.join(cacheRoot, 'node');
if (!existsSync(path.join(base, 'node_modules', 'onvif'))) {
  fail(`npm package onvif missing under ${base}/node_modules; run tools/install-node-deps.sh`, 3);
}
const { Cam, Discovery } = createRequire(path.join(base, 'package.json'))('onvif');

setTimeout(() => fail('gave up after 30 s', 2), 30000).unref();

// The package's callbacks are (err, result, xml); turn one call into a promise.
const call = (fn) => new Promise((resolve, reject) => fn((err, result) => (err ? reject(err) : resolve(result))));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const cam = new Cam({
    hostname: opts.host, port: opts.port, username: opts.user, password: opts.password,
    path: '/onvif/device_service', timeout: 5000, autoconnect: false,
  });
  await call((cb) => cam.connect(cb));
  const info = await call((cb) => cam.getDeviceInformation(cb));
  const profiles = [];
  for (const p of cam.profiles) {
    const token = p.$.token;
    const stream = await call((cb) => cam.getStreamUri({ protocol: 'RTSP', profileToken: token }, cb));
    const snapshot = await call((cb) => cam.getSnapshotUri({ profileToken: token }, cb));
    const res = p.videoEncoderConfiguration.resolution;
    profiles.push({ token, name: p.name, encoding: p.videoEncoderConfiguration.encoding,
      width: res.width, height: res.height, streamUri: stream.uri, snapshotUri: snapshot.uri });
  }
  const profileToken = cam.activeSource.profileToken;
  await call((cb) => cam.continuousMove({ profileToken, x: 0.5, y: 0.25, zoom: 0 }, cb));
  await sleep(300);
  await call((cb) => cam.stop({ profileToken, panTilt: true, zoom: true }, cb));
  const setPreset = await call((cb) => cam.setPreset({ profileToken, presetName: 'Gate' }, cb));
  const presetToken = setPreset[0].setPresetResponse[0].presetToken[0];
  const presets = await call((cb) => cam.getPresets({ profileToken }, cb));
  await call((cb) => cam.gotoPreset({ profileToken, preset: presetToken }, cb));

  const result = {
    deviceInformation: info,
    defaultProfile: profileToken,
    profiles,
    ptz: { moved: true, stopped: true, presetToken, presets: Object.keys(presets) },
  };
  if (opts.discover) {
    const found = await new Promise((resolve) => {
      Discovery.probe({ timeout: 1500, resolve: false, device: 'lo' }, (errs, cams) => resolve({ errs, cams }));
    });
    result.discovered = (found.cams || []).map((c) => ({
      endpoint: c.probeMatches.probeMatch.endpointReference.address,
      xaddrs: String(c.probeMatches.probeMatch.XAddrs).split(' '),
    }));
  }
  out(JSON.stringify(result) + '\n');
  process.exit(0);
}

main().catch((e) => fail(e && e.message ? e.message : e));
