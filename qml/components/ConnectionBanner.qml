import QtQuick
import QtQuick.Layouts
import Vigil.Dashboard

// A strip above the page whenever the live feed is not up, saying why and when the next try is.
Rectangle {
    id: root

    property int status: ServerConnection.Idle
    property int reconnectInSeconds: 0
    property string errorString: ""

    readonly property bool shown: root.status !== ServerConnection.Connected
    readonly property string message: {
        switch (root.status) {
        case ServerConnection.Idle:
            return qsTr("Not connected")
        case ServerConnection.Connecting:
            return qsTr("Connecting to the server…")
        case ServerConnection.TokenRejected:
            return qsTr("The server refused the access token. Check VIGIL_TOKEN.")
        case ServerConnection.Unreachable:
            return root.reconnectInSeconds > 0
                    ? qsTr("Server unreachable. Retrying in %n s.", "", root.reconnectInSeconds)
                    : qsTr("Server unreachable. Retrying…")
        case ServerConnection.Reconnecting:
            return root.reconnectInSeconds > 0
                    ? qsTr("Connection lost. Reconnecting in %n s.", "", root.reconnectInSeconds)
                    : qsTr("Connection lost. Reconnecting…")
        default:
            return ""
        }
    }

    implicitHeight: root.shown ? Math.max(Theme.touchTarget - 8, column.implicitHeight + Theme.spacing * 2) : 0
    visible: root.shown
    color: root.status === ServerConnection.TokenRejected ? Theme.alertBackground
         : root.status === ServerConnection.Connecting ? Theme.surfaceRaised : Theme.warningBackground

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.leftMargin: Theme.padding
        anchors.rightMargin: Theme.padding
        spacing: 0

        Text {
            objectName: "bannerText"
            textFormat: Text.PlainText
            text: root.message
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            font.bold: true
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        Text {
            textFormat: Text.PlainText
            visible: root.errorString.length > 0 && root.status !== ServerConnection.Connecting
            text: root.errorString
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
    }
}
