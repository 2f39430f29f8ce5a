#!/usr/bin/python3
"""roundtrip.py -- do our .ics files survive a real CalDAV server?

Usage:
  roundtrip.py [-v] FILE.ics...          each file into its own collection
  roundtrip.py [-v] --update BASE NEW    NEW published over BASE

Starts a private Radicale server (python3-radicale) on 127.0.0.1 with a free
port, no authentication and its storage in a fresh temporary directory, and
talks to it as a CalDAV client would, with the standard library only:

  1. MKCALENDAR a new collection /user/cal-N/;
  2. split the file into one calendar object resource per UID (RFC 4791
     4.1): the calendar-level properties, every VTIMEZONE of the file and
     all components with that UID, PUT to <collection>/<sha1(UID)>.ics
     with If-None-Match: * (METHOD is left out: RFC 4791 4.1 forbids it in
     stored resources); the bytes of the components are our own (folding,
     escapes, line ends untouched), only regrouped;
  3. read everything back with a calendar-query REPORT (Depth: 1) per
     component type, and list the collection with PROPFIND;
  4. compare, with python-icalendar, what went in with what came back:
     the same components (by type, UID and RECURRENCE-ID; none lost, none
     duplicated), each with the same decoded properties (all of them) and
     the same VALARMs, the VTIMEZONEs they use, and one resource per UID
     under the expected name.

--update BASE NEW PUTs BASE, then NEW into the same collection (same
resource names, since they derive from UIDs; If-Match the ETag BASE got for
UIDs in both) and checks that the collection then holds NEW's components,
updated in place (with a new ETag where they changed), plus the UIDs only in
BASE, untouched ("kept from base"), one resource per UID of the union.

Prints one line per file, "ok FILE: N components round-tripped" or
"FAIL FILE: <first differences>", and exits 1 on any failure, when no file is
given, or when a file has no component (a checker that checks nothing must
not pass). -v lists every difference on stderr.

Written for Debian 12 (python3-icalendar 4.0.3, python3-radicale 3.1.8);
run it with /usr/bin/python3.
"""

import argparse
import ctypes
import hashlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET
from datetime import date, datetime, time as dtime, timedelta

try:
    import icalendar
    from icalendar.prop import vDDDLists, vRecur
except ImportError as e:  # pragma: no cover - depends on the host
    sys.stderr.write("roundtrip: needs python3-icalendar 4.x "
                     "(apt-get install python3-icalendar): %s\n" % e)
    sys.exit(1)

PYTHON = "/usr/bin/python3"     # the interpreter python3-radicale is for
START_TIMEOUT = 15.0            # seconds for Radicale to answer
STOP_TIMEOUT = 5.0              # seconds for it to exit after SIGTERM
HTTP_TIMEOUT = 60.0
SHOWN = 3                       # differences shown on the FAIL line

# Properties left out of the comparison. None: Radicale keeps every property
# as sent (DTSTAMP included, which also proves an unchanged event was really
# replaced by --update); a server that maintains DTSTAMP, CREATED or
# LAST-MODIFIED itself would need them here.
IGNORED = frozenset()

DAV = "DAV:"
CALDAV = "urn:ietf:params:xml:ns:caldav"


class Fatal(Exception):
    """A failure that ends the check of one file."""


# ---------------------------------------------------------------------------
# Radicale


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent(parent):
    """Child side of fork: get SIGTERM when this script dies, even by
    SIGKILL (Linux PR_SET_PDEATHSIG), so no server outlives the check."""
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:   # not Linux/glibc: the finally clause still applies
        pass
    if os.getppid() != parent:
        os._exit(1)


class Radicale:
    """A throw-away Radicale server; always call stop() (in a finally)."""

    def __init__(self):
        self.proc = None
        self.port = None
        self.tmp = None
        self.errpath = None

    def command(self, port):
        return [PYTHON, "-m", "radicale",
                # Empty: no /etc/radicale/config, ~/.config/radicale/config
                # nor $RADICALE_CONFIG.
                "--config", "",
                "--hosts", "127.0.0.1:%d" % port,
                "--auth-type", "none",
                # No rights type allows everything as such; with auth "none"
                # every request counts as authenticated, and "authenticated"
                # then grants read/write on /user/ and /user/cal-N/.
                "--rights-type", "authenticated",
                "--storage-filesystem-folder",
                os.path.join(self.tmp, "collections"),
                "--web-type", "none",
                "--logging-level", "warning"]

    def start(self):
        # Radicale fsyncs every write and has no public switch for it; on a
        # tmpfs that costs nothing (2.5x faster here), so prefer /dev/shm.
        shm = "/dev/shm"
        where = shm if os.path.isdir(shm) and os.access(shm, os.W_OK) \
            else None
        self.tmp = tempfile.mkdtemp(prefix="caldav-roundtrip-", dir=where)
        self.errpath = os.path.join(self.tmp, "radicale.stderr")
        for _attempt in range(5):
            self.port = free_port()
            with open(self.errpath, "wb") as err:
                parent = os.getpid()
                self.proc = subprocess.Popen(
                    self.command(self.port), stdin=subprocess.DEVNULL,
                    stdout=err, stderr=subprocess.STDOUT, cwd=self.tmp,
                    preexec_fn=lambda: _die_with_parent(parent))
            deadline = time.monotonic() + START_TIMEOUT
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    break
                conn = http.client.HTTPConnection("127.0.0.1", self.port,
                                                  timeout=2)
                try:
                    conn.request("OPTIONS", "/")
                    conn.getresponse().read()
                    return
                except (OSError, http.client.HTTPException):
                    time.sleep(0.05)
                finally:
                    conn.close()
            status = self.proc.poll()
            log = self.stderr()
            if status is not None and "in use" in log:
                continue            # lost the port to someone else: retry
            self.stop_server()
            raise Fatal("Radicale did not come up on 127.0.0.1:%d (%s); "
                        "its output:\n%s"
                        % (self.port,
                           "no answer within %g s, stopped" % START_TIMEOUT
                           if status is None
                           else "exited with status %d" % status,
                           log.rstrip() or "(none)"))
        raise Fatal("Radicale could not bind a free port:\n" + self.stderr())

    def stderr(self):
        try:
            with open(self.errpath, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def warnings_about(self, path):
        """Radicale's last warning naming path (why it refused a request);
        its log is the only place that says."""
        msgs = [m for m in re.findall(r"\[(?:WARNING|ERROR|CRITICAL)\] "
                                      r"([^\n]*)", self.stderr())
                if path in m]
        return msgs[-1] if msgs else ""

    def stop_server(self):
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def stop(self):
        try:
            self.stop_server()
        finally:
            if self.tmp:
                shutil.rmtree(self.tmp, ignore_errors=True)
                self.tmp = None


# ---------------------------------------------------------------------------
# CalDAV client


class Client:
    def __init__(self, server):
        self.server = server

    def request(self, method, path, body=b"", headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port,
                                          timeout=HTTP_TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, resp.reason, resp.read()
        finally:
            conn.close()

    def refused(self, method, path, status, reason, data):
        why = self.server.warnings_about(path)
        text = data.decode("utf-8", "replace").strip()
        return "%s %s: %d %s%s" % (method, path, status, reason,
                                   " (%s)" % (why or text)[:200]
                                   if why or text else "")

    def xml(self, method, path, body, depth):
        status, reason, data = self.request(
            method, path, body.encode("utf-8"),
            {"Depth": depth, "Content-Type": "application/xml; charset=utf-8"})
        if status != 207:
            raise Fatal(self.refused(method, path, status, reason, data))
        try:
            return ET.fromstring(data)
        except ET.ParseError as e:
            raise Fatal("%s %s: bad multistatus XML: %s" % (method, path, e))

    def mkcol(self, path):
        status, reason, data = self.request("MKCOL", path)
        if status not in (201, 405):        # 405: exists already
            raise Fatal(self.refused("MKCOL", path, status, reason, data))

    def mkcalendar(self, path, name):
        body = ('<?xml version="1.0" encoding="utf-8"?>'
                '<C:mkcalendar xmlns:D="DAV:" xmlns:C="%s"><D:set><D:prop>'
                '<D:displayname>%s</D:displayname>'
                '<C:supported-calendar-component-set>'
                '<C:comp name="VEVENT"/><C:comp name="VTODO"/>'
                '</C:supported-calendar-component-set>'
                '</D:prop></D:set></C:mkcalendar>'
                % (CALDAV, xml_escape(name)))
        status, reason, data = self.request(
            "MKCALENDAR", path, body.encode("utf-8"),
            {"Content-Type": "application/xml; charset=utf-8"})
        if status != 201:
            raise Fatal(self.refused("MKCALENDAR", path, status, reason, data))

    def put(self, path, body, etag=None):
        """PUT one resource, as a new one (If-None-Match: *) or over the
        version with that ETag (If-Match); returns None or what went
        wrong."""
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        if etag:
            headers["If-Match"] = etag
        else:
            headers["If-None-Match"] = "*"
        status, reason, data = self.request("PUT", path, body, headers)
        if status in (201, 204):
            return None
        return self.refused("PUT", path, status, reason, data)

    def query(self, path, comp):
        """calendar-query REPORT for one component type:
        {href: calendar-data}, plus problems."""
        body = ('<?xml version="1.0" encoding="utf-8"?>'
                '<C:calendar-query xmlns:D="DAV:" xmlns:C="%s">'
                '<D:prop><D:getetag/><C:calendar-data/></D:prop>'
                '<C:filter><C:comp-filter name="VCALENDAR">'
                '<C:comp-filter name="%s"/>'
                '</C:comp-filter></C:filter></C:calendar-query>'
                % (CALDAV, comp))
        root = self.xml("REPORT", path, body, "1")
        found, problems = {}, []
        for href, props in multistatus(root, problems):
            data = props.get("{%s}calendar-data" % CALDAV)
            if data is None or not data.text:
                problems.append("REPORT %s: no calendar-data for %s"
                                % (comp, href))
                continue
            found[href] = data.text
        return found, problems

    def listing(self, path):
        """PROPFIND Depth 1: {href: etag} of the collection's members."""
        body = ('<?xml version="1.0" encoding="utf-8"?>'
                '<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/>'
                '<D:resourcetype/></D:prop></D:propfind>')
        root = self.xml("PROPFIND", path, body, "1")
        members, problems = {}, []
        for href, props in multistatus(root, problems):
            if href.rstrip("/") == path.rstrip("/"):
                continue
            etag = props.get("{%s}getetag" % DAV)
            members[href] = etag.text if etag is not None else None
        return members, problems


def xml_escape(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def multistatus(root, problems):
    """(href, {prop tag: element}) for each response, 200 propstats only."""
    for resp in root.findall("{%s}response" % DAV):
        href = urllib.parse.unquote(resp.findtext("{%s}href" % DAV) or "")
        props = {}
        for ps in resp.findall("{%s}propstat" % DAV):
            status = ps.findtext("{%s}status" % DAV) or ""
            if " 200 " not in status + " ":
                continue
            for prop in ps.findall("{%s}prop" % DAV):
                for el in prop:
                    props[el.tag] = el
        status = resp.findtext("{%s}status" % DAV)
        if status and " 200 " not in status + " ":
            problems.append("%s: %s" % (href, status))
        yield href, props


# ---------------------------------------------------------------------------
# Reading an input file


def resource_name(uid):
    return hashlib.sha1(uid.encode("utf-8")).hexdigest() + ".ics"


def logical_lines(data):
    """[(unfolded text, raw bytes with the original folding and ends)]."""
    out = []
    for raw in data.splitlines(keepends=True):
        text = raw.rstrip(b"\r\n")
        if text[:1] in (b" ", b"\t") and out:
            out[-1] = (out[-1][0] + text[1:], out[-1][1] + raw)
        elif text:
            out.append((text, raw))
    if out and not out[-1][1].endswith(b"\n"):
        out[-1] = (out[-1][0], out[-1][1] + b"\r\n")
    return out


def begin_end(text):
    """('BEGIN'|'END', NAME) for a BEGIN:/END: line, else None."""
    m = re.match(rb"(?i)(BEGIN|END):(.*)$", text)
    if m:
        return (m.group(1).upper().decode(),
                m.group(2).strip().upper().decode("utf-8", "replace"))
    return None


def split_raw(data):
    """The VCALENDAR's raw pieces: (BEGIN line, property lines, END line,
    [(component name, raw bytes)]) -- top-level components only."""
    lines = logical_lines(data)
    if not lines or begin_end(lines[0][0]) != ("BEGIN", "VCALENDAR"):
        raise Fatal("does not start with BEGIN:VCALENDAR")
    props, comps, stack, block = [], [], [], []
    end = None
    for text, raw in lines[1:]:
        be = begin_end(text)
        if end is not None:
            raise Fatal("content after END:VCALENDAR")
        if not stack:
            if be == ("END", "VCALENDAR"):
                end = raw
            elif be and be[0] == "BEGIN":
                stack, block = [be[1]], [raw]
            elif be:
                raise Fatal("unexpected END:%s" % be[1])
            else:
                props.append((text, raw))
            continue
        block.append(raw)
        if be and be[0] == "BEGIN":
            stack.append(be[1])
        elif be:
            if be[1] != stack[-1]:
                raise Fatal("END:%s closes BEGIN:%s" % (be[1], stack[-1]))
            stack.pop()
            if not stack:
                comps.append((be[1], b"".join(block)))
    if end is None:
        raise Fatal("no END:VCALENDAR")
    return lines[0][1], props, end, comps


def parse_ical(data, where):
    try:
        cal = icalendar.Calendar.from_ical(data)
    except ValueError as e:
        raise Fatal("%s: python-icalendar cannot read it: %s"
                    % (where, str(e)[:200]))
    problems = []
    for comp in cal.walk():
        for prop, err in getattr(comp, "errors", []):
            problems.append("%s: %s %s: %s" % (where, comp.name, prop, err))
    return cal, problems


class Input:
    """One input file: what to PUT and what must come back."""

    def __init__(self, path):
        self.path = path
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise Fatal(e.strerror or str(e))
        self.cal, self.problems = parse_ical(data, "input")
        begin, props, end, comps = split_raw(data)
        # METHOD is an iTIP property: RFC 4791 4.1 forbids it in calendar
        # object resources stored on a CalDAV server, so it is left out of
        # every resource (the rest of the calendar-level lines is kept).
        head = begin + b"".join(raw for text, raw in props
                                if not re.match(rb"(?i)METHOD[;:]", text))
        tzs = b"".join(raw for name, raw in comps if name == "VTIMEZONE")
        # The parsed components, in file order, pair up with the raw blocks.
        parsed = self.cal.subcomponents
        if [c.name for c in parsed] != [name for name, raw in comps]:
            raise Fatal("python-icalendar and the splitter disagree on the "
                        "components: %s vs %s"
                        % ([c.name for c in parsed][:5],
                           [name for name, raw in comps][:5]))
        groups = {}
        for comp, (name, raw) in zip(parsed, comps):
            if name == "VTIMEZONE":
                continue
            if comp.get("UID") is None:
                self.problems.append("input: a %s has no UID" % name)
                continue
            groups.setdefault(str(comp.get("UID")), []).append(raw)
        self.resources = {uid: head + tzs + b"".join(blocks) + end
                          for uid, blocks in groups.items()}
        self.expected = {}      # key -> normalised component
        self.timezones = {}     # TZID -> normalised VTIMEZONE
        counts = {}
        for comp in self.cal.subcomponents:
            if comp.name == "VTIMEZONE":
                self.timezones[str(comp.get("TZID"))] = normalise(comp)
                continue
            if comp.get("UID") is None:
                continue
            k = key(comp)
            counts[k] = counts.get(k, 0) + 1
            self.expected.setdefault(k, normalise(comp))
        for k, n in sorted(counts.items()):
            if n > 1:
                self.problems.append(
                    "input: %s appears %d times (a CalDAV server stores one "
                    "object per UID and RECURRENCE-ID)" % (show_key(k), n))

    def uids(self):
        return set(self.resources)


# ---------------------------------------------------------------------------
# Normalising components: decoded values, not bytes.


def norm_time(v, has_tzid):
    if isinstance(v, tuple):                        # PERIOD
        return "/".join(norm_time(x, has_tzid) for x in v)
    if isinstance(v, datetime):
        s = v.replace(tzinfo=None).isoformat()
        if v.tzinfo is not None and not has_tzid:
            off = v.utcoffset()
            s += "Z" if off == timedelta(0) else " %s" % off
        return s
    if isinstance(v, date):
        return "date " + v.isoformat()
    if isinstance(v, timedelta):
        secs = int(v.total_seconds())
        sign, secs = ("-" if secs < 0 else ""), abs(secs)
        days, secs = divmod(secs, 86400)
        t = "".join("%d%s" % (n, u) for n, u in
                    zip((secs // 3600, secs // 60 % 60, secs % 60), "HMS") if n)
        return "%sP%s%s" % (sign, "%dD" % days if days else "",
                            "T" + (t or "0S") if t or not days else "")
    if isinstance(v, dtime):
        return "time " + v.isoformat()
    return repr(v)


def norm_params(v):
    params = getattr(v, "params", None) or {}
    out = []
    for k, val in sorted(params.items()):
        if k.upper() == "VALUE":        # implied by the decoded type
            continue
        if isinstance(val, (list, tuple)):
            val = ",".join(str(x) for x in val)
        out.append("%s=%s" % (k.upper(), val))
    return ";".join(out)


def norm_values(v):
    """The decoded value(s) of one property line, as strings."""
    if v is None:
        return ["<unparsable>"]
    p = norm_params(v)
    pre = "[%s] " % p if p else ""
    has_tzid = "TZID" in (getattr(v, "params", None) or {})
    if isinstance(v, vDDDLists):
        return [pre + norm_time(x.dt, has_tzid) for x in v.dts]
    if hasattr(v, "cats"):                          # CATEGORIES
        # (4.0.3 has lost "\," vs "," by now: Contentline.parts() unescapes
        # before splitting, so a comma inside a category is not checked)
        return [pre + str(c) for c in v.cats]
    if isinstance(v, vRecur):
        return [pre + ";".join(sorted(v.to_ical().decode().split(";")))]
    if hasattr(v, "dt"):
        return [pre + norm_time(v.dt, has_tzid)]
    if isinstance(v, str):
        return [pre + str(v)]
    if isinstance(v, int):
        return [pre + str(int(v))]
    try:
        text = v.to_ical()      # bytes, but str for vUTCOffset in 4.0.3
    except Exception:
        return [pre + repr(v)]
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return [pre + text]


def normalise(comp):
    """{property name: sorted tuple of decoded values,
        'VALARM' (etc.): sorted tuple of normalised subcomponents}."""
    out = {}
    for name, value in comp.items():
        name = name.upper()
        if name in IGNORED:
            continue
        vals = []
        for v in value if isinstance(value, list) else [value]:
            vals.extend(norm_values(v))
        out[name] = tuple(sorted(vals))
    subs = {}
    for sub in comp.subcomponents:
        subs.setdefault(sub.name, []).append(
            repr(sorted(normalise(sub).items())))
    for name, items in subs.items():
        out["BEGIN:" + name] = tuple(sorted(items))
    return out


def key(comp):
    rid = comp.get("RECURRENCE-ID")
    return (comp.name, str(comp.get("UID")),
            " ".join(norm_values(rid)) if rid is not None else "")


def show_key(k):
    return "%s %s%s" % (k[0], k[1], " RECURRENCE-ID " + k[2] if k[2] else "")


def short(vals):
    s = repr(list(vals)) if len(vals) != 1 else repr(vals[0])
    return s if len(s) <= 80 else s[:77] + "..."


def tzids(comp):
    out = set()
    for value in comp.values():
        for v in value if isinstance(value, list) else [value]:
            tz = (getattr(v, "params", None) or {}).get("TZID")
            if tz:
                out.add(str(tz))
    for sub in comp.subcomponents:
        out |= tzids(sub)
    return out


# ---------------------------------------------------------------------------
# The check


class Job:
    """One collection on the server and what it must hold."""

    def __init__(self, client, number, label):
        self.client = client
        self.path = "/user/cal-%d/" % number
        client.mkcalendar(self.path, label)
        self.problems = []

    def put_all(self, inp, etags=None, label=""):
        """PUT every resource of inp; etags: {resource name: ETag} of those
        that must already be there (replaced with If-Match)."""
        for uid, body in inp.resources.items():
            name = resource_name(uid)
            err = self.client.put(self.path + name, body,
                                  (etags or {}).get(name))
            if err:
                self.problems.append("%s%s [UID %s]" % (label, err, uid))

    def read_back(self, types):
        resources = {}
        for comp in sorted(types):
            found, problems = self.client.query(self.path, comp)
            self.problems.extend(problems)
            for href, text in found.items():
                if href in resources and resources[href] != text:
                    self.problems.append("%s differs between REPORTs" % href)
                resources[href] = text
        members, problems = self.client.listing(self.path)
        self.problems.extend(problems)
        for href in sorted(set(members) - set(resources)):
            self.problems.append("%s not returned by the calendar-query "
                                 "REPORTs (%s)" % (href, ", ".join(types)))
        return resources, members

    def compare(self, expected, timezones, resources, members):
        """expected: key -> normalised component; timezones: resource name
        -> {TZID: normalised VTIMEZONE sent} for every resource that must
        exist."""
        p = self.problems
        actual, where = {}, {}
        for href, text in sorted(resources.items()):
            name = href.rsplit("/", 1)[-1]
            try:
                cal, errs = parse_ical(text.encode("utf-8"), name)
            except Fatal as e:
                p.append(str(e))
                continue
            p.extend(errs)
            tzs, used = {}, set()
            for comp in cal.subcomponents:
                if comp.name == "VTIMEZONE":
                    tzs[str(comp.get("TZID"))] = normalise(comp)
                    continue
                used |= tzids(comp)
                k = key(comp)
                if k in actual:
                    p.append("%s is on the server twice (%s and %s)"
                             % (show_key(k), where[k], name))
                    continue
                actual[k], where[k] = normalise(comp), name
                if name != resource_name(k[1]):
                    p.append("%s stored as %s, not %s"
                             % (show_key(k), name, resource_name(k[1])))
            sent = timezones.get(name, {})
            for tz in sorted(used & set(sent)):
                if tz not in tzs:
                    p.append("%s: VTIMEZONE %s lost" % (name, tz))
                elif tzs[tz] != sent[tz]:
                    p.append("%s: VTIMEZONE %s changed" % (name, tz))
        for k in sorted(set(expected) - set(actual)):
            p.append("%s lost" % show_key(k))
        for k in sorted(set(actual) - set(expected)):
            p.append("%s appeared from nowhere" % show_key(k))
        for k in sorted(set(expected) & set(actual)):
            exp, got = expected[k], actual[k]
            for prop in sorted(set(exp) | set(got)):
                a, b = exp.get(prop, ()), got.get(prop, ())
                if a != b:
                    label = prop[6:] + "s" if prop.startswith("BEGIN:") \
                        else prop
                    p.append("%s: %s sent %s, got %s"
                             % (show_key(k), label, short(a), short(b)))
        names = set(timezones)
        have = {h.rsplit("/", 1)[-1] for h in members}
        if len(members) != len(names):
            p.append("collection holds %d resources, expected %d (one per "
                     "UID)" % (len(members), len(names)))
        for n in sorted(names - have):
            p.append("resource %s missing" % n)
        for n in sorted(have - names):
            p.append("unexpected resource %s" % n)


def tamper(expected, keys):
    """--selftest-tamper: change one SUMMARY of the expected data."""
    for k in sorted(keys):
        summary = expected[k].get("SUMMARY", ("",))
        expected[k] = dict(expected[k],
                           SUMMARY=(summary[0] + " [tampered]",))
        return


def query_types(*inputs):
    types = {"VEVENT", "VTODO"}
    for inp in inputs:
        types |= {k[0] for k in inp.expected}
    return types


def check_file(client, number, path, opts):
    inp = Input(path)
    if not inp.expected:
        raise Fatal("no components to check")
    job = Job(client, number, os.path.basename(path))
    job.problems.extend(inp.problems)
    job.put_all(inp)
    expected = dict(inp.expected)
    if opts.selftest_tamper:
        tamper(expected, expected)
    resources, members = job.read_back(query_types(inp))
    job.compare(expected, {resource_name(u): inp.timezones
                           for u in inp.uids()}, resources, members)
    return job.problems, "%s round-tripped" % plural(len(expected))


def check_update(client, number, base_path, new_path, opts):
    try:
        base = Input(base_path)
    except Fatal as e:
        raise Fatal("base %s: %s" % (base_path, e))
    new = Input(new_path)
    if not base.expected:
        raise Fatal("base %s: no components to check" % base_path)
    if not new.expected:
        raise Fatal("no components to check")
    job = Job(client, number, os.path.basename(new_path))
    job.problems.extend("base " + s for s in base.problems)
    job.problems.extend(new.problems)
    job.put_all(base, label="base: ")
    before, problems = client.listing(job.path)
    job.problems.extend(problems)
    etag = {h.rsplit("/", 1)[-1]: e for h, e in before.items()}
    # Replanning publishes the same UIDs again: those replace the resources
    # BASE made, which must be there (If-Match their ETag); others are new.
    job.put_all(new, etag)

    both = base.uids() & new.uids()
    added = new.uids() - base.uids()
    kept = base.uids() - new.uids()
    expected = dict(new.expected)
    for k, v in base.expected.items():
        if k[1] in kept:
            expected[k] = v
    if opts.selftest_tamper:
        tamper(expected, new.expected)
    resources, members = job.read_back(query_types(base, new))
    timezones = {resource_name(u): base.timezones for u in kept}
    timezones.update((resource_name(u), new.timezones) for u in new.uids())
    job.compare(expected, timezones, resources, members)

    # A changed event must get a new ETag, or clients would not refetch it.
    def content(inp, uid):
        return sorted((k, sorted(v.items())) for k, v in inp.expected.items()
                      if k[1] == uid)
    after = {h.rsplit("/", 1)[-1]: e for h, e in members.items()}
    for uid in sorted(both):
        n = resource_name(uid)
        if content(base, uid) != content(new, uid) and n in etag \
                and n in after and etag[n] == after[n]:
            job.problems.append("UID %s changed but its ETag %s did not"
                                % (uid, etag[n]))
    return job.problems, (
        "%s round-tripped (update of %s: %d UIDs updated in place, %d added, "
        "%d kept from base)"
        % (plural(len(new.expected)), base_path, len(both), len(added),
           len(kept)))


def plural(n):
    return "%d component%s" % (n, "" if n == 1 else "s")


def report(path, problems, summary, verbose):
    if not problems:
        print("ok %s: %s" % (path, summary))
        return True
    more = len(problems) - SHOWN
    line = "; ".join(problems[:SHOWN]) + \
        ("; ... (%d more)" % more if more > 0 else "")
    print("FAIL %s: %s" % (path, line.replace("\n", "\\n")))
    if verbose:
        for p in problems:
            sys.stderr.write("  %s: %s\n" % (path, p))
    return False


class Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        sys.stderr.write("roundtrip.py: %s\n" % message)
        sys.exit(1)


def _on_signal(signum, frame):
    raise SystemExit(128 + signum)  # unwinds through the finally clauses


def main(argv):
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGHUP, _on_signal)
    # KeyboardInterrupt even when started in the background with SIGINT
    # ignored (what a non-interactive shell does for "cmd &").
    signal.signal(signal.SIGINT, signal.default_int_handler)
    ap = Parser(description="Round-trip .ics files through a private "
                "Radicale CalDAV server.")
    ap.add_argument("files", nargs="*", metavar="FILE.ics")
    ap.add_argument("--update", nargs=2, metavar=("BASE", "NEW"),
                    help="PUT BASE, then NEW into the same collection")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="list every difference on stderr")
    ap.add_argument("--selftest-tamper", action="store_true",
                    help=argparse.SUPPRESS)
    opts = ap.parse_args(argv)
    if opts.update and opts.files:
        ap.error("--update takes exactly BASE and NEW, no other file")
    if not opts.update and not opts.files:
        print("FAIL: no .ics file given (a checker that checks nothing must "
              "not pass)")
        return 1

    ok = True
    server = Radicale()
    try:
        try:
            server.start()
            client = Client(server)
            client.mkcol("/user/")
        except Fatal as e:
            print("FAIL: %s" % e)
            return 1
        jobs = ([(opts.update[1], check_update, opts.update)]
                if opts.update else [(f, check_file, (f,)) for f in opts.files])
        for number, (path, fn, paths) in enumerate(jobs, 1):
            try:
                problems, summary = fn(client, number, *paths, opts)
            except Fatal as e:
                problems, summary = [str(e)], ""
            except (OSError, http.client.HTTPException) as e:
                problems, summary = ["talking to Radicale: %s" % e], ""
            ok = report(path, problems, summary, opts.verbose) and ok
    except KeyboardInterrupt:
        print("FAIL: interrupted")
        return 130
    finally:
        server.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
