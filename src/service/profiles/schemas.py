import marshmallow as ma


class ProfileSchema(ma.Schema):
    username = ma.fields.String(required=True, metadata={"description": "The user's public name."})
    bio = ma.fields.String(required=True, metadata={"description": "A few words about the user; empty when not set."})
    image = ma.fields.String(required=True, metadata={"description": "The avatar's URL; empty when not set."})
    following = ma.fields.Boolean(
        required=True,
        metadata={"description": "Whether the signed-in reader follows this user (false when anonymous)."},
    )


class ProfileResponse(ma.Schema):
    profile = ma.fields.Nested(ProfileSchema, required=True, metadata={"description": "The profile."})
