"""One LA's page: its summary, links, inspectors' notes and inspection history."""
