import QtQuick
import QtQuick.Layouts
import Vigil.Dashboard

// One sensor: a status dot, its name (the one given on the server, else its device_id), when
// it was last heard of and its alarm role.
Item {
    id: root

    required property string deviceId
    required property string source
    required property string status
    required property string lastSeenText
    required property string name
    required property string sensorRoleText

    readonly property color stateColor: root.status === "online" ? Theme.online
                                      : root.status === "offline" ? Theme.offline : Theme.unknown
    readonly property string stateText: root.status === "online" ? qsTr("online")
                                      : root.status === "offline" ? qsTr("offline") : qsTr("unknown")

    implicitHeight: Theme.touchTarget

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.padding
        anchors.rightMargin: Theme.padding
        spacing: Theme.padding

        Rectangle {
            objectName: "stateDot"
            implicitWidth: 14
            implicitHeight: 14
            radius: 7
            color: root.stateColor
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 0

            Text {
                textFormat: Text.PlainText
                text: root.name.length > 0 ? root.name
                    : root.source.length > 0 ? root.deviceId + " · " + root.source : root.deviceId
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall + 1
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Text {
                textFormat: Text.PlainText
                text: root.stateText
                      + (root.lastSeenText.length > 0 ? " · " + root.lastSeenText : "")
                      + (root.sensorRoleText.length > 0 ? " · " + root.sensorRoleText : "")
                color: root.status === "offline" ? Theme.offline : Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
    }
}
