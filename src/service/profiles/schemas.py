import marshmallow as ma


class ProfileSchema(ma.Schema):
    username = ma.fields.String(required=True)
    bio = ma.fields.String(required=True)
    image = ma.fields.String(required=True)
    following = ma.fields.Boolean(required=True)


class ProfileResponse(ma.Schema):
    profile = ma.fields.Nested(ProfileSchema, required=True)
