// The alarm on the page against a real vigil-server in a real Chromium: the panel and its live
// countdown, the keypad with wrong codes and the lockout, the sensors' names and roles, the
// reason of a trigger and the audit log. The server runs with short delays (EXIT_DELAY and co.).

import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import {
    VigilServer, launchBrowser, loadPlaywright, openPage, sensorEvent, until, waitConnected,
} from './fixtures.mjs';

const { chromium } = await loadPlaywright();

let browser;
let server;
const pages = [];

// Each test starts its own server, with the settings it needs.
async function startServer(env = {}) {
    server = await VigilServer.start({ env: { EXIT_DELAY: '3', ENTRY_DELAY: '30', TRIGGER_TIME: '30', ...env } });
    return server;
}

async function open(options) {
    const page = await openPage(browser, server.url, options);
    pages.push(page);
    // Every answer the page got, so a test can tell it never polls the alarm.
    page.requests = [];
    page.on('response', (response) => page.requests.push(
        `${response.request().method()} ${new URL(response.url()).pathname} ${response.status()}`));
    await waitConnected(page);
    return page;
}

const panelState = (page) => page.locator('#alarm-panel').getAttribute('data-state');

async function waitState(page, state, timeout = 5000) {
    await page.locator(`#alarm-panel[data-state="${state}"]`).waitFor({ timeout });
}

async function pressKeys(page, digits) {
    for (const digit of digits)
        await page.locator(`#keypad-keys button[data-key="${digit}"]`).click();
}

before(async () => {
    browser = await launchBrowser(chromium);
});

after(async () => {
    await browser?.close();
});

afterEach(async () => {
    for (const page of pages.splice(0))
        assert.deepEqual(page.errors, [], 'the page raised script errors');
    await Promise.all(browser.contexts().map((context) => context.close()));
    await server?.cleanup();
    server = null;
});

test('arm away shows a ticking countdown to the server\'s delay, then armed away on every page', async () => {
    await startServer();
    const page = await open();
    const other = await open();
    await waitState(page, 'disarmed');
    assert.equal(await page.locator('#alarm-state').textContent(), 'Disarmed');
    assert.equal(await page.locator('#alarm-countdown').isVisible(), false);

    await page.locator('#alarm-panel button[data-action="arm_away"]').click();
    await waitState(page, 'arming', 2000);
    assert.equal(await page.locator('#keypad-dialog').isVisible(), false, 'no user: no code asked');
    assert.equal(await page.locator('#alarm-state').textContent(), 'Arming');
    assert.equal(await page.locator('#alarm-delay-label').textContent(), 'armed in');
    const countdown = page.locator('#alarm-countdown');
    assert.match(await countdown.textContent(), /^0:0[1-3]$/);

    // The countdown ticks by itself: at least two different values while arming.
    const seen = new Set();
    await until(async () => {
        if (await panelState(page) === 'arming')
            seen.add(await countdown.getAttribute('data-seconds'));
        return seen.size >= 2;
    }, { timeout: 4000, what: 'the countdown to tick' });

    await waitState(page, 'armed_away', 5000);
    await waitState(other, 'armed_away', 1000);
    assert.equal(await page.locator('#alarm-state').textContent(), 'Armed away');
    assert.equal(await countdown.isVisible(), false);
    assert.equal(await page.locator('#alarm-panel button[data-action="arm_away"]').getAttribute('aria-pressed'), 'true');
    assert.equal((await server.api('api/alarm')).state, 'armed_away');
    // The guide's toggle follows, as a view of the alarm.
    await page.locator('#mode-toggle[data-mode="surveillance"]').waitFor({ timeout: 2000 });

    // The audit log, newest first, refreshed by the alarm's messages.
    await until(async () => (await page.locator('#audit li .audit-action').allTextContents())[0] === 'Armed away',
        { what: 'the audit log to show "Armed away" first' });
    const actions = await page.locator('#audit li').evaluateAll((rows) => rows.map((row) => row.dataset.action));
    assert.deepEqual(actions.slice(0, 2), ['armed_away', 'arming']);

    assert.ok(!page.requests.some((request) => request.startsWith('GET /api/alarm ')),
        `the page polled the alarm: ${page.requests.join(', ')}`);
});

test('a browser whose clock is 10 minutes fast still counts down the server\'s delay', async () => {
    await startServer({ EXIT_DELAY: '20' });
    const context = await browser.newContext();
    await context.addInitScript(() => {
        const realNow = Date.now;
        Date.now = () => realNow() + 10 * 60 * 1000;
    });
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (error) => page.errors.push(error.message));
    pages.push(page);
    await page.goto(server.url);
    await waitConnected(page);
    await page.locator('#alarm-panel button[data-action="arm_away"]').click();
    await waitState(page, 'arming', 2000);
    // The arming broadcast tells the page the server's time: 0:19 or 0:20, not 0:00.
    await until(async () => Number(await page.locator('#alarm-countdown').getAttribute('data-seconds')) >= 18,
        { timeout: 3000, what: 'a countdown on the server\'s clock' });
    assert.match(await page.locator('#alarm-countdown').textContent(), /^0:(1[89]|20)$/);
});

test('with a user, disarm opens the keypad: a wrong code is refused, the right one disarms', async () => {
    await startServer();
    await server.addUser('alice', '2468');
    await server.setAlarm('arm_home');
    const page = await open();
    await waitState(page, 'armed_home');

    await page.locator('#alarm-panel button[data-action="disarm"]').click();
    const keypad = page.locator('#keypad-dialog');
    await keypad.waitFor({ state: 'visible', timeout: 2000 });
    assert.equal(await page.locator('#keypad-heading').textContent(), 'Code to disarm');

    await pressKeys(page, '1357');
    assert.equal(await page.locator('#keypad-input').inputValue(), '1357');
    await page.locator('#keypad-keys button[data-key="ok"]').click();
    const error = page.locator('#keypad-error');
    await error.waitFor({ state: 'visible', timeout: 5000 });
    assert.equal(await error.textContent(), 'Wrong code.');
    assert.equal(await page.locator('#keypad-input').inputValue(), '', 'the code is not kept');
    assert.equal(await panelState(page), 'armed_home');
    assert.equal((await server.api('api/alarm')).state, 'armed_home');
    assert.equal(await keypad.isVisible(), true, 'the keypad stays open for another try');

    // Clear empties the field; typing works as well as the keys.
    await pressKeys(page, '99');
    await page.locator('#keypad-keys button[data-key="clear"]').click();
    assert.equal(await page.locator('#keypad-input').inputValue(), '');
    await page.keyboard.type('2468');
    await page.keyboard.press('Enter');
    await waitState(page, 'disarmed', 5000);
    await keypad.waitFor({ state: 'hidden', timeout: 1000 });
    assert.equal(await page.locator('#keypad-input').inputValue(), '');
    assert.match(await page.locator('#alarm-changed').textContent(), /by alice/);
    assert.equal((await server.api('api/alarm')).state, 'disarmed');

    await until(async () => {
        const actions = await page.locator('#audit li').evaluateAll((rows) => rows.map((row) => row.dataset.action));
        return actions[0] === 'disarmed' && actions.includes('wrong_code');
    }, { what: 'the audit log to show the wrong code and the disarm' });
    assert.equal(await page.locator('#audit li[data-action="disarmed"] .audit-by').first().textContent(), 'by alice');

    // Cancel closes the keypad and changes nothing.
    await server.setAlarm('arm_night');
    await waitState(page, 'armed_night');
    await page.locator('#alarm-panel button[data-action="disarm"]').click();
    await keypad.waitFor({ state: 'visible', timeout: 2000 });
    await page.locator('#keypad-cancel').click();
    await keypad.waitFor({ state: 'hidden', timeout: 1000 });
    assert.equal((await server.api('api/alarm')).state, 'armed_night');
});

test('after too many wrong codes the keypad says how long to wait', async () => {
    await startServer({ CODE_MAX_ATTEMPTS: '2', CODE_LOCKOUT: '120' });
    await server.addUser('alice', '2468');
    await server.setAlarm('arm_home');
    for (let i = 0; i < 2; i += 1)
        await server.setAlarm('disarm', { code: '0000', expect: [403] });
    const page = await open();
    await waitState(page, 'armed_home');
    await page.locator('#alarm-panel button[data-action="disarm"]').click();
    await page.keyboard.type('2468');
    await page.keyboard.press('Enter');
    const error = page.locator('#keypad-error[data-reason="locked"]');
    await error.waitFor({ state: 'visible', timeout: 5000 });
    const match = /^Locked: try again in (\d+) s\.$/.exec(await error.textContent());
    assert.ok(match, `unexpected text: ${await error.textContent()}`);
    assert.ok(Number(match[1]) > 100 && Number(match[1]) <= 120, `retry in ${match[1]} s`);
    assert.equal(await page.locator('#keypad-keys button[data-key="ok"]').isDisabled(), true);
    assert.equal(await page.locator('#keypad-input').inputValue(), '');
    assert.equal((await server.api('api/alarm')).state, 'armed_home');
});

test('a sensor renamed on the page shows its name and role, and names the trigger', async () => {
    await startServer();
    await server.addUser('alice', '2468');
    await server.post(sensorEvent('sensor_online', 'door-pi', 'sensor-door'));
    const page = await open();
    const row = page.locator('#devices li[data-device="door-pi"][data-source="sensor-door"]');
    await row.waitFor({ timeout: 3000 });
    assert.equal(await row.locator('.device-name').textContent(), 'door-pi');
    assert.equal(await row.locator('.device-role').textContent(), 'Entry (delay)');

    await row.locator('.device-edit').click();
    await page.locator('#sensor-dialog').waitFor({ state: 'visible', timeout: 1000 });
    const name = 'Front door <b>1</b>';
    await page.locator('#sensor-name').fill(name);
    await page.locator('#sensor-role').selectOption('instant');
    await page.locator('#sensor-save').click();
    // Users exist: the change needs a code.
    await page.locator('#keypad-dialog').waitFor({ state: 'visible', timeout: 2000 });
    assert.equal(await page.locator('#keypad-heading').textContent(), 'Code to change this sensor');
    await page.keyboard.type('2468');
    await page.keyboard.press('Enter');
    await page.locator('#sensor-dialog').waitFor({ state: 'hidden', timeout: 5000 });
    await until(async () => await row.locator('.device-name').textContent() === name, { what: 'the new name' });
    assert.equal(await row.locator('.device-role').textContent(), 'Instant');
    assert.equal(await page.locator('#devices b').count(), 0, 'a name is shown as text');
    const stored = (await server.api('api/devices')).find((device) => device.device_id === 'door-pi');
    assert.equal(stored.name, name);
    assert.equal(stored.role, 'instant');
    await page.locator('#audit li[data-action="sensor_changed"]').waitFor({ timeout: 3000 });

    // An instant sensor triggers at once: the panel names it and counts down the trigger time.
    await server.setAlarm('arm_home');
    await waitState(page, 'armed_home');
    await server.post(sensorEvent('motion_detected', 'door-pi', 'sensor-door', { presence: true }));
    await waitState(page, 'triggered', 3000);
    assert.equal(await page.locator('#alarm-state').textContent(), 'Triggered');
    assert.equal(await page.locator('#alarm-reason').textContent(), `Triggered by ${name}`);
    assert.equal(await page.locator('#alarm-delay-label').textContent(), 'ends in');
    assert.match(await page.locator('#alarm-countdown').textContent(), /^0:(2\d|30)$/);
    assert.equal(await page.locator('#alarm-panel button[data-action="arm_away"]').isDisabled(), true);
});

test('an unnamed sensor is named by device and source in the reason, in French', async () => {
    await startServer();
    await server.post(sensorEvent('sensor_online', 'cellier-pi', 'sensor-motion'));
    await server.api('api/devices/cellier-pi/sensor-motion', { method: 'PUT', body: { role: 'instant' } });
    const page = await open({ locale: 'fr-FR' });
    await waitState(page, 'disarmed');
    assert.equal(await page.locator('#alarm-state').textContent(), 'Désarmée');
    assert.equal(await page.locator('#alarm-panel button[data-action="arm_night"]').textContent(), 'Armer (nuit)');
    await page.locator('#alarm-panel button[data-action="arm_night"]').click();
    await waitState(page, 'armed_night', 2000);
    assert.equal(await page.locator('#alarm-state').textContent(), 'Armée (nuit)');
    await server.post(sensorEvent('motion_detected', 'cellier-pi', 'sensor-motion', { presence: true }));
    await waitState(page, 'triggered', 3000);
    assert.equal(await page.locator('#alarm-reason').textContent(), 'Déclenchée par cellier-pi/sensor-motion');
    assert.equal(await page.locator('#devices li[data-device="cellier-pi"] .device-role').textContent(), 'Immédiat');
});

test('with a user, the guide\'s toggle asks the keypad for the code too', async () => {
    await startServer();
    await server.addUser('alice', '2468');
    await server.setMode('surveillance');
    const page = await open();
    await page.locator('#mode-toggle[data-mode="surveillance"]').waitFor({ timeout: 2000 });
    await page.locator('#mode-toggle').click();
    await page.locator('#keypad-dialog').waitFor({ state: 'visible', timeout: 2000 });
    assert.equal(await page.locator('#keypad-heading').textContent(), 'Code to disarm');
    await page.keyboard.type('2468');
    await page.keyboard.press('Enter');
    await page.locator('#mode-toggle[data-mode="active"]').waitFor({ timeout: 5000 });
    await waitState(page, 'disarmed', 2000);
    assert.equal(await page.locator('#mode-error').isVisible(), false);
    assert.equal((await server.api('api/mode')).mode, 'active');
});

test('the bridges line shows each bridge and its outbox, and nothing without bridges', async () => {
    await startServer();
    const page = await open();
    await waitState(page, 'disarmed');
    // The hello's refresh answered (an empty list): the line stays hidden. Waited for across a
    // reload, as the first page load's answer may come before a listener could be attached.
    const emptyList = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/bridges');
    await page.reload();
    assert.equal((await emptyList).status(), 200);
    await waitConnected(page);
    assert.equal(await page.locator('#bridges').isVisible(), false);

    await server.api('api/heartbeat', { method: 'POST', body: { bridge_id: 'house-1', outbox_depth: 3, dead_letters: 0 }, expect: [204] });
    await page.reload();
    await waitConnected(page);
    const bridge = page.locator('#bridges .bridge[data-state="online"]');
    await bridge.waitFor({ timeout: 3000 });
    assert.equal(await bridge.textContent(), 'house-1 online, 3 waiting');
});
