package bot

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/alliancebot/alliancebot/retrieval"
)

func TestUpdateQueue(t *testing.T) {
	q := newUpdateQueue(2)
	u := &models.Update{ID: 1}
	ctx := context.Background()
	steps := []struct {
		name string
		do   func() error
		want error
	}{
		{"offer before start", func() error { return q.offer(u) }, errNotTaking},
		{"push before start", func() error { return q.push(ctx, u) }, errNotTaking},
		{"start", func() error { q.start(); return nil }, nil},
		{"offer", func() error { return q.offer(u) }, nil},
		{"push", func() error { return q.push(ctx, u) }, nil},
		{"offer when full", func() error { return q.offer(u) }, errQueueFull},
		{"close keeps what was taken", func() error {
			if n := q.close(); n != 2 {
				return errors.New("queued count wrong")
			}
			return nil
		}, nil},
		{"offer after close", func() error { return q.offer(u) }, errNotTaking},
		{"push after close", func() error { return q.push(ctx, u) }, errNotTaking},
		{"close twice", func() error { q.close(); return nil }, nil},
	}
	for _, s := range steps {
		if got := s.do(); !errors.Is(got, s.want) {
			t.Errorf("%s: %v, want %v", s.name, got, s.want)
		}
	}
	drained := 0
	for range q.updates {
		drained++
	}
	if drained != 2 {
		t.Errorf("%d updates drained after close, want the 2 taken", drained)
	}
}

// TestPushOnAFullQueue: a push that waits for room gives up when its
// context ends or the queue closes, and holds no lock meanwhile, so offer
// and close go on (a hang here is the bug; waitLimit only ends the test).
func TestPushOnAFullQueue(t *testing.T) {
	q := newUpdateQueue(1)
	q.start()
	if err := q.push(context.Background(), &models.Update{ID: 1}); err != nil {
		t.Fatal(err)
	}

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if err := q.push(cancelled, &models.Update{ID: 2}); !errors.Is(err, context.Canceled) {
		t.Errorf("push on a full queue with a cancelled context: %v, want context.Canceled", err)
	}

	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	pushed := make(chan error, 1)
	go func() { pushed <- q.push(ctx, &models.Update{ID: 3}) }()
	if err := q.offer(&models.Update{ID: 4}); !errors.Is(err, errQueueFull) {
		t.Errorf("offer while a push waits: %v, want errQueueFull", err)
	}
	closed := make(chan int, 1)
	go func() { closed <- q.close() }()
	select {
	case n := <-closed:
		if n != 1 {
			t.Errorf("close reports %d queued, want the 1 taken", n)
		}
	case <-time.After(waitLimit):
		t.Fatal("close hangs while a push waits for room")
	}
	select {
	case err := <-pushed:
		if !errors.Is(err, errNotTaking) {
			t.Errorf("the waiting push returned %v, want errNotTaking", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("the waiting push did not return when the queue closed")
	}
	var ids []int64
	for u := range q.updates {
		ids = append(ids, u.ID)
	}
	if len(ids) != 1 || ids[0] != 1 {
		t.Errorf("the queue held %v after close, want only update 1", ids)
	}
}

// gatedAnswerer holds the answers to gatedQuestion until release is closed
// or their context ends, and reports each on entered.
type gatedAnswerer struct {
	Answerer
	entered chan struct{}
	release chan struct{}
}

const gatedQuestion = membersQuestion

func (g gatedAnswerer) AnswerWith(ctx context.Context, q string, o retrieval.Options) retrieval.Answer {
	if q == gatedQuestion {
		g.entered <- struct{}{}
		select {
		case <-g.release:
		case <-ctx.Done():
		}
	}
	return g.Answerer.AnswerWith(ctx, q, o)
}

func startGatedBot(t *testing.T, opts ...func(*botSetup)) (*harness, gatedAnswerer) {
	gate := gatedAnswerer{entered: make(chan struct{}, 8), release: make(chan struct{})}
	h := startBot(t, append([]func(*botSetup){func(s *botSetup) {
		s.answerer = func(e testEngine) Answerer { gate.Answerer = e; return gate }
	}}, opts...)...)
	return h, gate
}

func (g gatedAnswerer) waitEntered(t *testing.T) {
	t.Helper()
	select {
	case <-g.entered:
	case <-time.After(waitLimit):
		t.Fatalf("the question did not reach the engine within %v", waitLimit)
	}
}

func TestShutdownFinishesTheAnswersInFlight(t *testing.T) {
	for _, mode := range []string{"polling", "webhook"} {
		t.Run(mode, func(t *testing.T) {
			h, gate := startGatedBot(t, func(s *botSetup) {
				if mode == "webhook" {
					s.cfg.WebhookURL, s.cfg.WebhookSecret = "https://bot.example.org/telegram/webhook", testWebhookSecret
				}
			})
			h.waitTaking()
			msg := h.tg.privateMessage(plainUser, gatedQuestion)
			if mode == "webhook" {
				if code := h.postUpdate(testWebhookSecret, updateJSON(t, models.Update{ID: 77, Message: msg})); code != 200 {
					t.Fatalf("webhook: %d", code)
				}
			} else {
				h.tg.push(models.Update{Message: msg})
			}
			gate.waitEntered(t)

			h.cancelRun() // SIGTERM while the answer is being made
			stopped := make(chan struct{})
			go func() { h.stop(); close(stopped) }()
			close(gate.release)
			<-stopped // Run returned, then the server stopped

			var answer *apiCall
			for _, c := range h.tg.allCalls() {
				if c.Method == "sendMessage" && c.chatID() == plainUser.id {
					answer = &c
				}
			}
			switch {
			case answer == nil:
				t.Fatalf("the answer in flight was not sent before Run returned; calls: %v", h.tg.allCalls())
			case answer.Refused != "" || !strings.Contains(answer.Params["text"], "Kazakhstan"):
				t.Errorf("the answer in flight went out wrong: %v %q", answer.Refused, answer.Params["text"])
			}
			if !strings.Contains(h.logs.String(), "msg=\"bot stopped\"") {
				t.Errorf("Run did not log its stop:\n%s", h.logs.String())
			}
		})
	}
}

func TestShutdownTimeoutCancelsAnswersThatDoNotFinish(t *testing.T) {
	h, gate := startGatedBot(t, func(s *botSetup) { s.cfg.ShutdownTimeout = 50 * time.Millisecond })
	h.tg.push(models.Update{Message: h.tg.privateMessage(plainUser, gatedQuestion)})
	gate.waitEntered(t)
	var once sync.Once
	defer once.Do(func() { close(gate.release) })
	h.stop() // returns only because the timeout cancelled the held answer
	if !strings.Contains(h.logs.String(), "shutdown timeout") {
		t.Errorf("the timeout is not logged:\n%s", h.logs.String())
	}
}

// TestRecentUpdatesForgetThenRetry: an id forgotten and then taken again
// is still remembered after its first ring slot is recycled, so a further
// duplicate delivery is refused.
func TestRecentUpdatesForgetThenRetry(t *testing.T) {
	r := newRecentUpdates(3)
	if !r.add(1) {
		t.Fatal("a new id was refused")
	}
	r.forget(1)
	if !r.add(1) {
		t.Fatal("a forgotten id was refused when retried")
	}
	// Fill the ring until the slot 1 first had is reused.
	for id := int64(2); id <= 3; id++ {
		if !r.add(id) {
			t.Fatalf("new id %d refused", id)
		}
	}
	if r.add(1) {
		t.Error("id 1, still within the last 3 taken, was accepted again")
	}
	// And the ring still forgets the oldest in turn.
	if !r.add(4) || !r.add(5) || !r.add(6) {
		t.Fatal("new ids refused")
	}
	if !r.add(1) {
		t.Error("id 1, no longer among the last 3, was refused")
	}
}
