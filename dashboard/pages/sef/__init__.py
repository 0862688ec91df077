"""The self-evaluation: the LA's editor, the reader for Ofsted, its versions and its
change history."""
