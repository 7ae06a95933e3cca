"""Events of the pool that the apps above react to (they connect in their AppConfig.ready)."""

from django.dispatch import Signal

# Sent inside the transaction that makes an entry wait (joining, coming back after a council,
# resuming after a pause), with entry=. Rounds try at once to seat the person in a council
# with a free seat (rounds/start.py queues that task once the transaction commits).
entry_waiting = Signal()
