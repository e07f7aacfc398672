package bot

import (
	"context"
	"log/slog"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/alliancebot/alliancebot/retrieval"
)

// questionEvent is what happened to one question, in any channel.
type questionEvent struct {
	channel  string
	userID   int64
	question string
	outcome  string
	// answer is the engine's answer; nil when the engine was not asked
	// (rate-limited).
	answer *retrieval.Answer
	took   time.Duration
}

// observeQuestion counts a question in the metrics and logs it: one line per
// question, the same in every channel, with the question text only at debug
// level (a question may say more about the user than they meant to log).
func (b *Bot) observeQuestion(ctx context.Context, e questionEvent) {
	b.metrics.questions.WithLabelValues(e.channel, e.outcome).Inc()
	attrs := []slog.Attr{
		slog.String("channel", e.channel),
		slog.Int64("user_id", e.userID),
		slog.String("outcome", e.outcome),
	}
	if e.answer != nil {
		b.metrics.answerSeconds.WithLabelValues(e.channel).Observe(e.took.Seconds())
		attrs = append(attrs,
			slog.Bool("found", e.answer.Found),
			slog.Int("citations", len(e.answer.Citations)),
			slog.Duration("took", e.took))
	} else {
		attrs = append(attrs, slog.Bool("found", false), slog.Int("runes", utf8.RuneCountInString(e.question)))
	}
	if b.log.Enabled(ctx, slog.LevelDebug) {
		attrs = append(attrs, slog.String("question", e.question))
	}
	b.log.LogAttrs(ctx, slog.LevelInfo, "question", attrs...)
}

// answerOutcome is the outcome label of an answer the engine gave.
func answerOutcome(a retrieval.Answer) string {
	switch {
	case a.Found:
		return outcomeAnswered
	case a.Refusal == retrieval.RefusedEmpty, a.Refusal == retrieval.RefusedTooLong, a.Refusal == retrieval.RefusedNoIndex:
		return outcomeRefused
	}
	return outcomeNotFound
}

// chatChannel is the channel label of a chat: private, or group for groups
// and supergroups.
func chatChannel(c models.Chat) string {
	if c.Type == models.ChatTypePrivate {
		return channelPrivate
	}
	return channelGroup
}
