// A server killed with SIGKILL and restarted on the same port and database: the page says it is
// reconnecting, comes back by itself, and shows the events stored while it was away exactly once,
// without reloading.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
    VigilServer, eventRow, launchBrowser, loadPlaywright, openPage, sensorEvent, shownIds, until,
    waitConnected,
} from './fixtures.mjs';

const { chromium } = await loadPlaywright();

let browser;
let server;

before(async () => {
    browser = await launchBrowser(chromium);
    server = await VigilServer.start();
});

after(async () => {
    await browser?.close();
    await server?.cleanup();
});

test('after a server crash the page reconnects and catches up on missed events by id', async () => {
    const page = await openPage(browser, server.url);
    await waitConnected(page);
    // Survives only if the page is never reloaded.
    await page.evaluate(() => { window.sameDocument = true; });
    const hellos = [];
    page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => {
        if (String(payload).startsWith('{"kind":"hello"') || /"kind"\s*:\s*"hello"/.test(String(payload)))
            hellos.push(Date.now());
    }));

    const kept = await server.post(sensorEvent('motion_detected', 'hall-pi', 'sensor-motion'));
    await eventRow(page, kept.id).waitFor({ timeout: 2000 });

    await server.kill();
    await page.locator('#connection[data-state="reconnecting"]').waitFor({ timeout: 5000 });
    assert.match(await page.locator('#connection-text').textContent(), /^Reconnecting/);

    // The backoff grows while the server is away; once the page has armed a retry at least 3 s
    // out, there is time to restart the server and store events the page has not seen.
    await page.waitForFunction(() => {
        const box = document.getElementById('connection');
        return box.dataset.state === 'reconnecting' && Number(box.dataset.retryIn) >= 3;
    }, null, { timeout: 20000 });
    await server.start();
    // More than the hello's 50, so the page must page back with before_id to close the gap.
    const missed = Array.from({ length: 75 }, (_, i) => sensorEvent(i % 2 ? 'button_pressed' : 'motion_detected', 'hall-pi', 'sensor-motion', { n: i }));
    const result = await server.post(missed, { expect: [200] });
    assert.equal(result.stored, 75);
    const postedAt = Date.now();

    await waitConnected(page, 20000);
    assert.ok(hellos.length >= 1 && hellos.at(-1) >= postedAt,
        'the page reconnected before the missed events were stored; this run proves no catch-up');

    const stored = await server.api('api/events?limit=100');
    const expected = stored.map((event) => event.id);
    assert.equal(expected.length, 76);
    await until(async () => (await shownIds(page)).length >= 76, { timeout: 5000, what: '76 events on the page' });
    const ids = await shownIds(page);
    assert.deepEqual(ids, expected, 'every event once, newest first, none missing');
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'the page was not reloaded');

    // And the live feed works again.
    const live = await server.post(sensorEvent('sensor_online', 'hall-pi', 'sensor-motion'));
    await eventRow(page, live.id).waitFor({ timeout: 2000 });
    assert.deepEqual(page.errors, []);
});
