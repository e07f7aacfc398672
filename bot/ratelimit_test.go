package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"
)

// fakeClock is a clock that moves only when the test says so.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestUserLimiter(t *testing.T) {
	clock := &fakeClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	l := newUserLimiter(rate.Every(4*time.Second), 3, clock.now)
	type step struct {
		user     int64
		advance  time.Duration
		wantOK   bool
		wantWarn bool
	}
	for i, s := range []step{
		{user: 1, wantOK: true}, {user: 1, wantOK: true}, {user: 1, wantOK: true}, // the burst
		{user: 1, wantOK: false, wantWarn: true},           // told to slow down once
		{user: 1, wantOK: false, wantWarn: false},          // then dropped quietly
		{user: 2, wantOK: true},                            // other users are not affected
		{user: 1, advance: 4 * time.Second, wantOK: true},  // one token back
		{user: 1, wantOK: false, wantWarn: true},           // and a new warning after it
		{user: 1, advance: 12 * time.Second, wantOK: true}, // refilled
		{user: 1, wantOK: true},
		{user: 1, wantOK: true},
		{user: 1, wantOK: false, wantWarn: true},
	} {
		clock.advance(s.advance)
		ok, warn := l.allow(s.user)
		if ok != s.wantOK || warn != s.wantWarn {
			t.Errorf("step %d (user %d): allow = %v, warn %v; want %v, %v", i, s.user, ok, warn, s.wantOK, s.wantWarn)
		}
	}
}

func TestUserLimiterForgetsRefilledUsers(t *testing.T) {
	clock := &fakeClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	l := newUserLimiter(rate.Every(time.Second), 2, clock.now)
	for id := range int64(maxTrackedUsers) {
		l.allow(id)
	}
	l.allow(-1)
	l.allow(-1) // user -1 is out of tokens
	clock.advance(time.Minute / 2)
	l.allow(-2) // over the bound: every refilled bucket is forgotten
	if len(l.users) > 3 {
		t.Errorf("%d users tracked after refill; want the refilled ones forgotten", len(l.users))
	}
}

func TestRateLimitedUserIsAskedToSlowDownOnce(t *testing.T) {
	h := startBot(t, func(s *botSetup) {
		s.cfg.RateLimit, s.cfg.RateBurst = rate.Every(time.Hour), 2
	})
	for i := range 2 {
		if text := h.sendPrivate(plainUser, membersQuestion).Params["text"]; !strings.Contains(text, "[1]") {
			t.Fatalf("question %d within the burst was not answered: %q", i+1, text)
		}
	}
	if text := h.sendPrivate(plainUser, membersQuestion).Params["text"]; !strings.Contains(text, "wait a few seconds") {
		t.Errorf("the third question should get a slow-down note, got %q", text)
	}
	from := h.mark()
	id := h.tg.push(models.Update{Message: h.tg.privateMessage(plainUser, membersQuestion)})
	h.waitHandled(id)
	if sent := h.sentAfter(from, "sendMessage"); len(sent) != 0 {
		t.Errorf("the fourth question should be dropped quietly, but the bot sent %v", sent)
	}
	if text := h.sendPrivate(adminUser, membersQuestion).Params["text"]; !strings.Contains(text, "[1]") {
		t.Errorf("another user is limited too: %q", text)
	}
	if !strings.Contains(h.logs.String(), fmt.Sprintf("msg=question channel=private user_id=%d outcome=rate_limited", plainUser.id)) {
		t.Errorf("the limited user is not logged:\n%s", h.logs.String())
	}
}
