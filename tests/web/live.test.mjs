// The page against a real vigil-server in a real Chromium: live events, alerts, the mode switch,
// the sensors panel and the history with its filters.

import assert from 'node:assert/strict';
import { after, before, beforeEach, afterEach, test } from 'node:test';
import {
    VigilServer, eventRow, launchBrowser, loadPlaywright, openPage, sensorEvent, shownIds, until,
    waitConnected,
} from './fixtures.mjs';

const { chromium } = await loadPlaywright();

let browser;
let server;
const pages = [];

async function open(options) {
    const page = await openPage(browser, server.url, options);
    pages.push(page);
    await waitConnected(page);
    return page;
}

before(async () => {
    browser = await launchBrowser(chromium);
});

after(async () => {
    await browser?.close();
});

beforeEach(async () => {
    server = await VigilServer.start();
});

afterEach(async () => {
    for (const page of pages.splice(0))
        assert.deepEqual(page.errors, [], 'the page raised script errors');
    await Promise.all(browser.contexts().map((context) => context.close()));
    await server.cleanup();
});

test('an event posted to the API appears on the page within 2 s, newest on top', async () => {
    const page = await open();
    const started = Date.now();
    const stored = await server.post(sensorEvent('motion_detected', 'hall-pi', 'sensor-motion', { presence: true, gpio_pin: 17 }));
    const row = eventRow(page, stored.id);
    await row.waitFor({ timeout: 2000 });
    console.log(`# event visible ${Date.now() - started} ms after the POST`);

    assert.equal(await row.locator('.event-type').textContent(), 'Motion detected');
    assert.equal(await row.locator('.event-device').textContent(), 'hall-pi');
    assert.equal(await row.locator('.event-source').textContent(), 'sensor-motion');
    assert.equal(await row.locator('svg.icon').count(), 1);
    assert.match(await row.locator('time').textContent(), /^(just now|\d+ s ago)$/);

    // Data on demand: collapsed first, readable once opened.
    const pre = row.locator('details pre');
    assert.equal(await pre.isVisible(), false);
    await row.locator('summary').click();
    assert.match(await pre.textContent(), /"gpio_pin": 17/);

    const newer = await server.post(sensorEvent('button_pressed', 'door-pi', 'sensor-pressure', { pressure: 'high' }));
    await eventRow(page, newer.id).waitFor({ timeout: 2000 });
    assert.deepEqual(await shownIds(page), [newer.id, stored.id]);
    assert.equal(await eventRow(page, newer.id).locator('.event-type').textContent(), 'Button pressed');
});

test('data from the server is shown as text, never as markup', async () => {
    const page = await open();
    const hostile = '<img src=x onerror="window.injected=1">';
    const stored = await server.post({ type: 'door_opened', device_id: hostile, details: { source: '<b>s</b>', data: { note: hostile } } });
    const row = eventRow(page, stored.id);
    await row.waitFor({ timeout: 2000 });
    assert.equal(await row.locator('.event-device').textContent(), hostile);
    assert.equal(await row.locator('.event-type').textContent(), 'door_opened', 'an unknown type is shown as sent');
    assert.equal(await page.locator('#events img, #events b').count(), 0);
    assert.equal(await page.evaluate(() => window.injected), undefined);
});

test('the page speaks French to a French browser and keeps relative times current', async () => {
    const stored = await server.post(sensorEvent('sensor_online', 'cellier', 'sensor-motion'));
    const page = await open({ locale: 'fr-FR' });
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.equal(await page.locator('#connection-text').textContent(), 'Connecté');
    const row = eventRow(page, stored.id);
    assert.equal(await row.locator('.event-type').textContent(), 'Capteur en ligne');
    // The relative time moves on by itself, without any new data from the server.
    await until(async () => /^il y a [2-9] s$/.test(await row.locator('time').textContent()),
        { timeout: 6000, what: '"il y a N s"' });
});

test('an alert shows a red banner and a tab title until acknowledged', async () => {
    const page = await open();
    await server.setMode('surveillance');
    await page.locator('#mode-toggle[data-mode="surveillance"]').waitFor({ timeout: 2000 });

    const quiet = await server.post(sensorEvent('sensor_online', 'hall-pi', 'sensor-motion'));
    await eventRow(page, quiet.id).waitFor({ timeout: 2000 });
    assert.equal(await page.locator('#alert-banner').isVisible(), false, 'a status event is no alert');

    const alarm = await server.post(sensorEvent('motion_detected', 'hall-pi', 'sensor-motion', { presence: true }));
    assert.equal(alarm.alert, true);
    const banner = page.locator('#alert-banner');
    await banner.waitFor({ state: 'visible', timeout: 2000 });
    assert.equal(await page.locator('#alert-text').textContent(), 'Motion detected');
    assert.match(await page.locator('#alert-where').textContent(), /hall-pi · sensor-motion/);
    assert.match(await page.title(), /ALERT/);
    assert.equal(await eventRow(page, alarm.id).locator('.badge-alert').count(), 1);

    await page.locator('#alert-ack').click();
    await banner.waitFor({ state: 'hidden', timeout: 1000 });
    assert.equal(await page.title(), 'Vigil');

    // Acknowledged means acknowledged: a reload does not bring it back.
    await page.reload();
    await waitConnected(page);
    await eventRow(page, alarm.id).waitFor();
    assert.equal(await banner.isVisible(), false);
});

test('the toggle changes the server mode and every open page follows', async () => {
    const first = await open();
    const second = await open();
    const toggle = first.locator('#mode-toggle');
    assert.equal(await toggle.getAttribute('data-mode'), 'active');
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');

    await toggle.click();
    await until(async () => (await server.api('api/mode')).mode === 'surveillance', { what: 'GET /api/mode = surveillance' });
    await first.locator('#mode-toggle[data-mode="surveillance"][aria-checked="true"]').waitFor({ timeout: 2000 });
    await second.locator('#mode-toggle[data-mode="surveillance"]').waitFor({ timeout: 2000 });

    // And back, from the other page, with the keyboard.
    await second.locator('#mode-toggle').focus();
    await second.keyboard.press('Enter');
    await until(async () => (await server.api('api/mode')).mode === 'active', { what: 'GET /api/mode = active' });
    await first.locator('#mode-toggle[data-mode="active"]').waitFor({ timeout: 2000 });
});

test('the sensors panel follows status events', async () => {
    const page = await open();
    await server.post(sensorEvent('sensor_online', 'garage-pi', 'sensor-motion'));
    const row = page.locator('#devices li[data-device="garage-pi"][data-source="sensor-motion"]');
    await page.locator('#devices li[data-device="garage-pi"][data-state="online"]').waitFor({ timeout: 3000 });
    assert.match(await row.locator('.device-state').textContent(), /online/);

    await server.post(sensorEvent('sensor_offline', 'garage-pi', 'sensor-motion'));
    await page.locator('#devices li[data-device="garage-pi"][data-state="offline"]').waitFor({ timeout: 3000 });
    assert.match(await page.locator('#devices-summary').textContent(), /0 of 1 online/);
});

test('older events load on scroll, once each, and the filters narrow the list', async () => {
    const batch = [];
    for (let i = 0; i < 130; i += 1) {
        const type = i % 3 === 0 ? 'button_pressed' : 'motion_detected';
        batch.push(sensorEvent(type, i % 2 ? 'attic-pi' : 'porch-pi', `sensor-${i % 3 === 0 ? 'pressure' : 'motion'}`, { n: i }));
    }
    const result = await server.post(batch, { expect: [200] });
    assert.equal(result.stored, 130);

    const page = await open();
    assert.equal((await shownIds(page)).length, 50, 'the hello brings the newest 50');
    await scrollToEnd(page);
    const ids = await shownIds(page);
    assert.equal(ids.length, 130);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    assert.equal(new Set(ids).size, 130, 'no event twice');

    await page.locator('#filter-type').selectOption('button_pressed');
    await scrollToEnd(page);
    const buttons = await page.$$eval('#events > li', (rows) => rows.map((row) => row.dataset.type));
    assert.equal(buttons.length, batch.filter((event) => event.type === 'button_pressed').length);
    assert.ok(buttons.every((type) => type === 'button_pressed'));

    await page.locator('#filter-device').selectOption('attic-pi');
    await scrollToEnd(page);
    const rows = await page.$$eval('#events > li', (items) => items.map((item) => [item.dataset.type, item.querySelector('.event-device').textContent]));
    const expected = batch.filter((event) => event.type === 'button_pressed' && event.device_id === 'attic-pi');
    assert.equal(rows.length, expected.length);
    assert.ok(rows.every(([type, device]) => type === 'button_pressed' && device === 'attic-pi'));

    // A live event that does not match stays out; one that matches comes in.
    const other = await server.post(sensorEvent('motion_detected', 'attic-pi', 'sensor-motion'));
    const match = await server.post(sensorEvent('button_pressed', 'attic-pi', 'sensor-pressure'));
    await eventRow(page, match.id).waitFor({ timeout: 2000 });
    assert.equal(await eventRow(page, other.id).count(), 0);
});

// Scrolls down until the page says the history has no more, as a user would.
async function scrollToEnd(page) {
    await until(async () => {
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        return page.locator('#events-end, #events-empty').evaluateAll((notes) => notes.some((note) => !note.hidden));
    }, { timeout: 10000, interval: 100, what: 'the end of the history' });
}
