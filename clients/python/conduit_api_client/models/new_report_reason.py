from enum import StrEnum

class NewReportReason(StrEnum):
    ABUSE = "abuse"
    OFF_TOPIC = "off-topic"
    OTHER = "other"
    SPAM = "spam"

    def __str__(self) -> str:
        return str(self.value)
