from datetime import timedelta

# Outbox retry schedule: 1 min, 2, 4, 8 ... capped at 6 hours.
OUTBOX_FIRST_RETRY_DELAY = timedelta(minutes=1)
OUTBOX_MAX_RETRY_DELAY = timedelta(hours=6)
