package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Sending to Telegram: every Bot API call goes through callWithRetry, which
// waits out 429s and keeps the token out of errors.

// callWithRetry makes one Bot API call, and when Telegram answers 429 Too
// Many Requests waits the retry_after it asked for and tries again, up to
// maxRetries times. go-telegram/bot returns 429 as *TooManyRequestsError and
// does not retry by itself.
func callWithRetry[T any](ctx context.Context, b *Bot, method string, call func(context.Context) (T, error)) (T, error) {
	for attempt := 0; ; attempt++ {
		v, err := call(ctx)
		if err != nil {
			b.metrics.apiErrors.WithLabelValues(method).Inc()
		}
		var tooMany *tgbot.TooManyRequestsError
		if err == nil || !errors.As(err, &tooMany) || attempt == maxRetries {
			if err != nil {
				err = fmt.Errorf("%s: %w", method, redactError(err, b.token))
			}
			return v, err
		}
		wait := max(time.Duration(tooMany.RetryAfter)*time.Second, time.Second)
		b.log.Warn("telegram asked to slow down; waiting", "method", method, "retry_after", wait, "attempt", attempt+1)
		if err := b.sleep(ctx, wait); err != nil {
			return v, fmt.Errorf("%s: waiting out 429: %w", method, err)
		}
	}
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

// sendHTML sends an HTML message with link previews off, as a reply to
// replyTo when it is not 0. Errors are logged and returned.
func (b *Bot) sendHTML(ctx context.Context, chatID int64, replyTo int, text string, markup models.ReplyMarkup) (*models.Message, error) {
	params := &tgbot.SendMessageParams{
		ChatID:             chatID,
		Text:               text,
		ParseMode:          models.ParseModeHTML,
		LinkPreviewOptions: noPreview(),
		ReplyMarkup:        markup,
	}
	if replyTo != 0 {
		params.ReplyParameters = &models.ReplyParameters{MessageID: replyTo, AllowSendingWithoutReply: true}
	}
	msg, err := callWithRetry(ctx, b, "sendMessage", func(ctx context.Context) (*models.Message, error) {
		return b.api.SendMessage(ctx, params)
	})
	if err != nil {
		b.log.Error("send message failed", "chat_id", chatID, "err", err)
	}
	return msg, err
}

// reply answers m in its chat; in groups it is a reply to m, in private
// chats a plain message.
func (b *Bot) reply(ctx context.Context, m *models.Message, text string, markup models.ReplyMarkup) {
	replyTo := 0
	if m.Chat.Type != models.ChatTypePrivate {
		replyTo = m.ID
	}
	_, _ = b.sendHTML(ctx, m.Chat.ID, replyTo, text, markup) // logged in sendHTML
}

func noPreview() *models.LinkPreviewOptions {
	disabled := true
	return &models.LinkPreviewOptions{IsDisabled: &disabled}
}
