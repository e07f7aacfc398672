package bot

import (
	"context"
	"errors"
	"sync"

	"github.com/go-telegram/bot/models"
)

// updateQueueSize is how many updates may wait for a worker. Polling waits
// for room; the webhook answers 503 when the queue is full and Telegram
// sends the update again later.
const updateQueueSize = 256

// Why the queue refused an update.
var (
	errNotTaking = errors.New("the bot is not taking updates")
	errQueueFull = errors.New("too many updates are waiting")
)

// updateQueue hands updates, polled or received by the webhook, to the
// workers. It is idle until start, then open, then closed for good; the
// workers take updates until it is closed and empty.
type updateQueue struct {
	updates chan *models.Update
	// closing is closed by close, which wakes the pushes waiting for room.
	closing chan struct{}
	// pushing counts the pushes under way, so that close closes updates
	// only once none can send on it any more.
	pushing sync.WaitGroup

	// mu guards the state and the Add of pushing; it is never held while
	// waiting for room.
	mu      sync.Mutex
	started bool
	closed  bool
}

func newUpdateQueue(size int) *updateQueue {
	return &updateQueue{updates: make(chan *models.Update, size), closing: make(chan struct{})}
}

// start opens the queue.
func (q *updateQueue) start() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.started = true
}

// push adds u, waiting for room, which holds back the poller, as polling
// wants. It fails with errNotTaking when the queue is not open or closes
// while push waits, and with ctx's error when ctx ends first (the polling
// context, at shutdown). Either way u is not taken, and Telegram delivers
// it again: the poller confirms only handled updates.
func (q *updateQueue) push(ctx context.Context, u *models.Update) error {
	q.mu.Lock()
	if !q.started || q.closed {
		q.mu.Unlock()
		return errNotTaking
	}
	q.pushing.Add(1)
	q.mu.Unlock()
	defer q.pushing.Done()
	select {
	case q.updates <- u:
		return nil
	case <-q.closing:
		return errNotTaking
	case <-ctx.Done():
		return ctx.Err()
	}
}

// offer adds u without waiting: errNotTaking before start or after close,
// errQueueFull when there is no room.
func (q *updateQueue) offer(u *models.Update) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.started || q.closed {
		return errNotTaking
	}
	select {
	case q.updates <- u:
		return nil
	default:
		return errQueueFull
	}
}

// close refuses further updates, ends the pushes still waiting for room,
// and returns how many updates are waiting; the workers answer them and
// then stop. Only the first call closes the queue.
func (q *updateQueue) close() int {
	q.mu.Lock()
	first := !q.closed
	if first {
		q.closed = true
		close(q.closing)
	}
	q.mu.Unlock()
	if first {
		// No push starts after closed is set, and the ones under way
		// return promptly now that closing is closed.
		q.pushing.Wait()
		close(q.updates)
	}
	return len(q.updates)
}

// startWorkers starts Workers goroutines that answer the queued updates on
// ctx until the queue is closed and empty; the returned channel is closed
// when the last has stopped. Each update gets at most updateTimeout. Once
// ctx is cancelled (the shutdown timeout), the updates still queued are
// dropped with a log line; polled ones stay unconfirmed, so Telegram
// delivers them to the next run.
func (b *Bot) startWorkers(ctx context.Context) <-chan struct{} {
	var wg sync.WaitGroup
	for range b.workers {
		wg.Go(func() {
			for u := range b.queue.updates {
				if ctx.Err() != nil {
					b.log.Warn("update dropped at shutdown; the next run answers it", "update_id", u.ID)
					continue
				}
				b.answerUpdate(ctx, u)
			}
		})
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	return done
}

// answerUpdate runs the handler of u, bounded by updateTimeout, and records
// it as handled. The messages it queued go out through the outboxes;
// afterUpdate, when set, runs once they are sent or given up.
func (b *Bot) answerUpdate(ctx context.Context, u *models.Update) {
	work := newUpdateWork(func() {
		if b.afterUpdate != nil {
			b.afterUpdate(u)
		}
	})
	uctx, cancel := context.WithTimeout(withWork(ctx, work), b.updateTimeout)
	b.handleUpdate(uctx, u)
	if uctx.Err() != nil && ctx.Err() == nil {
		b.log.Warn("update took longer than the bot gives one; its answer was cut short", "update_id", u.ID, "limit", b.updateTimeout)
	}
	cancel()
	b.polled.done(u.ID)
	work.finish()
}

// recentUpdatesSize is how many update_ids recentUpdates remembers: more
// than Telegram delivers again in the minutes it retries a webhook.
const recentUpdatesSize = 4096

// recentUpdates remembers the latest update_ids taken, so that one
// delivered twice (a webhook retried after its 200 was lost) is answered
// once.
type recentUpdates struct {
	mu sync.Mutex
	// seen maps each remembered id to its slot in ring.
	seen map[int64]int
	ring []int64
	next int
}

func newRecentUpdates(size int) *recentUpdates {
	return &recentUpdates{seen: make(map[int64]int, size), ring: make([]int64, size)}
}

// add records id and reports whether it is new.
func (r *recentUpdates) add(id int64) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.seen[id]; ok {
		return false
	}
	if old := r.ring[r.next]; old != 0 {
		delete(r.seen, old)
	}
	r.ring[r.next] = id
	r.seen[id] = r.next
	r.next = (r.next + 1) % len(r.ring)
	return true
}

// forget removes id, which was not taken after all. Its ring slot is
// emptied too: were it left, recycling it after id is added again would
// drop the newer record.
func (r *recentUpdates) forget(id int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if slot, ok := r.seen[id]; ok {
		r.ring[slot] = 0
		delete(r.seen, id)
	}
}
