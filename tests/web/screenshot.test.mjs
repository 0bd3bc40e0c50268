// Screenshots of the page with a few events, one of them an alert, at the three sizes it is made
// for (desktop, the 800×480 Pi screen, a phone), and the alarm arming with the keypad open. Saved
// as test artifacts in VIGIL_ARTIFACT_DIR; docs/screenshot-web.png is the desktop one,
// docs/screenshots/web-alarm-arming.png the alarm one.

import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, afterEach, before, test } from 'node:test';
import {
    VigilServer, artifactPath, launchBrowser, loadPlaywright, openPage, sensorEvent, waitConnected,
} from './fixtures.mjs';

const { chromium } = await loadPlaywright();

let browser;
let server;

before(async () => {
    browser = await launchBrowser(chromium);
});

after(async () => {
    await browser?.close();
});

afterEach(async () => {
    await Promise.all(browser.contexts().map((context) => context.close()));
    await server?.cleanup();
    server = null;
});

test('screenshots of the page with events and an alert', async () => {
    server = await VigilServer.start();
    await server.post(sensorEvent('sensor_online', 'raspberry-1', 'sensor-motion'));
    await server.post(sensorEvent('sensor_online', 'raspberry-1', 'sensor-pressure'));
    await server.post(sensorEvent('sensor_online', 'garage-pi', 'sensor-motion'));
    await server.post(sensorEvent('motion_detected', 'raspberry-1', 'sensor-motion', { presence: true, gpio_pin: 17 }));
    await server.post(sensorEvent('button_pressed', 'raspberry-1', 'sensor-pressure', { pressure: 'high', duration_ms: 240, gpio_pin: 27 }));
    await server.post(sensorEvent('sensor_offline', 'garage-pi', 'sensor-motion'));
    await server.setMode('surveillance');

    const sizes = [
        ['web-desktop.png', { width: 1280, height: 760 }, 'en-US'],
        ['web-pi-800x480.png', { width: 800, height: 480 }, 'fr-FR'],
        ['web-phone.png', { width: 390, height: 844 }, 'fr-FR'],
    ];
    const pages = [];
    for (const [, viewport, locale] of sizes) {
        const page = await openPage(browser, server.url, { viewport, locale });
        await waitConnected(page);
        pages.push(page);
    }
    await server.post(sensorEvent('motion_detected', 'raspberry-1', 'sensor-motion', { presence: true, gpio_pin: 17 }));
    for (const page of pages)
        await page.locator('#alert-banner').waitFor({ state: 'visible', timeout: 2000 });
    for (const page of pages)
        await page.locator('#devices li[data-state="offline"]').waitFor({ state: 'attached', timeout: 3000 });

    for (const [index, [name]] of sizes.entries()) {
        const file = artifactPath(name);
        await pages[index].screenshot({ path: file });
        assert.ok(statSync(file).size > 10000, `${file} looks empty`);
        console.log(`# screenshot: ${file}`);
        assert.deepEqual(pages[index].errors, []);
    }
});

test('screenshot of the alarm arming, with the keypad open', async () => {
    server = await VigilServer.start({ env: { EXIT_DELAY: '60' } });
    await server.addUser('alice', '2468');
    const sensors = [
        ['raspberry-1', 'sensor-motion', 'Hall motion', 'interior'],
        ['raspberry-1', 'sensor-pressure', 'Front door mat', 'entry'],
        ['garage-pi', 'sensor-motion', 'Garage', 'instant'],
    ];
    for (const [deviceId, source, name, role] of sensors) {
        await server.post(sensorEvent('sensor_online', deviceId, source));
        await server.api(`api/devices/${deviceId}/${source}`, { method: 'PUT', body: { name, role, code: '2468' } });
    }
    await server.post(sensorEvent('motion_detected', 'raspberry-1', 'sensor-motion', { presence: true, gpio_pin: 17 }));
    await server.post(sensorEvent('button_pressed', 'raspberry-1', 'sensor-pressure', { pressure: 'high', gpio_pin: 27 }));
    await server.setAlarm('arm_away');

    const page = await openPage(browser, server.url, { viewport: { width: 1280, height: 760 } });
    await waitConnected(page);
    await page.locator('#alarm-panel[data-state="arming"]').waitFor({ timeout: 2000 });
    await page.locator('#audit li[data-action="arming"]').waitFor({ timeout: 3000 });
    await page.locator('#alarm-panel button[data-action="disarm"]').click();
    await page.locator('#keypad-dialog').waitFor({ state: 'visible', timeout: 2000 });
    await page.keyboard.type('24');

    const file = artifactPath('web-alarm-arming.png');
    await page.screenshot({ path: file });
    assert.ok(statSync(file).size > 10000, `${file} looks empty`);
    console.log(`# screenshot: ${file}`);
    assert.deepEqual(page.errors, []);
});
