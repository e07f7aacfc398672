package bot

import (
	"context"
	"errors"
	"sync"

	tgbot "github.com/go-telegram/bot"
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
// context, at shutdown). Either way u is dropped: Telegram delivers it
// again unless a later getUpdates confirmed it, which go-telegram/bot may
// have done, since it polls ahead into a buffer of its own.
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

// takeUpdate is the go-telegram/bot handler in polling mode: it hands each
// polled update to the queue. The library would run handlers on the polling
// context, which ends when a shutdown begins; the bot's workers answer on a
// context of their own, so a shutdown lets the answers in flight finish.
// Waiting for room in the queue, though, ends with the polling context.
func (b *Bot) takeUpdate(ctx context.Context, _ *tgbot.Bot, u *models.Update) {
	if err := b.queue.push(ctx, u); err != nil {
		b.log.Warn("update dropped: the bot is not taking updates", "update_id", u.ID, "reason", err)
	}
}

// startWorkers starts Workers goroutines that answer the queued updates on
// ctx until the queue is closed and empty; the returned channel is closed
// when the last has stopped. Once ctx is cancelled (the shutdown timeout),
// the updates still queued are dropped with a log line.
func (b *Bot) startWorkers(ctx context.Context) <-chan struct{} {
	var wg sync.WaitGroup
	for range b.workers {
		wg.Go(func() {
			for u := range b.queue.updates {
				if ctx.Err() != nil {
					b.log.Warn("update dropped at shutdown", "update_id", u.ID)
					continue
				}
				b.handleUpdate(ctx, u)
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
