package bot

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Sending to Telegram: every Bot API call goes through callWithRetry, which
// waits out 429s, retries transient failures and keeps the token out of
// errors.

// Retry limits of callWithRetry.
const (
	// maxRetries is how many times a call that got 429 Too Many Requests
	// is tried again after waiting the retry_after Telegram asked for.
	maxRetries = 3
	// maxRetryAfter is the longest retry_after the bot waits out. Telegram
	// asks for long waits when a bot has flooded a chat; a handler that
	// sleeps that long only holds a worker, and the user has moved on.
	maxRetryAfter = 30 * time.Second
	// maxTransientRetries is how many times a call that failed on the way
	// (a network error, a 5xx, a response that is not the Bot API's JSON) is
	// tried again, after transientBackoff and then twice that.
	maxTransientRetries = 2
	transientBackoff    = 500 * time.Millisecond
)

// callWithRetry makes one Bot API call. When Telegram answers 429 Too Many
// Requests it waits the retry_after it asked for, up to maxRetryAfter, and
// tries again, up to maxRetries times; go-telegram/bot returns 429 as
// *TooManyRequestsError and does not retry by itself. A transient failure
// is tried again maxTransientRetries times after a short backoff. Other
// errors (4xx, a cancelled ctx) return at once. Every wait goes through
// b.sleep, and the returned error never holds the token.
func callWithRetry[T any](ctx context.Context, b *Bot, method string, call func(context.Context) (T, error)) (T, error) {
	tooManyLeft, transientLeft := maxRetries, maxTransientRetries
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
				return v, fmt.Errorf("%s: %w", method, redactError(err, b.token))
			}
			if wait > maxRetryAfter {
				b.log.Warn("telegram asked to wait longer than the bot waits; giving up",
					"method", method, "retry_after", wait, "max_wait", maxRetryAfter)
				return v, fmt.Errorf("%s: %w", method, redactError(err, b.token))
			}
			tooManyLeft--
			b.log.Warn("telegram asked to slow down; waiting", "method", method, "retry_after", wait,
				"attempt", maxRetries-tooManyLeft)
		case transientLeft > 0 && isTransient(ctx, err):
			wait = transientBackoff << (maxTransientRetries - transientLeft)
			transientLeft--
			b.log.Warn("telegram call failed; retrying", "method", method, "err", redactError(err, b.token),
				"wait", wait, "attempt", maxTransientRetries-transientLeft)
		default:
			return v, fmt.Errorf("%s: %w", method, redactError(err, b.token))
		}
		if err := b.sleep(ctx, wait); err != nil {
			return v, fmt.Errorf("%s: waiting to retry: %w", method, err)
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

// sendHTML sends an HTML message with link previews off to the chat, topic
// and message of to (see destination). When Telegram answers that the chat
// has become a supergroup, the state of the chat moves with it and the
// message goes to the supergroup. Errors are logged and returned.
func (b *Bot) sendHTML(ctx context.Context, to destination, text string, markup models.ReplyMarkup) (*models.Message, error) {
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
	send := func(ctx context.Context) (*models.Message, error) { return b.api.SendMessage(ctx, params) }
	msg, err := callWithRetry(ctx, b, "sendMessage", send)
	if newChat, ok := migratedTo(err); ok {
		b.chatMigrated(to.chatID, newChat)
		params.ChatID = newChat
		msg, err = callWithRetry(ctx, b, "sendMessage", send)
	}
	if err != nil {
		b.log.Error("send message failed", "chat_id", to.chatID, "err", err)
	}
	return msg, err
}

// reply answers m in its chat and topic; in groups it is a reply to m, in
// private chats a plain message. It returns the message sent, or nil.
func (b *Bot) reply(ctx context.Context, m *models.Message, text string, markup models.ReplyMarkup) *models.Message {
	msg, _ := b.sendHTML(ctx, replyDestination(m), text, markup) // logged in sendHTML
	return msg
}

func noPreview() *models.LinkPreviewOptions {
	disabled := true
	return &models.LinkPreviewOptions{IsDisabled: &disabled}
}
