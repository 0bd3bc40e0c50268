import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Dashboard

// The touch keypad for a code: opened by the page for an action that needs one (openFor), it
// sends the action with the digits typed and closes once the server took it. A refusal (wrong
// code, locked out) stays on it, from the AlarmControl. The code lives here only while typed:
// it is sent, never kept, and cleared on every close.
Popup {
    id: root

    required property AlarmControl alarm

    property string action: ""
    property string code: ""

    readonly property bool wideLayout: root.parent !== null && root.parent.width >= 520
    readonly property bool busy: root.alarm.status === AlarmControl.Busy
    readonly property int keyWidth: 72

    function openFor(action) {
        root.action = action
        root.code = ""
        root.open()
    }

    function press(digit) {
        if (root.code.length < root.alarm.maxCodeLength)
            root.code += digit
    }

    function submit() {
        if (root.code.length < root.alarm.minCodeLength)
            return
        root.alarm.request(root.action, root.code)
        root.code = ""
    }

    parent: Overlay.overlay
    anchors.centerIn: Overlay.overlay
    modal: true
    focus: true
    padding: Theme.padding
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    onClosed: root.code = ""

    Connections {
        target: root.alarm
        function onSucceeded(action) {
            if (action === root.action)
                root.close()
        }
        // Someone else did it (another screen, the web page): nothing left to type for.
        function onAlarmChanged() {
            if (root.opened && !root.alarm.offers(root.action))
                root.close()
        }
    }

    background: Rectangle {
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border
        border.width: 2
    }

    contentItem: GridLayout {
        columns: root.wideLayout ? 2 : 1
        columnSpacing: Theme.padding * 2
        rowSpacing: Theme.padding

        ColumnLayout {
            spacing: Theme.spacing
            Layout.preferredWidth: 220
            Layout.fillHeight: true

            Text {
                objectName: "keypadTitle"
                textFormat: Text.PlainText
                text: root.alarm.actionText(root.action)
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTitle
                font.bold: true
                Layout.fillWidth: true
            }
            Text {
                textFormat: Text.PlainText
                visible: root.alarm.counting
                text: root.alarm.countdownText
                color: root.alarm.alarming ? Theme.alert : Theme.warning
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontHuge
                font.bold: true
                Layout.fillWidth: true
            }
            Text {
                objectName: "keypadCode"
                textFormat: Text.PlainText
                text: root.code.length > 0 ? "\u2022".repeat(root.code.length)
                                           : qsTr("Enter your code")
                color: root.code.length > 0 ? Theme.text : Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: root.code.length > 0 ? Theme.fontLarge : Theme.fontBody
                font.letterSpacing: root.code.length > 0 ? 4 : 0
                elide: Text.ElideLeft
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.fontLarge + 8
            }
            Text {
                objectName: "keypadError"
                textFormat: Text.PlainText
                visible: root.alarm.status === AlarmControl.Failed
                text: root.alarm.errorString
                color: Theme.alert
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Item {
                Layout.fillHeight: true
            }
            TouchButton {
                objectName: "keypadCancel"
                text: qsTr("Cancel")
                tint: Theme.border
                Layout.fillWidth: true
                onClicked: root.close()
            }
        }

        GridLayout {
            columns: 3
            columnSpacing: Theme.spacing
            rowSpacing: Theme.spacing

            TouchButton {
                objectName: "key_1"
                text: "1"
                textSize: Theme.fontTitle
                implicitWidth: root.keyWidth
                enabled: !root.busy
                onClicked: root.press("1")
            }
            TouchButton {
                objectName: "key_2"
                text: "2"
                textSize: Theme.fontTitle
                implicitWidth: root.keyWidth
                enabled: !root.busy
                onClicked: root.press("2")
            }
            TouchButton {
                objectName: "key_3"
                text: "3"
                textSize: Theme.fontTitle
                implicitWidth: root.keyWidth
                enabled: !root.busy
                onClicked: root.press("3")
            }
            TouchButton {
                objectName: "key_4"
                text: "4"
                textSize: Theme.fontTitle
                implicitWidth: root.keyWidth
                enabled: !root.busy
                onClicked: root.press("4")
            }
            TouchButton {
                objectName: "key_5"
                text: "5"
                textSize: Theme.fontTitle
                implicitWidth: root.keyWidth
                enabled: !root.busy
                onClicked: root.press("5")
            }
            TouchButton {
                objectName: "key_6"
                text: "6"
                textSize: Theme.fontTitle
                implicitWidth: root.keyWidth
                enabled: !root.busy
                onClicked: root.press("6")
            }
            TouchButton {
                objectName: "key_7"
                text: "7"
                textSize: Theme.fontTitle
                implicitWidth: root.keyWidth
                enabled: !root.busy
                onClicked: root.press("7")
            }
            TouchButton {
                objectName: "key_8"
                text: "8"
                textSize: Theme.fontTitle
                implicitWidth: root.keyWidth
                enabled: !root.busy
                onClicked: root.press("8")
            }
            TouchButton {
                objectName: "key_9"
                text: "9"
                textSize: Theme.fontTitle
                implicitWidth: root.keyWidth
                enabled: !root.busy
                onClicked: root.press("9")
            }
            TouchButton {
                objectName: "key_back"
                text: "\u232B"
                Accessible.name: qsTr("Delete the last digit")
                textSize: Theme.fontTitle
                implicitWidth: root.keyWidth
                enabled: root.code.length > 0
                onClicked: root.code = root.code.slice(0, -1)
            }
            TouchButton {
                objectName: "key_0"
                text: "0"
                textSize: Theme.fontTitle
                implicitWidth: root.keyWidth
                enabled: !root.busy
                onClicked: root.press("0")
            }
            TouchButton {
                objectName: "key_ok"
                text: qsTr("OK")
                tint: Theme.active
                primary: true
                textSize: Theme.fontTitle
                implicitWidth: root.keyWidth
                enabled: root.code.length >= root.alarm.minCodeLength && !root.busy
                onClicked: root.submit()
            }
        }
    }
}
