// Working-time countdowns tick here, in the browser, rather than by the server rendering the page again.
// Each [data-countdown] element (Components/Countdowns/Countdown.razor) carries the signed working milliseconds left
// when the server rendered it (negative: late), that instant (data-at, epoch ms), whether it is paused, and its
// wording; the page's [data-working-intervals] (CountdownClock.razor) carries the working periods of the calendar
// (调休 and holidays included) from yesterday to a horizon. The value now is the value then, less the working time
// that has passed since. "Since" is measured by the browser's own clock from when this script first saw the value,
// so a browser clock that is off by hours still counts right.
// Blazor owns these elements: only the text node's nodeValue changes, and the attributes are read on every tick,
// since a server render updates them.
(() => {
    const tickMilliseconds = 1000;
    const minute = 60_000;
    const hour = 60 * minute;
    const firstSeen = new WeakMap();
    let calendarText = null;
    let calendar = null;

    function workingCalendar() {
        const holder = document.querySelector("[data-working-intervals]");
        const text = holder?.getAttribute("data-working-intervals") ?? null;
        if (text !== calendarText) {
            calendarText = text;
            try {
                calendar = text ? JSON.parse(text) : null;
            } catch {
                calendar = null;
            }
        }
        return calendar;
    }

    function workingOverlap(intervals, from, to) {
        let total = 0;
        for (const [start, end] of intervals) {
            const overlap = Math.min(end, to) - Math.max(start, from);
            if (overlap > 0) {
                total += overlap;
            }
        }
        return total;
    }

    function fill(template, ...values) {
        return template.replace(/\{(\d+)\}/g, (_, index) => String(values[Number(index)]));
    }

    // The same words as CountdownClock.Describe: whole working days, then hours, then minutes.
    function span(milliseconds, calendar) {
        const days = calendar.day > 0 ? Math.floor(milliseconds / calendar.day) : 0;
        const rest = milliseconds - days * calendar.day;
        const hours = Math.floor(rest / hour);
        const minutes = Math.floor((rest - hours * hour) / minute);
        const spans = calendar.spans;
        return days > 0
            ? hours > 0 ? fill(spans.daysHours, days, hours) : fill(spans.days, days)
            : hours > 0 ? fill(spans.hoursMinutes, hours, minutes) : fill(spans.minutes, minutes);
    }

    function tick() {
        const elements = document.querySelectorAll("[data-countdown]");
        if (elements.length === 0) {
            return;
        }
        const calendar = workingCalendar();
        if (!calendar) {
            return;
        }
        const now = Date.now();
        for (const element of elements) {
            if (element.getAttribute("data-paused") === "true") {
                continue;
            }
            const left = Number(element.getAttribute("data-countdown"));
            const at = Number(element.getAttribute("data-at"));
            const node = element.firstChild;
            if (!Number.isFinite(left) || !Number.isFinite(at) || !node || node.nodeType !== Node.TEXT_NODE) {
                continue;
            }
            let seen = firstSeen.get(element);
            if (!seen || seen.left !== left || seen.at !== at) {
                seen = { left, at, browserAt: now };
                firstSeen.set(element, seen);
            }
            const instant = at + Math.max(0, now - seen.browserAt);
            if (at < calendar.from || instant > calendar.until) {
                continue;
            }
            const value = left - workingOverlap(calendar.intervals, at, instant);
            const template = element.getAttribute(value >= 0 ? "data-left" : "data-late");
            if (!template) {
                continue;
            }
            const text = fill(template, span(Math.abs(value), calendar));
            if (node.nodeValue !== text) {
                node.nodeValue = text;
            }
        }
    }

    setInterval(tick, tickMilliseconds);
})();
