from twinning.cities.models.city import City, PartnerProject
from twinning.cities.models.membership import Membership, Registration

__all__ = ["City", "Membership", "PartnerProject", "Registration"]
