// Placeholder until the MQTT engineer lands the real one.
