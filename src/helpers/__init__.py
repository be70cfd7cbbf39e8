"""Tested calculations behind the notebooks of 'grip op het sociaal domein'."""
