"""Business errors of badge applications. Each carries a French message the views show as is."""

from django.utils.translation import gettext as _


class ApplicationError(Exception):
    """Base class: `message` is user-facing French text."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransitionNotAllowed(ApplicationError):
    def __init__(self, *, current, target):
        from blason.applications.enums import ApplicationStatus

        self.current = current
        self.target = target
        super().__init__(
            _("Cette action n’est pas possible : la demande est « %(status)s ».")
            % {"status": ApplicationStatus(current).label}
        )


class MissingStatements(ApplicationError):
    def __init__(self, *, criteria, required_count=None):
        self.criteria = list(criteria)
        if required_count is not None:
            message = _("Rédigez au moins %(count)s déclarations de critères avant de déposer la demande.") % {
                "count": required_count
            }
        else:
            message = _("Chaque critère exigé doit avoir une déclaration. Manquant : %(names)s") % {
                "names": " ; ".join(str(c) for c in self.criteria)
            }
        super().__init__(message)


class EvidenceRejected(ApplicationError):
    pass


class ReviewerNotEligible(ApplicationError):
    pass


class DecisionNotAllowed(ApplicationError):
    pass


class NotReviewable(ApplicationError):
    pass
