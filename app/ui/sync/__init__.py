"""The Sync screens: this computer's identity, the analyst's side (packages out, bundles in,
conflicts, devices, quarantine) and the field laptop's side (bundles out, receipts in)."""
