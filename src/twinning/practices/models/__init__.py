from twinning.practices.models.practice import (
    Practice,
    PracticeAttachment,
    PracticeResult,
)
from twinning.practices.models.theme import Theme

__all__ = ["Practice", "PracticeAttachment", "PracticeResult", "Theme"]
