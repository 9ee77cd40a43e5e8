"""Widgets of the episode screen's views; each shows what it is given and posts messages up."""
