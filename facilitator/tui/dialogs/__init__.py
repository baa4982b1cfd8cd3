"""Modal dialogs: forms, confirmations, exports."""
