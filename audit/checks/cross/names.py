"""placeholder"""

def names_table(ctx, story):
    return []
