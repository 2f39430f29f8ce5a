#!/usr/bin/python3
"""check_pyical.py -- reads .ics files with python-icalendar, independently
of the libical-based writer, and checks what every planner calendar must
satisfy.

Usage: /usr/bin/python3 check_pyical.py PATH...
Each PATH is a file (checked whatever its name) or a directory searched
recursively for *.ics. Prints one line per file, "ok PATH: N events" or
"FAIL PATH: reason", and exits 1 when any file fails or when no file was
found at all (a checker that checks nothing must not pass).

Written for Debian 12's python3-icalendar 4.0.3 (run with /usr/bin/python3).
That version is lenient: it collects bad lines in Component.errors instead of
raising, and ends a component on any END line whatever its name, so the
script checks both the collected errors and the BEGIN/END nesting itself.
"""

import datetime
import os
import re
import sys

try:
    import icalendar
except ImportError:  # pragma: no cover - depends on the host
    sys.stderr.write("check_pyical: python3-icalendar is not installed "
                     "(apt-get install python3-icalendar)\n")
    sys.exit(1)


class Bad(Exception):
    """One reason a file fails."""


def find_files(paths):
    """The files to check, in a stable order; missing paths are errors."""
    files, missing = [], []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs.sort()
                files.extend(os.path.join(root, n) for n in sorted(names)
                             if n.lower().endswith(".ics"))
        elif os.path.isfile(path):
            files.append(path)
        else:
            missing.append(path)
    return files, missing


def check_format(raw):
    """RFC 5545 3.1 as the planner writes it: UTF-8, CRLF line ends, lines
    of at most 75 octets, each line valid UTF-8 on its own (no character
    split by a fold), and matching BEGIN/END pairs."""
    if not raw:
        raise Bad("empty file")
    if not raw.endswith(b"\r\n"):
        raise Bad("last line does not end with CRLF")
    lines = raw[:-2].split(b"\r\n")
    logical = []
    for no, line in enumerate(lines, 1):
        if b"\r" in line or b"\n" in line:
            raise Bad("line %d: bare CR or LF" % no)
        if len(line) > 75:
            raise Bad("line %d: %d octets, more than 75" % (no, len(line)))
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            raise Bad("line %d: not valid UTF-8 (or a fold splits a "
                      "character)" % no)
        if line[:1] in (b" ", b"\t"):
            if not logical:
                raise Bad("line %d: continuation without a line" % no)
            logical[-1] = (logical[-1][0], logical[-1][1] + line[1:])
        else:
            logical.append((no, line))
    stack, tops = [], 0
    for no, line in logical:
        m = re.match(rb"(BEGIN|END):(.*)$", line, re.IGNORECASE)
        if not m:
            continue
        name = m.group(2).strip().upper()
        if m.group(1).upper() == b"BEGIN":
            if not stack:
                tops += 1
            stack.append(name)
        elif not stack:
            raise Bad("line %d: END:%s without BEGIN" % (no, name.decode()))
        elif stack[-1] != name:
            raise Bad("line %d: END:%s closes BEGIN:%s"
                      % (no, name.decode(), stack[-1].decode()))
        else:
            stack.pop()
    if stack:
        raise Bad("BEGIN:%s is never ended" % stack[-1].decode())
    if tops != 1:
        raise Bad("%d top-level components, expected 1" % tops)


def as_datetime(value):
    """A date or datetime as a naive datetime, for ordering two of them."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc)
        return value.replace(tzinfo=None)
    return datetime.datetime(value.year, value.month, value.day)


def decoded(comp, name, where):
    try:
        return comp.decoded(name)
    except Exception as e:  # the library raises several types here
        raise Bad("%s: %s cannot be decoded: %s" % (where, name, e))


def check_calendar(cal):
    """Returns the number of events."""
    if cal.name != "VCALENDAR":
        raise Bad("top component is %s, not VCALENDAR" % cal.name)
    for comp in cal.walk():
        if comp.errors:
            raise Bad("%s: %s" % (comp.name, comp.errors[0]))
    if str(cal.get("VERSION", "")) != "2.0":
        raise Bad("VERSION is not 2.0")
    if not str(cal.get("PRODID", "")):
        raise Bad("no PRODID")
    uids = set()
    events = cal.walk("VEVENT")
    for n, ev in enumerate(events, 1):
        where = "event %d" % n
        for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if name not in ev:
                raise Bad("%s: no %s" % (where, name))
            if isinstance(ev.get(name), list):
                raise Bad("%s: more than one %s" % (where, name))
        uid = str(ev["UID"])
        where = "event '%s'" % uid
        if uid in uids:
            raise Bad("duplicate UID '%s'" % uid)
        uids.add(uid)
        decoded(ev, "DTSTAMP", where)
        start = decoded(ev, "DTSTART", where)
        if "DTEND" in ev:
            end = decoded(ev, "DTEND", where)
            if as_datetime(end) <= as_datetime(start):
                raise Bad("%s: DTEND %s is not after DTSTART %s"
                          % (where, end, start))
        for alarm in ev.walk("VALARM"):
            for name in ("ACTION", "TRIGGER"):
                if name not in alarm:
                    raise Bad("%s: VALARM without %s" % (where, name))
            decoded(alarm, "TRIGGER", where)
            action = str(alarm["ACTION"]).upper()
            if action == "DISPLAY" and "DESCRIPTION" not in alarm:
                raise Bad("%s: DISPLAY VALARM without DESCRIPTION" % where)
    return len(events)


def check_file(path):
    with open(path, "rb") as f:
        raw = f.read()
    check_format(raw)
    try:
        cal = icalendar.Calendar.from_ical(raw)
    except Exception as e:
        # Its messages may end with the whole input; keep the reason.
        reason = str(e).split(": b'")[0].split(': \'BEGIN')[0]
        raise Bad("python-icalendar cannot parse it: %s" % reason[:200])
    return check_calendar(cal)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: check_pyical.py PATH...\n")
        return 1
    files, missing = find_files(argv[1:])
    failed = False
    for path in missing:
        print("FAIL %s: no such file or directory" % path)
        failed = True
    if not files:
        print("FAIL: no .ics file found under %s" % " ".join(argv[1:]))
        return 1
    for path in files:
        try:
            n = check_file(path)
        except Bad as e:
            print("FAIL %s: %s" % (path, e))
            failed = True
        except OSError as e:
            print("FAIL %s: %s" % (path, e))
            failed = True
        else:
            print("ok %s: %d events" % (path, n))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
