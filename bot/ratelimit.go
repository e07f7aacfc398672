package bot

import (
	"context"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"
)

// Default per-user rate limit: a burst of five questions, then one every
// four seconds.
const (
	DefaultRateLimit = rate.Limit(0.25)
	DefaultRateBurst = 5
)

// maxTrackedUsers bounds the limiter's memory; past it, users whose bucket
// has refilled are forgotten, which loses nothing.
const maxTrackedUsers = 10000

// userLimiter is a token bucket per Telegram user.
type userLimiter struct {
	limit rate.Limit
	burst int
	now   func() time.Time

	mu    sync.Mutex
	users map[int64]*userBucket
}

type userBucket struct {
	lim *rate.Limiter
	// warned is set once the user has been told to slow down, so a user who
	// keeps typing gets one note, not one per message.
	warned bool
}

func newUserLimiter(limit rate.Limit, burst int, now func() time.Time) *userLimiter {
	return &userLimiter{limit: limit, burst: burst, now: now, users: map[int64]*userBucket{}}
}

// allow reports whether userID may ask now. When not, warn is true for the
// first refused message in a row: that one gets a "slow down" reply and the
// rest are dropped quietly.
func (l *userLimiter) allow(userID int64) (ok, warn bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	u := l.users[userID]
	if u == nil {
		if len(l.users) >= maxTrackedUsers {
			l.forgetRefilled(now)
		}
		u = &userBucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.users[userID] = u
	}
	if u.lim.AllowN(now, 1) {
		u.warned = false
		return true, false
	}
	warn = !u.warned
	u.warned = true
	return false, warn
}

// forgetRefilled drops the buckets that are full again: a new bucket for
// those users would be identical.
func (l *userLimiter) forgetRefilled(now time.Time) {
	for id, u := range l.users {
		if u.lim.TokensAt(now) >= float64(l.burst) {
			delete(l.users, id)
		}
	}
}

// admit applies the per-user rate limit to a message; it tells the user
// once to slow down and then drops their messages until the bucket refills.
func (b *Bot) admit(ctx context.Context, m *models.Message, l lang) bool {
	if b.allowOrWarn(ctx, m, l) {
		return true
	}
	b.log.Info("rate limited", "user_id", m.From.ID, "chat_type", m.Chat.Type)
	return false
}

// allowPress applies the per-user rate limit to a button press of kind
// (callbackPassage or callbackMore), and logs and counts a refusal. The
// refused press is answered with a notice in the user's app, never with a
// message in the chat.
func (b *Bot) allowPress(q *models.CallbackQuery, kind string) bool {
	if ok, _ := b.limiter.allow(q.From.ID); ok {
		return true
	}
	button := buttonPassage
	if kind == callbackMore {
		button = buttonMore
	}
	b.metrics.pressesLimited.WithLabelValues(button).Inc()
	b.log.Info("button press rate limited", "user_id", q.From.ID, "button", button)
	return false
}

// allowOrWarn is admit without the log line, for callers that log the
// refusal their own way.
func (b *Bot) allowOrWarn(ctx context.Context, m *models.Message, l lang) bool {
	ok, warn := b.limiter.allow(m.From.ID)
	if !ok && warn {
		b.reply(ctx, m, l.text(msgSlowDown), nil)
	}
	return ok
}
