package bot

import (
	"context"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Typing. Most answers take milliseconds, but with a remote embedder, or
// while a reload runs, one may take seconds; then the chat shows "typing…"
// so that the user knows an answer is coming. Telegram shows a chat action
// for five seconds or until the bot's next message, so it is repeated.
const (
	// defaultTypingDelay is how long work may take before the bot shows
	// that it is typing; a quicker answer shows nothing.
	defaultTypingDelay = 300 * time.Millisecond
	// defaultTypingRepeat renews the action before Telegram's five seconds
	// end.
	defaultTypingRepeat = 4 * time.Second
)

// showTyping starts showing "typing" in the chat and topic of to once
// b.typingDelay has passed, repeating it every b.typingRepeat, until the
// returned stop is called. stop waits for an action being sent, so none
// follows the answer.
func (b *Bot) showTyping(ctx context.Context, to destination) (stop func()) {
	done := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		timer := time.NewTimer(b.typingDelay)
		defer timer.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-timer.C:
			}
			params := &tgbot.SendChatActionParams{ChatID: to.chatID, MessageThreadID: to.threadID, Action: models.ChatActionTyping}
			// One attempt: a lost "typing" is not worth a retry's wait.
			if _, err := b.api.SendChatAction(ctx, params); err != nil {
				b.metrics.apiErrors.WithLabelValues("sendChatAction").Inc()
				b.log.Debug("sendChatAction failed", "chat_id", to.chatID, "err", redactError(err, b.token))
			}
			timer.Reset(b.typingRepeat)
		}
	}()
	return func() {
		close(done)
		<-exited
	}
}
