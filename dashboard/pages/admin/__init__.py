"""The administrators' pages: accounts, the audit trail and requests to remove a shared
SEF version's words."""
