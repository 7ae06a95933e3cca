"""Events of accounts that the apps above react to (they connect in their AppConfig.ready)."""

from django.dispatch import Signal

# Sent by account_delete inside its transaction, before the user row is deleted, with
# user= and traces= (the name and addresses being erased). Receivers end what the person
# has in their app (a council seat) and forget traces accounts cannot see.
account_deleting = Signal()
