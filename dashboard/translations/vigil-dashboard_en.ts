<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AlertOverlay</name>
    <message numerus="yes">
        <source>%n alerts since the last acknowledgement</source>
        <translation>
            <numerusform>%n alert since the last acknowledgement</numerusform>
            <numerusform>%n alerts since the last acknowledgement</numerusform>
        </translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the access token. Check VIGIL_TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Server unreachable. Retrying in %n s.</source>
        <translation>
            <numerusform>Server unreachable. Retrying in %n s.</numerusform>
            <numerusform>Server unreachable. Retrying in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Server unreachable. Retrying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connection lost. Reconnecting in %n s.</source>
        <translation>
            <numerusform>Connection lost. Reconnecting in %n s.</numerusform>
            <numerusform>Connection lost. Reconnecting in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection lost. Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardEvent</name>
    <message>
        <source>Motion detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pressure detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensor online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensor offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Vigil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 sensors online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Night dimming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sensors yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No events yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the server…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceDelegate</name>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventDelegate</name>
    <message>
        <source>ALERT</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Vigil</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModeControl</name>
    <message>
        <source>Could not change the mode: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModeSwitch</name>
    <message>
        <source>Surveillance on; switch to active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active; switch to surveillance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surveillance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events are only logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detections raise an alert</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServerConnection</name>
    <message>
        <source>Could not fetch the missed events: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This does not look like a Vigil server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the live feed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
