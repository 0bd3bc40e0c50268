import QtQuick
import QtQuick.Controls
import Vigil.Dashboard

// The window: the dashboard page, the alert overlay above it and the night dimmer above all.
// main() passes the connection in; QML only shows what it holds.
ApplicationWindow {
    id: root

    required property ServerConnection connection

    width: 800
    height: 480
    minimumWidth: 320
    minimumHeight: 400
    visible: false
    title: qsTr("Vigil")
    color: Theme.background
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontBody

    DashboardPage {
        id: page
        anchors.fill: parent
        connection: root.connection
    }

    AlertOverlay {
        id: overlay
        anchors.fill: parent
        alert: root.connection.alert
    }

    NightDimmer {
        anchors.fill: parent
    }
}
