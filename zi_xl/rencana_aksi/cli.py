"""CLI for rencana aksi. (placeholder: being built for issue 3)"""


def register(sub) -> None:
    return None
