from twinning.cities.models.ambition import Ambition
from twinning.cities.models.city import City, PartnerProject
from twinning.cities.models.invitation import Invitation
from twinning.cities.models.membership import Membership, Registration

__all__ = ["Ambition", "City", "Invitation", "Membership", "PartnerProject", "Registration"]
