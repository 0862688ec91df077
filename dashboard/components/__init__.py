"""Builders every feature's pages share: alerts, form errors, tables, document links,
the page guard. Views only: they format what services return and never call one."""
