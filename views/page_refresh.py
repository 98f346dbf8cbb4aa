"""Pages that are not on screen do not follow every change as it happens: they note that they are behind and
read the store once when they are shown again. One field edit then costs the queries of the page in view."""


class RefreshWhenShown:
    """Mixin for a page (put it before the Qt base class). ``behind()`` says whether to skip a change now;
    ``catch_up()`` is called once when the page is shown after skipping."""

    _behind = False

    def behind(self) -> bool:
        """True (and the page remembers to catch up) if the page is hidden."""
        if self.isVisible():
            return False
        self._behind = True
        return True

    def catch_up(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._behind:
            self._behind = False
            self.catch_up()
