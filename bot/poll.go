package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Long polling. go-telegram/bot's poller reads ahead into a buffer of its
// own and confirms every update as it reads it (the next getUpdates asks
// for a higher offset), so on a stop the buffered updates were confirmed
// and never answered. The bot polls by itself instead: an update is
// confirmed only once it was handled, and after the drain on stop one last
// getUpdates confirms what the drain handled.

const (
	// pollLimit is how many updates one getUpdates asks for, the most
	// Telegram gives.
	pollLimit = 100
	// pollBusyWait bounds the wait for an update in flight to be handled
	// when a poll brought only updates already taken: Telegram sends an
	// update again until it is confirmed, so polling at once would spin.
	pollBusyWait = time.Second
	// pollBackoffMax is the longest pause after failed polls; the pause
	// starts at transientBackoff and doubles.
	pollBackoffMax = 30 * time.Second
	// confirmTimeout bounds the getUpdates that confirms the handled
	// updates on stop.
	confirmTimeout = 3 * time.Second
)

// pollTracker knows which polled updates were taken and which of those are
// handled, so that getUpdates confirms only handled ones: Telegram takes
// an offset as confirming every update below it.
type pollTracker struct {
	mu sync.Mutex
	// maxTaken is the highest update_id taken; Telegram's update_ids grow,
	// so an update at or below it came before.
	maxTaken int64
	// inFlight are the updates taken and not handled yet.
	inFlight map[int64]struct{}
	// progress is closed and replaced whenever an update is handled.
	progress chan struct{}
}

func newPollTracker() *pollTracker {
	return &pollTracker{inFlight: map[int64]struct{}{}, progress: make(chan struct{})}
}

// take records id as taken and reports whether it is new.
func (p *pollTracker) take(id int64) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if id <= p.maxTaken {
		return false
	}
	p.maxTaken = id
	p.inFlight[id] = struct{}{}
	return true
}

// untake forgets the take of id, the latest one, which never reached the
// queue: Telegram delivers it again.
func (p *pollTracker) untake(id int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.inFlight, id)
	if p.maxTaken == id {
		p.maxTaken = id - 1
	}
}

// done records id as handled.
func (p *pollTracker) done(id int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.inFlight[id]; !ok {
		return
	}
	delete(p.inFlight, id)
	close(p.progress)
	p.progress = make(chan struct{})
}

// state returns the highest update_id up to which every taken update is
// handled (what getUpdates may confirm), how many are in flight, and a
// channel closed at the next handled update.
func (p *pollTracker) state() (handledUpTo int64, inFlight int, progress <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	handledUpTo = p.maxTaken
	for id := range p.inFlight {
		handledUpTo = min(handledUpTo, id-1)
	}
	return handledUpTo, len(p.inFlight), p.progress
}

// poll takes updates by long polling until ctx is done, handing each to the
// queue. An update that does not decode is logged with its update_id and
// skipped; a failed poll is tried again after retry_after (429) or a
// backoff that grows to pollBackoffMax.
func (b *Bot) poll(ctx context.Context) {
	backoff := time.Duration(0)
	for ctx.Err() == nil {
		handledUpTo, inFlight, progress := b.polled.state()
		timeout := b.pollTimeout
		if inFlight > 0 {
			// Telegram answers at once with the updates in flight anyway.
			timeout = 0
		}
		raws, err := b.getUpdates(ctx, handledUpTo+1, pollLimit, timeout)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			b.metrics.apiErrors.WithLabelValues("getUpdates").Inc()
			backoff = min(max(2*backoff, transientBackoff), pollBackoffMax)
			wait := backoff
			var tooMany *tgbot.TooManyRequestsError
			if errors.As(err, &tooMany) {
				wait = max(time.Duration(tooMany.RetryAfter)*time.Second, time.Second)
			}
			b.log.Warn("getUpdates failed; polling again after a pause", "err", err, "wait", wait)
			if b.sleep(ctx, wait) != nil {
				return
			}
			continue
		}
		backoff = 0
		fresh := 0
		for _, raw := range raws {
			switch took, err := b.takePolled(ctx, raw); {
			case err != nil:
				return // stopping
			case took:
				fresh++
			}
		}
		if fresh == 0 && (len(raws) > 0 || inFlight > 0) {
			// Nothing new, and the poll did not wait (or Telegram sent
			// again what is in flight): wait for progress before the next.
			select {
			case <-progress:
			case <-time.After(pollBusyWait):
			case <-ctx.Done():
				return
			}
		}
	}
}

// takePolled hands one polled update to the queue and reports whether it
// was new. It fails only when the queue no longer takes updates.
func (b *Bot) takePolled(ctx context.Context, raw json.RawMessage) (bool, error) {
	u, id, err := decodeUpdate(raw)
	if id <= 0 {
		// Without an update_id it cannot be confirmed by itself; the next
		// update confirms it.
		b.metrics.updatesSkipped.WithLabelValues(skipUndecodable).Inc()
		b.log.Warn("update skipped: it has no update_id", "err", err)
		return false, nil
	}
	if !b.polled.take(id) {
		return false, nil // delivered again while in flight
	}
	if err != nil {
		b.metrics.updatesSkipped.WithLabelValues(skipUndecodable).Inc()
		b.log.Warn("update skipped: it does not decode", "update_id", id, "err", err)
		b.polled.done(id)
		return true, nil
	}
	if err := b.queue.push(ctx, u); err != nil {
		b.polled.untake(id)
		return false, err
	}
	return true, nil
}

// decodeUpdate decodes one update of getUpdates' result; id is its
// update_id, or 0 when even that cannot be read.
func decodeUpdate(raw json.RawMessage) (*models.Update, int64, error) {
	var head struct {
		ID int64 `json:"update_id"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, 0, err
	}
	var u models.Update
	if err := json.Unmarshal(raw, &u); err != nil {
		return nil, head.ID, err
	}
	return &u, head.ID, nil
}

// confirmHandled tells Telegram, on stop, that the updates handled so far
// are done: a getUpdates with the offset after them, limit 1 and no wait.
// The updates still unhandled stay unconfirmed, so that the next run
// answers them.
func (b *Bot) confirmHandled(ctx context.Context) {
	handledUpTo, unhandled, _ := b.polled.state()
	if handledUpTo <= 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), confirmTimeout)
	defer cancel()
	if _, err := b.getUpdates(ctx, handledUpTo+1, 1, 0); err != nil {
		b.log.Warn("could not confirm the handled updates; the next run may answer some again", "up_to", handledUpTo, "err", err)
		return
	}
	b.log.Info("confirmed the handled updates", "up_to", handledUpTo, "left_for_the_next_run", unhandled)
}

// getUpdatesResponse is the Bot API's answer to getUpdates, with each
// update left raw so that one that does not decode costs only itself.
type getUpdatesResponse struct {
	OK          bool              `json:"ok"`
	Result      []json.RawMessage `json:"result"`
	ErrorCode   int               `json:"error_code"`
	Description string            `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// getUpdates asks for up to limit updates from offset on, waiting up to
// timeout for one to come. A 429 is a *tgbot.TooManyRequestsError; no
// error holds the token.
func (b *Bot) getUpdates(ctx context.Context, offset int64, limit int, timeout time.Duration) ([]json.RawMessage, error) {
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	allowed, _ := json.Marshal(allowedUpdates()) // a []string always encodes
	for _, f := range [][2]string{
		{"offset", strconv.FormatInt(offset, 10)},
		{"limit", strconv.Itoa(limit)},
		{"timeout", strconv.Itoa(int(timeout / time.Second))},
		{"allowed_updates", string(allowed)},
	} {
		_ = form.WriteField(f[0], f[1]) // writes to a bytes.Buffer do not fail
	}
	_ = form.Close()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.apiURL+"/bot"+b.token+"/getUpdates", &body)
	if err != nil {
		return nil, redactError(fmt.Errorf("getUpdates: %w", err), b.token)
	}
	req.Header.Set("Content-Type", form.FormDataContentType())
	resp, err := b.http.Do(req)
	if err != nil {
		return nil, redactError(fmt.Errorf("getUpdates: %w", err), b.token)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxPollResponse))
	if err != nil {
		return nil, redactError(fmt.Errorf("getUpdates: read the response: %w", err), b.token)
	}
	var r getUpdatesResponse
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, redactError(fmt.Errorf("getUpdates: HTTP %d, not the Bot API's JSON: %w: %s", resp.StatusCode, err, cutForLog(data, b.secrets...)), b.token)
	}
	if !r.OK {
		if r.ErrorCode == http.StatusTooManyRequests {
			return nil, &tgbot.TooManyRequestsError{Message: "getUpdates: " + r.Description, RetryAfter: r.Parameters.RetryAfter}
		}
		return nil, redactError(fmt.Errorf("getUpdates: %d %s", r.ErrorCode, r.Description), b.token)
	}
	return r.Result, nil
}

// maxPollResponse bounds a getUpdates response: 100 updates, each at most a
// few tens of kilobytes.
const maxPollResponse = 32 << 20
