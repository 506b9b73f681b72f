"""The only code the services share: topic names, event types, codec, broker and logging helpers."""
