"""Gösterge: monitoring of development plans (shared core: settings, plan model, progress engine)."""

PRODUCT_NAME = "Gösterge"
