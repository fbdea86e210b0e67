import marshmallow as ma


class TagsResponse(ma.Schema):
    tags = ma.fields.List(
        ma.fields.String(), required=True, metadata={"description": "The tags in use, most used first."}
    )
