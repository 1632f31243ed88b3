package companion.course.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The call and return events of a history, as a doubly linked list in time order: the structure
 * {@link RegisterSearch} walks. Linearizing an operation unlinks its two events; backtracking relinks them. The
 * removed nodes keep their own links, so relinking is O(1) as long as it happens in exactly the reverse order of
 * unlinking (Knuth's "dancing links"), which a depth-first search guarantees.
 */
final class EventList {

    /** One node. A call knows its return ({@code match}); a return's {@code match} is null. */
    static final class Event {
        final int op;
        final boolean isCall;
        final long time;
        Event match;
        Event prev;
        Event next;

        private Event(int op, boolean isCall, long time) {
            this.op = op;
            this.isCall = isCall;
            this.time = time;
        }
    }

    private final Event head = new Event(-1, false, Long.MIN_VALUE);

    /**
     * The events of {@code ops}, identified by index in {@code ops}. At equal times calls come before returns, so
     * operations whose readings touch count as overlapping (see {@link Operation#precedes}).
     */
    EventList(List<Operation> ops) {
        List<Event> events = new ArrayList<>(2 * ops.size());
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            Event call = new Event(i, true, op.callNanos());
            call.match = new Event(i, false, op.returnNanos());
            events.add(call);
            events.add(call.match);
        }
        events.sort(Comparator.comparingLong((Event e) -> e.time)
                .thenComparing(e -> !e.isCall)
                .thenComparingInt(e -> e.op));
        Event last = head;
        for (Event e : events) {
            last.next = e;
            e.prev = last;
            last = e;
        }
    }

    /** The earliest event still in the list, or null when it is empty. */
    Event first() {
        return head.next;
    }

    /** Takes a call and its return out of the list. */
    void unlink(Event call) {
        call.prev.next = call.next;
        call.next.prev = call.prev;
        Event ret = call.match;
        ret.prev.next = ret.next;
        if (ret.next != null) {
            ret.next.prev = ret.prev;
        }
    }

    /** Undoes the most recent {@link #unlink} that has not been undone yet, which must be of {@code call}. */
    void relink(Event call) {
        Event ret = call.match;
        ret.prev.next = ret;
        if (ret.next != null) {
            ret.next.prev = ret;
        }
        call.prev.next = call;
        call.next.prev = call;
    }
}
