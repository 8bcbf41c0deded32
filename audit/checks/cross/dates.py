"""placeholder"""

def date_rows(ctx, story, start=1):
    return []
