// Screenshots of the page with a few events, one of them an alert, at the three sizes it is made
// for (desktop, the 800×480 Pi screen, a phone). Saved as test artifacts in VIGIL_ARTIFACT_DIR;
// docs/screenshot-web.png is the desktop one.

import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, test } from 'node:test';
import {
    VigilServer, artifactPath, launchBrowser, loadPlaywright, openPage, sensorEvent, waitConnected,
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

test('screenshots of the page with events and an alert', async () => {
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
