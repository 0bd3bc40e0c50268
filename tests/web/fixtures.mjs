// Test fixtures for the web page: the real vigil-server on a free loopback port with a temporary
// database, Debian's Chromium driven by playwright-core, and small polling helpers. Every
// process and temporary directory a test creates is removed by the test's cleanup.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACT_DIR = process.env.VIGIL_ARTIFACT_DIR || path.join(os.tmpdir(), 'vigil-web-artifacts');

// Missing npm packages are a set-up failure with a way out, never a silent skip.
export async function loadPlaywright() {
    try {
        return await import('playwright-core');
    } catch (error) {
        throw new Error('playwright-core is not installed: run "npm ci" in tests/web '
            + `(./run.sh test does it). Cause: ${error.message}`);
    }
}

function serverBinary() {
    const dir = process.env.VIGIL_BIN_DIR;
    if (!dir)
        throw new Error('VIGIL_BIN_DIR is not set: run this test through ctest, or set it to build/bin');
    const binary = path.join(dir, 'vigil-server');
    try {
        accessSync(binary, constants.X_OK);
    } catch {
        throw new Error(`${binary} is missing or not executable: build the vigil-server target first`);
    }
    return binary;
}

function freeLoopbackPort() {
    return new Promise((resolve, reject) => {
        const probe = net.createServer();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const { port } = probe.address();
            probe.close(() => resolve(port));
        });
    });
}

// The server's own settings, dropped from the inherited environment so a developer's shell
// cannot change what a test runs against.
const SERVER_SETTINGS = ['PORT', 'HOST', 'DATABASE', 'API_TOKENS', 'ALLOW_NO_AUTH', 'TLS_CERT', 'TLS_KEY',
    'ALERT_TYPES', 'MAX_BODY', 'LOG_LEVEL', 'QT_LOGGING_RULES', 'EXIT_DELAY', 'ENTRY_DELAY', 'TRIGGER_TIME',
    'CODE_ARM_REQUIRED', 'CODE_MAX_ATTEMPTS', 'CODE_LOCKOUT'];

export class VigilServer {
    constructor({ env = {} } = {}) {
        this.env = env;
        this.port = 0;
        this.dir = '';
        this.process = null;
        this.output = '';
    }

    static async start(options) {
        const server = new VigilServer(options);
        await server.start();
        return server;
    }

    get url() {
        return `http://127.0.0.1:${this.port}/`;
    }

    get database() {
        return path.join(this.dir, 'vigil.db');
    }

    async start() {
        const binary = serverBinary();
        if (!this.dir)
            this.dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-web-'));
        const choosePort = this.port === 0;
        // A port found free can be taken before the server binds it: then try another one.
        for (let attempt = 0; ; attempt += 1) {
            if (choosePort)
                this.port = await freeLoopbackPort();
            try {
                await this.spawnAndWait(binary);
                return;
            } catch (error) {
                if (!choosePort || attempt >= 2 || this.process)
                    throw error;
            }
        }
    }

    async spawnAndWait(binary) {
        const env = { ...process.env, TZ: 'UTC', ...this.env };
        for (const name of SERVER_SETTINGS) {
            if (!(name in this.env))
                delete env[name];
        }
        const child = spawn(binary, ['--port', String(this.port), '--database', this.database],
            { env, stdio: ['ignore', 'ignore', 'pipe'] });
        this.process = child;
        this.output = '';
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (text) => { this.output += text; });
        child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
        const deadline = Date.now() + 10000;
        let exit = null;
        child.exited.then((result) => { exit = result; });
        while (Date.now() < deadline) {
            if (exit) {
                this.process = null;
                throw new Error(`vigil-server exited (${exit.code ?? exit.signal}) before answering: ${this.output.trim()}`);
            }
            try {
                const response = await fetch(`${this.url}api/health`);
                if (response.ok)
                    return;
            } catch {
                // not listening yet
            }
            await delay(50);
        }
        throw new Error(`vigil-server did not answer /api/health within 10 s: ${this.output.trim()}`);
    }

    async kill() {
        await this.signal('SIGKILL');
    }

    async stop() {
        await this.signal('SIGTERM');
    }

    async signal(name) {
        const child = this.process;
        if (!child)
            return;
        this.process = null;
        child.kill(name);
        const timeout = setTimeout(() => child.kill('SIGKILL'), 5000);
        await child.exited;
        clearTimeout(timeout);
    }

    async cleanup() {
        await this.stop();
        if (this.dir)
            await rm(this.dir, { recursive: true, force: true });
    }

    // Calls the API as a script would; returns the parsed body and fails on an unexpected status.
    async api(pathname, { method = 'GET', body, token, expect = [200, 201] } = {}) {
        const headers = {};
        if (body !== undefined)
            headers['Content-Type'] = 'application/json';
        if (token)
            headers.Authorization = `Bearer ${token}`;
        const response = await fetch(`${this.url}${pathname}`, {
            method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        if (!expect.includes(response.status))
            throw new Error(`${method} /${pathname} answered ${response.status}: ${text}`);
        return text ? JSON.parse(text) : null;
    }

    post(event, options = {}) {
        return this.api('api/events', { method: 'POST', body: event, ...options });
    }

    setMode(mode, options = {}) {
        return this.api('api/mode', { method: 'PUT', body: { mode }, ...options });
    }

    // PUT /api/alarm; `code` only when given.
    setAlarm(action, { code, ...options } = {}) {
        return this.api('api/alarm', { method: 'PUT', body: code === undefined ? { action } : { action, code }, ...options });
    }

    addUser(name, code, options = {}) {
        return this.api('api/users', { method: 'POST', body: { name, code }, ...options });
    }
}

export function sensorEvent(type, deviceId, source, data = {}) {
    return { type, device_id: deviceId, details: { event_id: randomUUID(), source, data } };
}

export async function launchBrowser(chromium) {
    try {
        accessSync(CHROMIUM, constants.X_OK);
    } catch {
        throw new Error(`${CHROMIUM} is missing: apt-get install chromium (./run.sh test does it)`);
    }
    return chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
            '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
}

// A fresh browser context (its own localStorage) with one page, in the given language. Script
// errors on the page are collected so a test can assert there were none.
export async function openPage(browser, url, { locale = 'en-US', viewport = { width: 1280, height: 800 } } = {}) {
    const context = await browser.newContext({ locale, viewport });
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (error) => page.errors.push(error.message));
    await page.goto(url);
    return page;
}

export async function waitConnected(page, timeout = 5000) {
    await page.locator('#connection[data-state="connected"]').waitFor({ timeout });
}

export function eventRow(page, id) {
    return page.locator(`#events > li[data-id="${id}"]`);
}

export async function shownIds(page) {
    return page.$$eval('#events > li', (rows) => rows.map((row) => Number(row.dataset.id)));
}

// Polls `probe` until it returns a truthy value or the deadline passes.
export async function until(probe, { timeout = 5000, interval = 50, what = 'condition' } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    while (Date.now() < deadline) {
        last = await probe();
        if (last)
            return last;
        await delay(interval);
    }
    throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export function delay(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

export function artifactPath(name) {
    mkdirSync(ARTIFACT_DIR, { recursive: true });
    return path.join(ARTIFACT_DIR, name);
}
