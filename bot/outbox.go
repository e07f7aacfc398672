package bot

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Outboxes: every message to a chat waits in that chat's outbox, and one
// goroutine per chat with messages waiting sends them in order. A chat that
// Telegram makes the bot wait for (a 429's retry_after, a slow answer, an
// outage) holds back that chat alone, never a worker or another chat; and
// the bot keeps to Telegram's pace before a 429 comes: about one message a
// second per chat, twenty a minute per group, thirty a second in all.

// paceLimits are the sending rates the outboxes keep to.
type paceLimits struct {
	private, group, global rate.Limit
	// burst is how many messages a chat (or all of them, times ten) may
	// send at once before the rate applies.
	burst int
}

// telegramPace is the pace Telegram asks bots to keep.
func telegramPace() paceLimits {
	return paceLimits{private: 1, group: rate.Every(3 * time.Second), global: 30, burst: 3}
}

// maxChatBacklog bounds the messages waiting for one chat: past it, a chat
// that asks faster than Telegram lets the bot answer loses the newest
// answers (logged and counted) rather than the bot's memory.
const maxChatBacklog = 100

// maxParallelSends bounds the requests the outboxes make at once: one per
// chat with messages waiting would open hundreds of connections to the
// Bot API under load. Only a request holds a slot, never a wait.
const maxParallelSends = 16

// maxIdleOutboxes bounds the outboxes kept once empty (for their pacing
// state); past it, those whose pace has fully recovered are forgotten.
const maxIdleOutboxes = 10000

// outMessage is one call waiting in an outbox.
type outMessage struct {
	method string
	// failed is the log message when the call fails for good.
	failed string
	call   func(context.Context) error
	work   *updateWork
}

// outbox holds the messages waiting per chat.
type outbox struct {
	b      *Bot
	pace   paceLimits
	global *rate.Limiter
	// ctx ends when the shutdown timeout runs out: no more waiting for the
	// pace or between attempts; each message left gets one last try.
	ctx    context.Context
	cancel context.CancelFunc
	// hard ends lastTryGrace later: the requests still under way or
	// waiting for a slot are abandoned.
	hard       context.Context
	cancelHard context.CancelFunc
	// slots holds a token per request under way.
	slots chan struct{}

	mu      sync.Mutex
	chats   map[int64]*chatOutbox
	pending sync.WaitGroup
}

type chatOutbox struct {
	queue   []outMessage
	running bool
	limiter *rate.Limiter
}

func newOutbox(b *Bot, pace paceLimits) *outbox {
	ctx, cancel := context.WithCancel(context.Background())
	hard, cancelHard := context.WithCancel(context.Background())
	return &outbox{b: b, pace: pace, global: rate.NewLimiter(pace.global, 10*pace.burst), ctx: ctx, cancel: cancel,
		hard: hard, cancelHard: cancelHard, slots: make(chan struct{}, maxParallelSends), chats: map[int64]*chatOutbox{}}
}

// enqueue queues a call for chatID; the update that ctx handles (see
// updateWork) is finished only once the call is. It never blocks.
func (o *outbox) enqueue(ctx context.Context, chatID int64, method, failed string, call func(context.Context) error) {
	m := outMessage{method: method, failed: failed, call: call, work: workOf(ctx)}
	o.mu.Lock()
	defer o.mu.Unlock()
	c := o.chats[chatID]
	if c != nil && len(c.queue) >= maxChatBacklog {
		o.b.metrics.messagesDropped.WithLabelValues(dropBacklog).Inc()
		o.b.log.Error(failed, "chat_id", chatID, "method", method, "reason", dropBacklog, "waiting", len(c.queue))
		return
	}
	m.work.add()
	o.pending.Add(1)
	if c == nil {
		if len(o.chats) >= maxIdleOutboxes {
			o.forgetIdleLocked()
		}
		limit := o.pace.private
		if chatID < 0 { // groups and channels have negative IDs
			limit = o.pace.group
		}
		c = &chatOutbox{limiter: rate.NewLimiter(limit, o.pace.burst)}
		o.chats[chatID] = c
	}
	c.queue = append(c.queue, m)
	if !c.running {
		c.running = true
		go o.run(chatID, c)
	}
}

// run sends the messages of one chat in order until none is left.
func (o *outbox) run(chatID int64, c *chatOutbox) {
	for {
		o.mu.Lock()
		if len(c.queue) == 0 {
			c.running = false
			o.mu.Unlock()
			return
		}
		m := c.queue[0]
		c.queue = c.queue[1:]
		o.mu.Unlock()
		o.deliver(chatID, c.limiter, m)
		m.work.finish() // before Done: drain returns after the update's bookkeeping
		o.pending.Done()
	}
}

// deliver keeps to the chat's and the global pace, then makes the call;
// a failure is logged and counted, and the message is dropped. A message
// is never sent twice: an update whose answer is dropped at shutdown is
// confirmed all the same, since answering it again in the next run would
// answer the updates after it twice.
func (o *outbox) deliver(chatID int64, chatPace *rate.Limiter, m outMessage) {
	// Once the shutdown timeout has run out (o.ctx done) the pace is not
	// waited for: the message gets one last try, without retries.
	if chatPace.Wait(o.ctx) == nil {
		_ = o.global.Wait(o.ctx)
	}
	err := m.call(o.ctx)
	if err == nil {
		return
	}
	reason := dropFailed
	switch {
	case errors.Is(err, errMaybeDelivered):
		reason = dropMaybeDelivered
	case o.ctx.Err() != nil:
		reason = dropShutdown
	}
	o.b.metrics.messagesDropped.WithLabelValues(reason).Inc()
	o.b.log.Error(m.failed, "chat_id", chatID, "method", m.method, "reason", reason, "err", err)
}

// Time limits of the outboxes' requests.
const (
	// sendTimeout bounds one request that sends a message.
	sendTimeout = 10 * time.Second
	// lastTryGrace is how long after the shutdown timeout the messages
	// left get for their last try.
	lastTryGrace = 5 * time.Second
)

// request makes one Bot API request once a slot is free. A shutdown lets
// it run (Telegram may already have acted on it) until the last-try grace
// is over, not a moment longer.
func (o *outbox) request(do func(context.Context) error) error {
	select {
	case o.slots <- struct{}{}:
	case <-o.hard.Done():
		return o.hard.Err()
	}
	defer func() { <-o.slots }()
	ctx, cancel := context.WithTimeout(o.hard, sendTimeout)
	defer cancel()
	return do(ctx)
}

// moveChat files the outbox of group from, its queue and pace, under
// supergroup to, after the group became it: the messages for either go out
// in one order at one pace. When to has an outbox of its own already, the
// two drain side by side and later messages for from go to to's.
func (o *outbox) moveChat(from, to int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	c, ok := o.chats[from]
	if !ok {
		return
	}
	delete(o.chats, from)
	if _, taken := o.chats[to]; !taken {
		o.chats[to] = c
	}
}

// forgetIdleLocked drops the empty outboxes whose pace has recovered: a new
// one would be identical. o.mu is held.
func (o *outbox) forgetIdleLocked() {
	now := time.Now()
	for id, c := range o.chats {
		if !c.running && c.limiter.TokensAt(now) >= float64(o.pace.burst) {
			delete(o.chats, id)
		}
	}
}

// drain waits until every queued message is sent or given up, or until
// timeout; then each message left gets one last try, without waiting for
// the pace or retrying, for up to lastTryGrace; then the requests still
// under way are abandoned. It reports whether the messages were done by
// the timeout.
func (o *outbox) drain(timeout time.Duration) bool {
	done := make(chan struct{})
	go func() {
		o.pending.Wait()
		close(done)
	}()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
	}
	o.cancel()
	grace := time.NewTimer(lastTryGrace)
	defer grace.Stop()
	select {
	case <-done:
	case <-grace.C:
		o.cancelHard()
		<-done
	}
	return false
}

// updateWork tracks one update until its handler has returned and every
// message it queued is sent or given up; then done runs.
type updateWork struct {
	pending atomic.Int32
	done    func()
}

type updateWorkKey struct{}

// newUpdateWork starts tracking an update: its handler counts as pending
// until finish.
func newUpdateWork(done func()) *updateWork {
	w := &updateWork{done: done}
	w.pending.Store(1)
	return w
}

func withWork(ctx context.Context, w *updateWork) context.Context {
	return context.WithValue(ctx, updateWorkKey{}, w)
}

// workOf is the update ctx handles, or nil.
func workOf(ctx context.Context) *updateWork {
	w, _ := ctx.Value(updateWorkKey{}).(*updateWork)
	return w
}

func (w *updateWork) add() {
	if w != nil {
		w.pending.Add(1)
	}
}

func (w *updateWork) finish() {
	if w != nil && w.pending.Add(-1) == 0 {
		w.done()
	}
}
