"""Events of councils that the apps above react to (they connect in their AppConfig.ready)."""

from django.dispatch import Signal

# Sent by membership_leave inside its transaction, with membership=, back_to_pool= and now=.
# The pool puts the person back in line when they asked for it.
membership_left = Signal()

# Sent inside the transaction of a leave or a landing, with council_id= and now=: a seat is
# free. Rounds offer it to the longest-waiting person in the pool who fits it.
seat_opened = Signal()
