"""The learning center: courses for newcomers, in every language the community speaks."""
