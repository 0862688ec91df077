"""Services: what a user may ask of the product. Each checks access, then calls the domain
rules and storage. Pages and callbacks call these; these never import Dash."""
