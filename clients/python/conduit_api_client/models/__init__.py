""" Contains all the data models used in inputs/outputs """

from .action_fields import ActionFields
from .action_request import ActionRequest
from .article import Article
from .article_response import ArticleResponse
from .article_summary import ArticleSummary
from .articles_response import ArticlesResponse
from .audit_entry import AuditEntry
from .audit_response import AuditResponse
from .audit_target import AuditTarget
from .avatar_upload import AvatarUpload
from .comment import Comment
from .comment_response import CommentResponse
from .comments_response import CommentsResponse
from .generic_error_model import GenericErrorModel
from .generic_error_model_errors import GenericErrorModelErrors
from .get_moderation_audit_action import GetModerationAuditAction
from .health import Health
from .login_request import LoginRequest
from .login_user import LoginUser
from .moderated_item import ModeratedItem
from .moderated_item_response import ModeratedItemResponse
from .new_article import NewArticle
from .new_article_request import NewArticleRequest
from .new_comment import NewComment
from .new_comment_request import NewCommentRequest
from .new_password import NewPassword
from .new_report import NewReport
from .new_report_reason import NewReportReason
from .new_report_request import NewReportRequest
from .new_user import NewUser
from .new_user_request import NewUserRequest
from .password_reset_confirmation import PasswordResetConfirmation
from .password_reset_request import PasswordResetRequest
from .profile import Profile
from .profile_response import ProfileResponse
from .queue_item import QueueItem
from .queue_item_reasons import QueueItemReasons
from .queue_response import QueueResponse
from .queued_report import QueuedReport
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .report import Report
from .report_response import ReportResponse
from .reset_for import ResetFor
from .resolved_report import ResolvedReport
from .resolved_report_response import ResolvedReportResponse
from .role_request import RoleRequest
from .role_request_role import RoleRequestRole
from .staff_user_response import StaffUserResponse
from .staff_user_view import StaffUserView
from .suspension_fields import SuspensionFields
from .suspension_request import SuspensionRequest
from .tags_response import TagsResponse
from .update_article import UpdateArticle
from .update_article_request import UpdateArticleRequest
from .update_user import UpdateUser
from .update_user_request import UpdateUserRequest
from .user import User
from .user_response import UserResponse

__all__ = (
    "ActionFields",
    "ActionRequest",
    "Article",
    "ArticleResponse",
    "ArticlesResponse",
    "ArticleSummary",
    "AuditEntry",
    "AuditResponse",
    "AuditTarget",
    "AvatarUpload",
    "Comment",
    "CommentResponse",
    "CommentsResponse",
    "GenericErrorModel",
    "GenericErrorModelErrors",
    "GetModerationAuditAction",
    "Health",
    "LoginRequest",
    "LoginUser",
    "ModeratedItem",
    "ModeratedItemResponse",
    "NewArticle",
    "NewArticleRequest",
    "NewComment",
    "NewCommentRequest",
    "NewPassword",
    "NewReport",
    "NewReportReason",
    "NewReportRequest",
    "NewUser",
    "NewUserRequest",
    "PasswordResetConfirmation",
    "PasswordResetRequest",
    "Profile",
    "ProfileResponse",
    "QueuedReport",
    "QueueItem",
    "QueueItemReasons",
    "QueueResponse",
    "Readiness",
    "ReadinessChecks",
    "Report",
    "ReportResponse",
    "ResetFor",
    "ResolvedReport",
    "ResolvedReportResponse",
    "RoleRequest",
    "RoleRequestRole",
    "StaffUserResponse",
    "StaffUserView",
    "SuspensionFields",
    "SuspensionRequest",
    "TagsResponse",
    "UpdateArticle",
    "UpdateArticleRequest",
    "UpdateUser",
    "UpdateUserRequest",
    "User",
    "UserResponse",
)
