import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Dashboard

// The alarm at a glance: its state, the countdown of a running delay in large figures, why it
// went off, and the buttons of what can be done now. It never changes the state itself: it asks
// (actionRequested) and the page decides whether the keypad is needed first.
Rectangle {
    id: root

    required property AlarmControl alarm

    signal actionRequested(string action)

    readonly property string alarmState: root.alarm.state
    readonly property color tint: root.alarmState === "disarmed" ? Theme.active
                                : root.alarmState === "arming" || root.alarmState === "pending" ? Theme.warning
                                : root.alarmState === "triggered" ? Theme.alert
                                : root.alarmState.length > 0 ? Theme.surveillance : Theme.border
    readonly property bool busy: root.alarm.status === AlarmControl.Busy

    implicitWidth: 280
    implicitHeight: content.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: root.alarmState === "triggered" ? Theme.alertBackground : Theme.surface
    border.color: root.tint
    border.width: 3

    ColumnLayout {
        id: content
        anchors.fill: parent
        anchors.margins: Theme.padding
        spacing: Theme.spacing / 2

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true

            Text {
                objectName: "alarmState"
                textFormat: Text.PlainText
                text: root.alarm.stateText
                color: root.tint
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLarge
                font.bold: true
                fontSizeMode: Text.HorizontalFit
                minimumPixelSize: Theme.fontBody
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: root.busy
                visible: root.busy
                implicitWidth: Theme.fontLarge + 8
                implicitHeight: Theme.fontLarge + 8
            }
        }

        Text {
            objectName: "alarmCountdown"
            textFormat: Text.PlainText
            visible: root.alarm.counting
            text: root.alarm.countdownText
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontHuge
            font.bold: true
            Accessible.name: qsTr("%n seconds left", "", root.alarm.secondsLeft)
            Layout.fillWidth: true
        }

        Text {
            objectName: "alarmReason"
            textFormat: Text.PlainText
            text: root.alarm.reasonText
            color: root.alarmState === "triggered" ? Theme.text : Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
            Layout.fillWidth: true
        }

        Text {
            objectName: "alarmError"
            textFormat: Text.PlainText
            visible: root.alarm.status === AlarmControl.Failed
            text: root.alarm.errorString
            color: Theme.alert
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
            Layout.fillWidth: true
        }

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacing / 2

            TouchButton {
                objectName: "arm_awayButton"
                visible: root.alarm.canArm
                enabled: !root.busy
                text: root.alarm.actionText("arm_away")
                tint: Theme.surveillance
                primary: false
                textSize: Theme.fontSmall
                Layout.fillWidth: true
                Layout.preferredWidth: 1 // equal shares of the row
                onClicked: root.actionRequested("arm_away")
            }

            TouchButton {
                objectName: "arm_homeButton"
                visible: root.alarm.canArm
                enabled: !root.busy
                text: root.alarm.actionText("arm_home")
                tint: Theme.surveillance
                primary: false
                textSize: Theme.fontSmall
                Layout.fillWidth: true
                Layout.preferredWidth: 1 // equal shares of the row
                onClicked: root.actionRequested("arm_home")
            }

            TouchButton {
                objectName: "arm_nightButton"
                visible: root.alarm.canArm
                enabled: !root.busy
                text: root.alarm.actionText("arm_night")
                tint: Theme.surveillance
                primary: false
                textSize: Theme.fontSmall
                Layout.fillWidth: true
                Layout.preferredWidth: 1 // equal shares of the row
                onClicked: root.actionRequested("arm_night")
            }

            TouchButton {
                objectName: "disarmButton"
                visible: root.alarm.canDisarm
                enabled: !root.busy
                text: root.alarm.actionText("disarm")
                tint: Theme.active
                primary: root.alarm.alarming
                textSize: Theme.fontSmall
                Layout.fillWidth: true
                Layout.preferredWidth: 1 // equal shares of the row
                onClicked: root.actionRequested("disarm")
            }
        }
    }
}
