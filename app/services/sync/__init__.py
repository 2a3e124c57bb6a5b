"""Sync between field laptops and the analyst: study packages down, field bundles up, receipts back.

Exchanges are files (USB stick, e-mail, shared folder); no server. See DESIGN.md, "Sync model".
"""
