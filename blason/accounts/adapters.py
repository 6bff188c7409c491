from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is by invitation only: organisations create their members' accounts."""

    def is_open_for_signup(self, request):
        return False
