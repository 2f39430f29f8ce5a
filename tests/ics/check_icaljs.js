// check_icaljs.js -- reads .ics files with ical.js (Mozilla's parser,
// independent of the libical-based writer) and checks what every planner
// calendar must satisfy.
//
// Usage: node check_icaljs.js PATH...   (Node 18 or later)
// Each PATH is a file (checked whatever its name) or a directory searched
// recursively for *.ics. Prints one line per file, "ok PATH: N events" or
// "FAIL PATH: reason", and exits 1 when any file fails or when no file was
// found at all (a checker that checks nothing must not pass).
//
// ical.js 2.x is an ES module first ("type": "module", default export);
// its CommonJS build is a transpiled ES5 copy. This package is therefore
// "type": "module" too and imports the real module. The import is dynamic
// so that a missing `npm ci` gives a clear message instead of a stack.

import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

let ICAL;
try {
    ICAL = (await import('ical.js')).default;
} catch (e) {
    console.error('check_icaljs: cannot load ical.js (run `npm ci` in ' +
                  path.dirname(new URL(import.meta.url).pathname) + '): ' +
                  e.message);
    process.exit(1);
}

class Bad extends Error {}

function findFiles(paths) {
    const files = [];
    const missing = [];
    const walk = (dir, out) => {
        const entries = fs.readdirSync(dir, { withFileTypes: true })
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const e of entries) {
            const p = path.join(dir, e.name);
            if (e.isDirectory())
                walk(p, out);
            else if (e.isFile() && e.name.toLowerCase().endsWith('.ics'))
                out.push(p);
        }
    };
    for (const p of paths) {
        let st;
        try {
            st = fs.statSync(p);
        } catch {
            missing.push(p);
            continue;
        }
        if (st.isDirectory())
            walk(p, files);
        else
            files.push(p);
    }
    return { files, missing };
}

// RFC 5545 3.1 as the planner writes it: UTF-8, CRLF line ends, lines of at
// most 75 octets, each line valid UTF-8 on its own (no character split by a
// fold), and matching BEGIN/END pairs (parsers differ in how much of that
// they enforce, so it is checked here once, the same way for every reader).
function checkFormat(raw) {
    const strict = new TextDecoder('utf-8', { fatal: true });
    if (raw.length === 0)
        throw new Bad('empty file');
    if (raw[raw.length - 2] !== 0x0d || raw[raw.length - 1] !== 0x0a)
        throw new Bad('last line does not end with CRLF');
    const logical = [];
    let start = 0;
    let no = 0;
    while (start < raw.length) {
        const end = raw.indexOf(0x0d, start);
        no++;
        const lf = raw.indexOf(0x0a, start);
        if (end < 0 || raw[end + 1] !== 0x0a || (lf >= 0 && lf < end))
            throw new Bad(`line ${no}: bare CR or LF`);
        const line = raw.subarray(start, end);
        if (line.length > 75)
            throw new Bad(`line ${no}: ${line.length} octets, more than 75`);
        let text;
        try {
            text = strict.decode(line);
        } catch {
            throw new Bad(`line ${no}: not valid UTF-8 (or a fold splits ` +
                          'a character)');
        }
        if (text.startsWith(' ') || text.startsWith('\t')) {
            if (logical.length === 0)
                throw new Bad(`line ${no}: continuation without a line`);
            logical[logical.length - 1].text += text.slice(1);
        } else {
            logical.push({ no, text });
        }
        start = end + 2;
    }
    const stack = [];
    let tops = 0;
    for (const { no: n, text } of logical) {
        const m = /^(BEGIN|END):(.*)$/i.exec(text);
        if (!m)
            continue;
        const name = m[2].trim().toUpperCase();
        if (m[1].toUpperCase() === 'BEGIN') {
            if (stack.length === 0)
                tops++;
            stack.push(name);
        } else if (stack.length === 0) {
            throw new Bad(`line ${n}: END:${name} without BEGIN`);
        } else if (stack[stack.length - 1] !== name) {
            throw new Bad(`line ${n}: END:${name} closes ` +
                          `BEGIN:${stack[stack.length - 1]}`);
        } else {
            stack.pop();
        }
    }
    if (stack.length)
        throw new Bad(`BEGIN:${stack[stack.length - 1]} is never ended`);
    if (tops !== 1)
        throw new Bad(`${tops} top-level components, expected 1`);
}

function one(comp, name, where) {
    const props = comp.getAllProperties(name);
    if (props.length === 0)
        throw new Bad(`${where}: no ${name.toUpperCase()}`);
    if (props.length > 1)
        throw new Bad(`${where}: more than one ${name.toUpperCase()}`);
    const v = props[0].getFirstValue();
    if (v === null || v === undefined)
        throw new Bad(`${where}: ${name.toUpperCase()} has no value`);
    return v;
}

// ical.js normalises impossible dates (20271345 becomes 2028-02-14), so a
// date is valid only when it prints back as it was written.
function time(comp, name, where) {
    const v = one(comp, name, where);
    const raw = comp.getFirstProperty(name).jCal[3];
    if (!(v instanceof ICAL.Time))
        throw new Bad(`${where}: ${name.toUpperCase()} is not a date or ` +
                      'date-time');
    if (String(v) !== raw)
        throw new Bad(`${where}: ${name.toUpperCase()} ${raw} is not a real ` +
                      'date or time');
    return v;
}

function checkCalendar(text) {
    let jcal;
    try {
        jcal = ICAL.parse(text);
    } catch (e) {
        throw new Bad(`ical.js cannot parse it: ${e.message}`);
    }
    // Several top-level components come back as an array of them.
    if (jcal.length && Array.isArray(jcal[0]))
        throw new Bad(`${jcal.length} top-level components, expected 1`);
    const cal = new ICAL.Component(jcal);
    if (cal.name !== 'vcalendar')
        throw new Bad(`top component is ${cal.name.toUpperCase()}, ` +
                      'not VCALENDAR');
    if (String(one(cal, 'version', 'calendar')) !== '2.0')
        throw new Bad('VERSION is not 2.0');
    if (!String(one(cal, 'prodid', 'calendar')))
        throw new Bad('empty PRODID');

    const uids = new Set();
    const vevents = cal.getAllSubcomponents('vevent');
    vevents.forEach((ve, i) => {
        let where = `event ${i + 1}`;
        const uid = String(one(ve, 'uid', where));
        where = `event '${uid}'`;
        if (uids.has(uid))
            throw new Bad(`duplicate UID '${uid}'`);
        uids.add(uid);
        time(ve, 'dtstamp', where);
        const start = time(ve, 'dtstart', where);
        one(ve, 'summary', where);
        if (ve.hasProperty('dtend')) {
            const end = time(ve, 'dtend', where);
            if (end.compare(start) <= 0)
                throw new Bad(`${where}: DTEND ${end} is not after ` +
                              `DTSTART ${start}`);
        }
        for (const alarm of ve.getAllSubcomponents('valarm')) {
            const action = String(one(alarm, 'action', `${where} VALARM`));
            const trigger = one(alarm, 'trigger', `${where} VALARM`);
            if (!(trigger instanceof ICAL.Duration) &&
                !(trigger instanceof ICAL.Time))
                throw new Bad(`${where}: VALARM TRIGGER is not a duration ` +
                              'or date-time');
            if (action.toUpperCase() === 'DISPLAY')
                one(alarm, 'description', `${where} DISPLAY VALARM`);
        }
        // The high-level API calendar clients use must accept it too.
        const ev = new ICAL.Event(ve);
        if (ev.uid !== uid || !(ev.startDate instanceof ICAL.Time) ||
            typeof ev.summary !== 'string')
            throw new Bad(`${where}: ICAL.Event cannot read it`);
        if (ev.endDate.compare(ev.startDate) < 0)
            throw new Bad(`${where}: ICAL.Event ends before it starts`);
        const first = ev.iterator().next();
        if (!first || first.compare(ev.startDate) !== 0)
            throw new Bad(`${where}: ICAL.Event iterator does not start at ` +
                          'DTSTART');
    });
    return vevents.length;
}

function main(argv) {
    if (argv.length === 0) {
        console.error('usage: node check_icaljs.js PATH...');
        return 1;
    }
    const { files, missing } = findFiles(argv);
    let failed = false;
    for (const p of missing) {
        console.log(`FAIL ${p}: no such file or directory`);
        failed = true;
    }
    if (files.length === 0) {
        console.log(`FAIL: no .ics file found under ${argv.join(' ')}`);
        return 1;
    }
    for (const p of files) {
        try {
            const raw = fs.readFileSync(p);
            checkFormat(raw);
            const n = checkCalendar(raw.toString('utf8'));
            console.log(`ok ${p}: ${n} events`);
        } catch (e) {
            if (!(e instanceof Bad) && !(e instanceof Error))
                throw e;
            const kind = e instanceof Bad ? '' : 'ical.js: ';
            console.log(`FAIL ${p}: ${kind}${e.message}`);
            failed = true;
        }
    }
    return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
