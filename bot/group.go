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
