import QtQuick
import QtTest
import Vigil.Dashboard
import Vigil.Test.Alarm

// The alarm as a user meets it on the 800x480 screen, against the real server: arming with one
// tap, the exit delay's countdown, the keypad a disarm opens, a wrong code and the right one,
// the keypad that opens by itself when an entry delay starts and the chime that repeats then.
TestCase {
    id: root

    name: "AlarmPanel"
    width: 800
    height: 480
    visible: true
    when: windowShown

    Component {
        id: pageComponent
        DashboardPage {
            width: root.width
            height: root.height
            connection: ServerConnection {}
        }
    }

    function initTestCase() {
        compare(AlarmBackend.start(), "", "the server starts")
        // A sensor with a name, and one event in the list, before anything is armed.
        compare(AlarmBackend.motion("raspberry-1"), 201)
        compare(AlarmBackend.name("raspberry-1", "Front door"), 200)
    }

    // Every test starts disarmed.
    function init() {
        if (AlarmBackend.state() !== "disarmed")
            compare(AlarmBackend.act("disarm", AlarmBackend.code), 200)
    }

    function connectedPage() {
        const page = createTemporaryObject(pageComponent, root)
        verify(page !== null, "the page loads")
        page.connection.serverUrl = AlarmBackend.url
        page.connection.start()
        tryCompare(page.connection.alarm, "available", true, 10000)
        tryCompare(page.connection.devices, "count", 1, 10000)
        return page
    }

    function keypadOf(page) {
        return findChild(page, "alarmKeypad")
    }

    function type(page, digits) {
        const keypad = keypadOf(page)
        for (let i = 0; i < digits.length; ++i) {
            const key = findChild(keypad.contentItem, "key_" + digits[i])
            verify(key !== null, "key " + digits[i])
            mouseClick(key)
        }
    }

    function test_1_armingCountsDownAndTheKeypadTakesTheCode() {
        const page = connectedPage()
        const alarm = page.connection.alarm
        verify(findChild(page, "alarmPanel").visible)
        verify(!findChild(page, "modeSwitch").visible)
        compare(findChild(page, "alarmState").text, "Disarmed")

        // Arming needs no code here: one tap, and the exit delay counts down.
        mouseClick(findChild(page, "arm_awayButton"))
        tryCompare(alarm, "state", "arming", 5000)
        const countdown = findChild(page, "alarmCountdown")
        verify(countdown.visible)
        verify(/^[01]:[0-5][0-9]$/.test(countdown.text), countdown.text)
        verify(alarm.secondsLeft > 50 && alarm.secondsLeft <= 60, alarm.secondsLeft)
        compare(findChild(page, "alarmState").text, "Arming")
        verify(!findChild(page, "arm_awayButton").visible)

        // Disarming needs the code: the keypad opens instead of a request.
        const keypad = keypadOf(page)
        verify(!keypad.opened)
        mouseClick(findChild(page, "disarmButton"))
        tryCompare(keypad, "opened", true)
        compare(findChild(keypad.contentItem, "keypadTitle").text, "Disarm")
        const ok = findChild(keypad.contentItem, "key_ok")
        type(page, "12")
        verify(!ok.enabled, "OK waits for a code of 4 digits at least")
        compare(findChild(keypad.contentItem, "keypadCode").text, "\u2022\u2022")

        // The picture of the docs: the keypad over the page, during the exit delay.
        waitForRendering(keypad.contentItem)
        const shot = grabImage(root.Window.window.contentItem)
        compare(shot.width, 800)
        compare(shot.height, 480)
        const path = AlarmBackend.artifactPath("dashboard-alarm-keypad.png")
        shot.save(path) // throws when it cannot
        verify(AlarmBackend.fileSize(path) > 10000, "the screenshot is saved")

        // A wrong code: refused, said on the keypad, which stays open; still arming.
        type(page, "34")
        verify(ok.enabled)
        mouseClick(ok)
        const error = findChild(keypad.contentItem, "keypadError")
        tryCompare(error, "visible", true, 5000)
        compare(error.text, "Wrong code")
        verify(keypad.opened)
        compare(alarm.state, "arming")
        compare(AlarmBackend.state(), "arming")

        // The right one: disarmed, and the keypad closes.
        type(page, AlarmBackend.code)
        mouseClick(ok)
        tryCompare(alarm, "state", "disarmed", 5000)
        tryCompare(keypad, "opened", false)
        verify(!countdown.visible)
        compare(AlarmBackend.state(), "disarmed")
        compare(findChild(page, "alarmReason").text, "Disarmed by alice")
    }

    function test_2_anEntryDelayOpensTheKeypadAndRepeatsTheChime() {
        const page = connectedPage()
        const alarm = page.connection.alarm
        compare(AlarmBackend.act("arm_home"), 200)
        tryCompare(alarm, "state", "armed_home", 5000)
        verify(!keypadOf(page).opened)

        compare(AlarmBackend.motion("raspberry-1"), 201)
        tryCompare(alarm, "state", "pending", 5000)
        tryCompare(keypadOf(page), "opened", true)
        verify(page.connection.alert.repeating, "the chime repeats")
        // The reason names the sensor by the name it was given.
        verify(findChild(page, "alarmReason").text.indexOf("Front door") === 0,
               findChild(page, "alarmReason").text)
        verify(alarm.secondsLeft > 40)

        type(page, AlarmBackend.code)
        mouseClick(findChild(keypadOf(page).contentItem, "key_ok"))
        tryCompare(alarm, "state", "disarmed", 5000)
        tryCompare(keypadOf(page), "opened", false)
        verify(!page.connection.alert.repeating, "silent once disarmed")
    }

    function test_3_theSensorListShowsNamesAndRoles() {
        const page = connectedPage()
        const list = findChild(page, "deviceList")
        tryCompare(list, "count", 1)
        const texts = []
        const collect = function (item) {
            if (item.text !== undefined && item.textFormat !== undefined)
                texts.push(item.text)
            for (let i = 0; i < item.children.length; ++i)
                collect(item.children[i])
        }
        collect(list.contentItem)
        verify(texts.indexOf("Front door") >= 0, JSON.stringify(texts))
        verify(texts.some(text => text.indexOf("entry/exit") >= 0), JSON.stringify(texts))
    }
}
