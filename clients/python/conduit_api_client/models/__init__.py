""" Contains all the data models used in inputs/outputs """

from .article import Article
from .article_response import ArticleResponse
from .article_summary import ArticleSummary
from .articles_response import ArticlesResponse
from .avatar_upload import AvatarUpload
from .comment import Comment
from .comment_response import CommentResponse
from .comments_response import CommentsResponse
from .generic_error_model import GenericErrorModel
from .generic_error_model_errors import GenericErrorModelErrors
from .health import Health
from .login_request import LoginRequest
from .login_user import LoginUser
from .new_article import NewArticle
from .new_article_request import NewArticleRequest
from .new_comment import NewComment
from .new_comment_request import NewCommentRequest
from .new_password import NewPassword
from .new_user import NewUser
from .new_user_request import NewUserRequest
from .password_reset_confirmation import PasswordResetConfirmation
from .password_reset_request import PasswordResetRequest
from .profile import Profile
from .profile_response import ProfileResponse
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .reset_for import ResetFor
from .tags_response import TagsResponse
from .update_article import UpdateArticle
from .update_article_request import UpdateArticleRequest
from .update_user import UpdateUser
from .update_user_request import UpdateUserRequest
from .user import User
from .user_response import UserResponse

__all__ = (
    "Article",
    "ArticleResponse",
    "ArticlesResponse",
    "ArticleSummary",
    "AvatarUpload",
    "Comment",
    "CommentResponse",
    "CommentsResponse",
    "GenericErrorModel",
    "GenericErrorModelErrors",
    "Health",
    "LoginRequest",
    "LoginUser",
    "NewArticle",
    "NewArticleRequest",
    "NewComment",
    "NewCommentRequest",
    "NewPassword",
    "NewUser",
    "NewUserRequest",
    "PasswordResetConfirmation",
    "PasswordResetRequest",
    "Profile",
    "ProfileResponse",
    "Readiness",
    "ReadinessChecks",
    "ResetFor",
    "TagsResponse",
    "UpdateArticle",
    "UpdateArticleRequest",
    "UpdateUser",
    "UpdateUserRequest",
    "User",
    "UserResponse",
)
