package bot

import (
	"fmt"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// The load test sends loadUpdates questions from loadUsers users through
// polling and through the webhook, and checks that every one is answered
// exactly once. It runs only with ALLIANCEBOT_LOAD=1 and never with
// -short: it takes a few seconds of both cores.
const (
	loadUsers   = 200
	loadUpdates = 1000
)

// loadQuestion is unique per question, and the refusal quotes it, so an
// answer names the update it answers.
func loadQuestion(n int) string { return fmt.Sprintf("What is the recipe for borscht number %d?", n) }

var loadAnswerNumber = regexp.MustCompile(`borscht number (\d+)\?`)

func TestLoadNothingLostNothingTwice(t *testing.T) {
	if testing.Short() || os.Getenv("ALLIANCEBOT_LOAD") != "1" {
		t.Skip("set ALLIANCEBOT_LOAD=1 (and no -short) to run the load test")
	}
	for _, mode := range []string{"polling", "webhook"} {
		t.Run(mode, func(t *testing.T) {
			h := startBot(t, func(s *botSetup) {
				s.infoLogs = true
				if mode == "webhook" {
					s.cfg.WebhookURL, s.cfg.WebhookSecret = "https://bot.example.org/hook", testWebhookSecret
				}
			})
			h.waitTaking()
			peak := watchMemory(t)
			sent := make([]time.Time, loadUpdates)
			start := time.Now()
			if mode == "polling" {
				for n := range loadUpdates {
					u := testUser{id: int64(20000 + n%loadUsers), lang: "en"}
					sent[n] = time.Now()
					h.tg.push(models.Update{Message: h.tg.privateMessage(u, loadQuestion(n))})
				}
			} else {
				postConcurrently(t, h, sent)
			}
			h.tg.waitCount(0, loadUpdates, func(c apiCall) bool { return c.Method == "sendMessage" })
			took := time.Since(start)
			// Give a duplicate the time to show up: every update handled.
			h.stop()

			answers := make([]int, loadUpdates)
			var latencies []time.Duration
			for _, c := range h.tg.allCalls() {
				if c.Method != "sendMessage" || c.Refused != "" {
					continue
				}
				var n int
				if m := loadAnswerNumber.FindStringSubmatch(c.Params["text"]); m == nil {
					t.Errorf("an answer names no question: %.80q", c.Params["text"])
					continue
				} else {
					fmt.Sscan(m[1], &n)
				}
				answers[n]++
				if answers[n] == 1 {
					latencies = append(latencies, c.At.Sub(sent[n]))
				}
			}
			lost, twice := 0, 0
			for _, a := range answers {
				switch {
				case a == 0:
					lost++
				case a > 1:
					twice++
				}
			}
			slices.Sort(latencies)
			t.Logf("%s: %d updates from %d users in %v: %d lost, %d answered twice; update-to-answer p50 %v, p99 %v; peak heap %.1f MiB",
				mode, loadUpdates, loadUsers, took.Round(time.Millisecond), lost, twice,
				percentile(latencies, 50), percentile(latencies, 99), float64(peak())/(1<<20))
			if lost > 0 || twice > 0 {
				t.Errorf("%d updates never answered, %d answered twice", lost, twice)
			}
		})
	}
}

// postConcurrently posts the updates to the webhook from 20 senders, as
// Telegram does from several connections, and posts again after a 503, as
// Telegram retries.
func postConcurrently(t *testing.T, h *harness, sent []time.Time) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			for n := range next {
				u := testUser{id: int64(20000 + n%loadUsers), lang: "en"}
				body := updateJSON(t, models.Update{ID: int64(1000000 + n), Message: h.tg.privateMessage(u, loadQuestion(n))})
				sent[n] = time.Now()
				for try := 0; ; try++ {
					code := h.postUpdate(testWebhookSecret, body)
					if code == http.StatusOK {
						break
					}
					if code != http.StatusServiceUnavailable || try == 100 {
						t.Errorf("webhook answered %d to update %d", code, n)
						break
					}
					time.Sleep(10 * time.Millisecond)
				}
			}
		})
	}
	for n := range len(sent) {
		next <- n
	}
	close(next)
	wg.Wait()
}

// watchMemory samples the heap until the test ends; the returned function
// gives the peak so far.
func watchMemory(t *testing.T) func() uint64 {
	var mu sync.Mutex
	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapAlloc)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	t.Cleanup(func() { close(stop); <-done })
	return func() uint64 {
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, len(sorted)*p/100)].Round(time.Millisecond)
}
