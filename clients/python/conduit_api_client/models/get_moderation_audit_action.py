from enum import StrEnum

class GetModerationAuditAction(StrEnum):
    DISMISS = "dismiss"
    HIDE = "hide"
    REINSTATE = "reinstate"
    RESTORE = "restore"
    SET_ROLE = "set-role"
    SIGN_IN = "sign-in"
    SIGN_OUT = "sign-out"
    SUSPEND = "suspend"

    def __str__(self) -> str:
        return str(self.value)
