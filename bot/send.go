package bot

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Sending to Telegram: every Bot API call goes through callWithRetry, which
// waits out 429s, retries transient failures for a bounded time and keeps
// the secrets out of errors. Messages to a chat go through the chat's
// outbox (outbox.go), so that waiting for one chat holds back no other.

// Retry limits of callWithRetry.
const (
	// maxRetries is how many times a call that got 429 Too Many Requests
	// is tried again after waiting the retry_after Telegram asked for.
	maxRetries = 3
	// maxRetryAfter is the longest retry_after the bot waits out. Telegram
	// asks for long waits when a bot has flooded a chat; by then the user
	// has moved on.
	maxRetryAfter = 30 * time.Second
	// transientBackoff is the first pause before a call that failed on the
	// way (a network error, a 5xx, a response that is not the Bot API's
	// JSON) is tried again; each later pause doubles, up to
	// maxTransientBackoff, until the retry window is spent.
	transientBackoff    = 500 * time.Millisecond
	maxTransientBackoff = 8 * time.Second
	// DefaultRetryWindow is how long, in pauses, a call is retried through
	// a Bot API outage before the bot gives up on it.
	DefaultRetryWindow = 30 * time.Second
	// interactiveRetryWindow bounds the retries of answers to an inline
	// query or a button press: Telegram forgets those after a few seconds.
	interactiveRetryWindow = 4 * time.Second
)

// errMaybeDelivered reports a sendMessage whose response was lost after the
// request went out: Telegram may have delivered it, so it is not sent again.
var errMaybeDelivered = errors.New("the response was lost after the request was sent; not sent again, as it may have arrived")

// errRetryAbandoned reports a call given up while waiting to try it again
// (ctx ended): the attempts so far certainly did not deliver it.
var errRetryAbandoned = errors.New("stopped waiting to retry")

// callWithRetry makes one Bot API call. When Telegram answers 429 Too Many
// Requests it waits the retry_after it asked for, up to maxRetryAfter, and
// tries again, up to maxRetries times; go-telegram/bot returns 429 as
// *TooManyRequestsError and does not retry by itself. A transient failure
// is tried again after a growing backoff until the retry window (the
// bot's RetryWindow; shorter for inline and button answers) is spent. A
// sendMessage whose response was lost is not repeated (errMaybeDelivered):
// the bot would rather miss an answer than send it twice. Other errors
// (4xx, a cancelled ctx) return at once. Every wait goes through b.sleep,
// and the returned error holds no secret.
func callWithRetry[T any](ctx context.Context, b *Bot, method string, call func(context.Context) (T, error)) (T, error) {
	tooManyLeft := maxRetries
	window := b.retryWindow
	if method == "answerInlineQuery" || method == "answerCallbackQuery" {
		window = min(window, interactiveRetryWindow)
	}
	var waited time.Duration
	backoff := transientBackoff
	for {
		v, err := call(ctx)
		if err == nil {
			return v, nil
		}
		b.metrics.apiErrors.WithLabelValues(method).Inc()
		var wait time.Duration
		var tooMany *tgbot.TooManyRequestsError
		switch {
		case errors.As(err, &tooMany):
			wait = max(time.Duration(tooMany.RetryAfter)*time.Second, time.Second)
			if tooManyLeft == 0 {
				return v, fmt.Errorf("%s: %w", method, redactError(err, b.secrets...))
			}
			if wait > maxRetryAfter {
				b.log.Warn("telegram asked to wait longer than the bot waits; giving up",
					"method", method, "retry_after", wait, "max_wait", maxRetryAfter)
				return v, fmt.Errorf("%s: %w", method, redactError(err, b.secrets...))
			}
			tooManyLeft--
			b.log.Warn("telegram asked to slow down; waiting", "method", method, "retry_after", wait,
				"attempt", maxRetries-tooManyLeft)
		case isTransient(ctx, err):
			if method == "sendMessage" && mayHaveArrived(err) {
				return v, fmt.Errorf("%s: %w: %w", method, errMaybeDelivered, redactError(err, b.secrets...))
			}
			if waited >= window {
				b.log.Warn("telegram still failing; giving up", "method", method, "retried_for", waited)
				return v, fmt.Errorf("%s: gave up after retrying for %v: %w", method, waited, redactError(err, b.secrets...))
			}
			wait = min(backoff, window-waited)
			backoff = min(2*backoff, maxTransientBackoff)
			waited += wait
			b.log.Warn("telegram call failed; retrying", "method", method, "err", redactError(err, b.secrets...),
				"wait", wait)
		default:
			return v, fmt.Errorf("%s: %w", method, redactError(err, b.secrets...))
		}
		if err := b.sleep(ctx, wait); err != nil {
			return v, fmt.Errorf("%s: %w: %w", method, errRetryAbandoned, err)
		}
	}
}

// serverError matches go-telegram/bot's error for a Bot API answer with a
// 5xx error_code; it has no error type for those.
var serverError = regexp.MustCompile(`^error response from telegram for method \S+, 5\d\d `)

// isTransient reports whether a failed call may well succeed when tried
// again: the request or the response was lost on the way (a network error),
// the server failed (5xx), or what came back was not the Bot API's JSON (an
// error page of a proxy in front of it, such as 502 Bad Gateway). A 4xx
// other than 429 is the request's own fault, and a call whose ctx is done
// must not go on.
func isTransient(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		return false
	}
	var netErr *url.Error
	if errors.As(err, &netErr) {
		return true
	}
	msg := err.Error()
	return serverError.MatchString(msg) ||
		strings.HasPrefix(msg, "error read response body") ||
		strings.HasPrefix(msg, "error decode response body")
}

// mayHaveArrived reports whether a transient failure happened after the
// request could have reached Telegram: anything but a failure to connect.
// A 5xx or a proxy's error page came from a server that did not deliver.
func mayHaveArrived(err error) bool {
	var netErr *url.Error
	if !errors.As(err, &netErr) {
		return strings.HasPrefix(err.Error(), "error read response body")
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return false
	}
	var dnsErr *net.DNSError
	return !errors.As(err, &dnsErr)
}

func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// sendHTML queues an HTML message with link previews off for the chat,
// topic and message of to (see destination). The chat's outbox sends it
// and logs a failure. When Telegram answers that the chat has become a
// supergroup, the state of the chat (its outbox too) moves with it and the
// message goes to the supergroup; a message for a group known to have
// become one goes to the supergroup at once. onSent, when not nil, gets the
// message once it is sent, in the outbox, before the update that queued it
// counts as handled.
func (b *Bot) sendHTML(ctx context.Context, to destination, text string, markup models.ReplyMarkup, onSent func(*models.Message)) {
	to.chatID = b.migrations.current(to.chatID)
	params := &tgbot.SendMessageParams{
		ChatID:             to.chatID,
		MessageThreadID:    to.threadID,
		Text:               text,
		ParseMode:          models.ParseModeHTML,
		LinkPreviewOptions: noPreview(),
		ReplyMarkup:        markup,
	}
	if to.replyTo != 0 {
		params.ReplyParameters = &models.ReplyParameters{MessageID: to.replyTo, AllowSendingWithoutReply: true}
	}
	b.outbox.enqueue(ctx, to.chatID, "sendMessage", "send message failed", func(ctx context.Context) error {
		msg, err := b.sendMessage(ctx, params)
		if newChat, ok := migratedTo(err); ok {
			b.chatMigrated(to.chatID, newChat)
			params.ChatID = newChat
			msg, err = b.sendMessage(ctx, params)
		}
		if err == nil && msg != nil && onSent != nil {
			onSent(msg)
		}
		return err
	})
}

// sendMessage makes a sendMessage call from an outbox, retried by
// callWithRetry, each attempt in one of the outboxes' request slots.
func (b *Bot) sendMessage(ctx context.Context, params *tgbot.SendMessageParams) (*models.Message, error) {
	return callWithRetry(ctx, b, "sendMessage", func(ctx context.Context) (msg *models.Message, err error) {
		err = b.outbox.request(func(ctx context.Context) error {
			msg, err = b.api.SendMessage(ctx, params)
			return err
		})
		return msg, err
	})
}

// reply queues an answer to m in its chat and topic; in groups it is a
// reply to m, in private chats a plain message.
func (b *Bot) reply(ctx context.Context, m *models.Message, text string, markup models.ReplyMarkup) {
	b.sendHTML(ctx, replyDestination(m), text, markup, nil)
}

func noPreview() *models.LinkPreviewOptions {
	disabled := true
	return &models.LinkPreviewOptions{IsDisabled: &disabled}
}
