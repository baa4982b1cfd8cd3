// Reads an .ics file on stdin with ical.js (Mozilla's parser, as Thunderbird uses) and prints
// every session starting in [from, to) as JSON: UTC start and end, and what a reader shows.
// Usage: node icaljs_expand.mjs 2026-01-01T00:00:00Z 2027-01-01T00:00:00Z < calendar.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [from, to] = process.argv.slice(2).map((text) => new Date(text));
const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}

const masters = new Map();
const overrides = [];
for (const component of calendar.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(component, { strictExceptions: true, exceptions: [] });
  if (event.isRecurrenceException()) overrides.push(event);
  else masters.set(event.uid, event);
}
for (const override of overrides) masters.get(override.uid).relateException(override);

function describe(event, start, end) {
  const text = (name) => event.component.getFirstPropertyValue(name) ?? "";
  return {
    uid: event.uid,
    start: start.toJSDate().toISOString(),
    end: end.toJSDate().toISOString(),
    summary: event.summary ?? "",
    status: text("status"),
    location: event.location ?? "",
    description: event.description ?? "",
    url: text("url"),
  };
}

const sessions = [];
for (const master of masters.values()) {
  const iterator = master.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    const details = master.getOccurrenceDetails(next);
    const start = details.startDate.toJSDate();
    if (start >= to && next.toJSDate() >= to) break;
    if (start >= from && start < to) {
      sessions.push(describe(details.item, details.startDate, details.endDate));
    }
    if (!master.isRecurring()) break;
  }
}
process.stdout.write(JSON.stringify(sessions));
