package bot

import (
	"context"
	"strings"

	"github.com/go-telegram/bot/models"
)

// handleGroup answers a group message only when it is addressed to the bot:
// "/ask question" (or "/ask@botname question"), a message that mentions the
// bot, or a reply to one of the bot's messages. Everything else is ignored,
// so the bot never interrupts a conversation. Answers are replies to the
// message that asked.
func (b *Bot) handleGroup(ctx context.Context, m *models.Message) {
	l := langFor(m.From.LanguageCode)
	if cmd, ok := parseCommand(m); ok {
		if !cmd.forBot(b.me.Username) {
			return
		}
		switch cmd.name {
		case "ask":
			if cmd.args == "" {
				if b.admit(ctx, m, l) {
					b.reply(ctx, m, l.text(msgGroupUsage, escapeHTML(exampleQuestions[l][0])), nil)
				}
				return
			}
			b.answerQuestion(ctx, m, cmd.args, l)
		case "start", "help":
			// A bare /help in a group may be meant for another bot.
			if cmd.target != "" && b.admit(ctx, m, l) {
				b.reply(ctx, m, b.helpText(ctx, m.From.ID, l), nil)
			}
		case "reload":
			if cmd.target != "" {
				b.handleReload(ctx, m, l)
			}
		}
		return
	}
	question, addressed := b.addressedQuestion(m)
	if !addressed {
		return
	}
	if strings.TrimSpace(question) == "" {
		if b.admit(ctx, m, l) {
			b.reply(ctx, m, l.text(msgGroupUsage, escapeHTML(exampleQuestions[l][0])), nil)
		}
		return
	}
	b.answerQuestion(ctx, m, question, l)
}

// addressedQuestion reports whether a plain group message speaks to the bot,
// by mentioning it or by replying to it, and returns the question with the
// mention taken out.
func (b *Bot) addressedQuestion(m *models.Message) (string, bool) {
	if m.Text == "" {
		return "", false
	}
	for _, e := range m.Entities {
		start, end, ok := entitySpan(m.Text, e)
		if !ok {
			continue
		}
		mentioned := (e.Type == models.MessageEntityTypeMention && strings.EqualFold(m.Text[start:end], "@"+b.me.Username)) ||
			(e.Type == models.MessageEntityTypeTextMention && e.User != nil && e.User.ID == b.me.ID)
		if mentioned {
			return withoutMention(m.Text, start, end), true
		}
	}
	if r := m.ReplyToMessage; r != nil && r.From != nil && r.From.ID == b.me.ID {
		return m.Text, true
	}
	return "", false
}

// withoutMention removes text[start:end] and the punctuation that tied it to
// the sentence: "@bot, who leads the CSTO?" becomes "who leads the CSTO?".
func withoutMention(text string, start, end int) string {
	before := strings.TrimRight(text[:start], " ,:")
	after := strings.TrimLeft(text[end:], " ,:")
	if strings.HasPrefix(after, "?") || strings.HasPrefix(after, "!") || strings.HasPrefix(after, ".") {
		return strings.TrimSpace(before + after)
	}
	return strings.TrimSpace(before + " " + after)
}
