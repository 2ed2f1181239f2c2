"""Calendar feed: deadlines served as RFC 5545 iCalendar."""

from service.feed.ical import Alarm, CalendarEvent, escape_text, fold, render_calendar, stable_uid

__all__ = ["Alarm", "CalendarEvent", "escape_text", "fold", "render_calendar", "stable_uid"]
