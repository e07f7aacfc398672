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

	// mu guards the state; sends hold it shared so that close cannot close
	// the channel under them.
	mu      sync.RWMutex
	started bool
	closed  bool
}

func newUpdateQueue(size int) *updateQueue {
	return &updateQueue{updates: make(chan *models.Update, size)}
}

// start opens the queue.
func (q *updateQueue) start() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.started = true
}

// push adds u, waiting for room; it reports false when the queue is not
// open. Waiting holds back the poller, which is what polling wants.
func (q *updateQueue) push(u *models.Update) bool {
	q.mu.RLock()
	defer q.mu.RUnlock()
	if !q.started || q.closed {
		return false
	}
	q.updates <- u
	return true
}

// offer adds u without waiting: errNotTaking before start or after close,
// errQueueFull when there is no room.
func (q *updateQueue) offer(u *models.Update) error {
	q.mu.RLock()
	defer q.mu.RUnlock()
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

// close refuses further updates and returns how many are still waiting;
// the workers answer them and then stop.
func (q *updateQueue) close() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.closed {
		q.closed = true
		close(q.updates)
	}
	return len(q.updates)
}

// takeUpdate is the go-telegram/bot handler in polling mode: it hands each
// polled update to the queue. The library would run handlers on the polling
// context, which ends when a shutdown begins; the bot's workers answer on a
// context of their own, so a shutdown lets the answers in flight finish.
func (b *Bot) takeUpdate(_ context.Context, _ *tgbot.Bot, u *models.Update) {
	if !b.queue.push(u) {
		b.log.Warn("update dropped: the bot is not taking updates", "update_id", u.ID)
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
