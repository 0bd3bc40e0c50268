import QtQuick
import QtTest
import Vigil.Dashboard
import Vigil.Test

// The dashboard's views driven by the feed messages of the contract (through TestFeed, the
// WebSocket's own entry point): what a user sees and touches.
TestCase {
    id: root

    name: "Dashboard"
    width: 800
    height: 480
    visible: true
    when: windowShown

    Component {
        id: connectionComponent
        ServerConnection {}
    }

    // The page owns its connection here, so that it never outlives it.
    Component {
        id: pageComponent
        DashboardPage {
            width: root.width
            height: root.height
            connection: ServerConnection {}
        }
    }

    Component {
        id: narrowPageComponent
        DashboardPage {
            width: 360
            height: 640
            connection: ServerConnection {}
        }
    }

    Component {
        id: overlayComponent
        AlertOverlay {
            width: root.width
            height: root.height
        }
    }

    // What a Text would load if it took its text as rich text: created after the page, so that
    // its request arriving proves the page had its chance to make one too.
    Component {
        id: richControlComponent
        Text {
            textFormat: Text.RichText
        }
    }

    Component {
        id: plainReferenceComponent
        Text {
            textFormat: Text.PlainText
        }
    }

    SignalSpy {
        id: modeRequests
        signalName: "modeChangeRequested"
    }

    function storedEvent(id, type, alert) {
        return {
            id: id, type: type, device_id: "raspberry-1", alert: alert,
            received_at: new Date().toISOString(),
            details: { source: "sensor-motion", event_id: "e-" + id, data: { gpio_pin: 17 } }
        }
    }

    function hello(connection, mode, events) {
        TestFeed.send(connection, JSON.stringify({
            kind: "hello",
            mode: { mode: mode, changed_at: "2026-11-23T20:00:00.000Z" },
            events: events
        }))
    }

    function sendEvent(connection, event) {
        TestFeed.send(connection, JSON.stringify({ kind: "event", event: event }))
    }

    function createPage() {
        const page = createTemporaryObject(pageComponent, root)
        verify(page !== null, "the page loads")
        return page
    }

    // Every Text under `item` (delegates included), depth first.
    function textsUnder(item, found) {
        if (item.textFormat !== undefined && item.elide !== undefined)
            found.push(item)
        for (let i = 0; i < item.children.length; ++i)
            textsUnder(item.children[i], found)
        if (item.contentItem !== undefined && item.contentItem !== null
                && item.contentItem.parent === item)
            textsUnder(item.contentItem, found)
        return found
    }

    // Hole 8: Text's default AutoText took a device_id of "<font size=7 color=red>" as markup,
    // and fetched the URL of an <img> in it.
    function test_richTextFromTheServerIsShownAsTypedAndLoadsNothing() {
        const port = TestFeed.startTrap()
        verify(port > 0, "the trap listens")
        const deviceId = "<font size=7 color=red>x</font><img src=\"http://127.0.0.1:" + port
                + "/device.png\">"
        const page = createPage()
        const event = storedEvent(1, "motion_detected", true)
        event.device_id = deviceId
        event.details.source = "<img src=\"http://127.0.0.1:" + port + "/source.png\">"
        hello(page.connection, "surveillance", [event])
        const list = findChild(page, "eventList")
        let delegate = null
        tryVerify(() => (delegate = list.itemAtIndex(0)) !== null)
        const place = findChild(delegate, "eventPlace")
        verify(place !== null)
        verify(place.text.startsWith(deviceId))

        // The literal characters: as wide as the same text laid out as plain text.
        const reference = createTemporaryObject(plainReferenceComponent, root,
                                                { text: place.text, font: place.font })
        compare(place.implicitWidth, reference.implicitWidth)

        const control = createTemporaryObject(richControlComponent, root, {
            text: "<img src=\"http://127.0.0.1:" + port + "/control.png\">"
        })
        verify(control !== null)
        tryVerify(() => TestFeed.trappedRequests().indexOf("/control.png") >= 0, 10000,
                  "a rich Text does fetch its image")
        compare(TestFeed.trappedRequests().filter(path => path !== "/control.png"), [])

        for (const text of textsUnder(page, []))
            compare(text.textFormat, Text.PlainText, "plain: \"" + text.text + "\"")
    }

    function test_switchAsksTheServerAndShowsOnlyItsAnswer() {
        const page = createPage()
        const connection = page.connection
        hello(connection, "active", [])
        const modeSwitch = findChild(page, "modeSwitch")
        verify(modeSwitch !== null)
        tryVerify(() => modeSwitch.enabled)
        verify(modeSwitch.height >= Theme.touchTarget, "big enough for a finger")
        modeRequests.target = connection
        modeRequests.clear()

        mouseClick(modeSwitch)
        compare(modeRequests.count, 1)
        compare(modeRequests.signalArguments[0][0], "surveillance")
        // No answer yet: the switch still shows what the server last said.
        compare(connection.mode, "active")
        compare(findChild(modeSwitch, "modeTitle").text, "Active")

        TestFeed.send(connection, JSON.stringify({
            kind: "mode", mode: { mode: "surveillance", changed_at: "2026-11-23T21:00:00.000Z" }
        }))
        compare(modeSwitch.surveillance, true)
        compare(findChild(modeSwitch, "modeTitle").text, "Surveillance")

        tryVerify(() => modeSwitch.enabled) // the request to nowhere has failed by now
        mouseClick(modeSwitch)
        compare(modeRequests.count, 2)
        compare(modeRequests.signalArguments[1][0], "active")
    }

    function test_anAlertCoversTheScreenUntilAcknowledged() {
        // Created in this order, the overlay is destroyed before the connection it shows.
        const overlay = createTemporaryObject(overlayComponent, root)
        const connection = createTemporaryObject(connectionComponent, root)
        overlay.alert = connection.alert
        hello(connection, "surveillance", [])
        verify(!overlay.visible)

        sendEvent(connection, storedEvent(7, "motion_detected", false))
        verify(!overlay.visible, "an event that is not an alert does not cover the screen")

        sendEvent(connection, storedEvent(8, "motion_detected", true))
        verify(overlay.visible)
        compare(findChild(overlay, "alertTitle").text, "Motion detected")

        const button = findChild(overlay, "acknowledgeButton")
        verify(button.height >= Theme.touchTarget)
        mouseClick(button)
        verify(!overlay.visible)
        verify(!connection.alert.active)
    }

    function test_delegatesRenderEveryType_data() {
        return [
            { tag: "motion", type: "motion_detected", icon: "motion", title: "Motion detected" },
            { tag: "pressure", type: "button_pressed", icon: "button", title: "Pressure detected" },
            { tag: "online", type: "sensor_online", icon: "online", title: "Sensor online" },
            { tag: "offline", type: "sensor_offline", icon: "offline", title: "Sensor offline" },
            { tag: "other", type: "door_opened", icon: "event", title: "door_opened" },
        ]
    }

    function test_delegatesRenderEveryType(data) {
        const page = createPage()
        hello(page.connection, "active", [storedEvent(1, data.type, data.type === "motion_detected")])
        const list = findChild(page, "eventList")
        tryCompare(list, "count", 1)
        let delegate = null
        tryVerify(() => (delegate = list.itemAtIndex(0)) !== null)
        compare(findChild(delegate, "eventTitle").text, data.title)
        compare(findChild(delegate, "eventIcon").iconName, data.icon)
        compare(findChild(delegate, "eventTime").text, "just now")
        verify(delegate.height >= Theme.touchTarget)
        verify(delegate.width > 0)
    }

    function test_bannerSaysWhyThereIsNoLiveFeed() {
        const page = createPage()
        const banner = findChild(page, "connectionBanner")
        verify(banner.visible, "not connected yet")
        compare(findChild(banner, "bannerText").text, "Not connected")
    }

    function test_aNarrowWindowStacksTheColumns() {
        const page = createTemporaryObject(narrowPageComponent, root)
        hello(page.connection, "active", [storedEvent(1, "motion_detected", false)])
        verify(!page.wide)
        const modeSwitch = findChild(page, "modeSwitch")
        const list = findChild(page, "eventList")
        tryVerify(() => list.height > Theme.rowHeight)
        compare(modeSwitch.width, list.width + 8) // the list sits inside a 4 px margin
        verify(list.mapToItem(page, 0, 0).y > modeSwitch.mapToItem(page, 0, 0).y)
        verify(modeSwitch.height >= Theme.touchTarget)
    }

    function test_nightDimmingDarkensAndComesBack() {
        const page = createPage()
        const button = findChild(page, "nightButton")
        verify(button.width >= 48 && button.height >= 48)
        verify(!Theme.night)
        mouseClick(button)
        verify(Theme.night)
        mouseClick(button)
        verify(!Theme.night)
    }
}
