from twinning.practices.models.practice import (
    Practice,
    PracticeAttachment,
    PracticeResult,
)

__all__ = ["Practice", "PracticeAttachment", "PracticeResult"]
