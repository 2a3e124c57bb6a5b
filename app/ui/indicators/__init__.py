"""The indicator dashboard: every indicator's value for a wave and a territory, with its n."""

from app.ui.indicators.panel import IndicatorPanel, ScopeBar

__all__ = ["IndicatorPanel", "ScopeBar"]
