"""Satisfaction-survey scoring (社会认可度); see shared design survey.md. Not yet implemented."""
