"""Documents: PDF, HTML, Markdown, iCalendar, CSV. Handed data, never querying."""
