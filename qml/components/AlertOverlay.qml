import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Dashboard

// Full-screen alert: covers the dashboard while an alert is unacknowledged, pulses to be seen
// from across the room, and goes away only through its big acknowledge button.
Rectangle {
    id: root

    property AlertController alert: null

    readonly property bool shown: root.alert !== null && root.alert.active

    visible: root.shown
    color: Theme.alertBackground

    // Swallows every touch so nothing under the overlay is pressed by mistake.
    MouseArea {
        anchors.fill: parent
        acceptedButtons: Qt.AllButtons
        onWheel: (wheel) => wheel.accepted = true
    }

    SequentialAnimation on color {
        running: root.shown
        loops: Animation.Infinite
        ColorAnimation { to: Theme.alert; duration: 700 }
        ColorAnimation { to: Theme.alertBackground; duration: 700 }
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.padding, 640)
        spacing: Theme.padding

        Text {
            textFormat: Text.PlainText
            text: "\u26A0"
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontHuge * 2
            Layout.alignment: Qt.AlignHCenter
        }
        Text {
            objectName: "alertTitle"
            textFormat: Text.PlainText
            text: root.alert ? root.alert.title : ""
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontHuge
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        Text {
            textFormat: Text.PlainText
            text: {
                if (!root.alert)
                    return ""
                const place = root.alert.source.length > 0
                        ? root.alert.deviceId + " · " + root.alert.source : root.alert.deviceId
                return place + " · " + root.alert.receivedAt.toLocaleTimeString(Qt.locale(), Locale.ShortFormat)
            }
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontTitle
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        Text {
            textFormat: Text.PlainText
            visible: root.alert !== null && root.alert.pendingCount > 1
            text: root.alert ? qsTr("%n alerts since the last acknowledgement", "", root.alert.pendingCount) : ""
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }

        Button {
            id: acknowledgeButton
            objectName: "acknowledgeButton"
            text: qsTr("Acknowledge")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            font.bold: true
            Layout.alignment: Qt.AlignHCenter
            Layout.topMargin: Theme.padding
            Layout.preferredWidth: Math.min(root.width - 2 * Theme.padding, 360)
            Layout.preferredHeight: Theme.touchTarget * 1.5
            onClicked: root.alert.acknowledge()

            background: Rectangle {
                radius: Theme.radius
                color: acknowledgeButton.pressed ? Theme.surfaceRaised : Theme.text
            }
            contentItem: Text {
                textFormat: Text.PlainText
                text: acknowledgeButton.text
                font: acknowledgeButton.font
                color: Theme.alertBackground
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
        }
    }
}
