"""Training pages: events."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
