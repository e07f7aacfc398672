package bot

import (
	"context"
	"errors"
	"sync"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Joining groups and group migrations. When someone adds the bot to a group
// (a my_chat_member update), it says once how to ask there and nothing more
// unprompted. When a group becomes a supergroup, Telegram gives it a new
// chat ID (migrate_to_chat_id); the bot moves what it keeps per chat (the
// answers behind buttons, the answers to edit) to the new ID and answers
// there.

// handleMyChatMember greets a group the bot was just added to.
func (b *Bot) handleMyChatMember(ctx context.Context, u *models.ChatMemberUpdated) {
	if u.Chat.Type != models.ChatTypeGroup && u.Chat.Type != models.ChatTypeSupergroup {
		return
	}
	if !inChat(u.NewChatMember) || inChat(u.OldChatMember) {
		return
	}
	// A group that became a supergroup brings the bot along; it was greeted
	// as the group already.
	if b.migrations.isTarget(u.Chat.ID) {
		return
	}
	l := langFor(u.From.LanguageCode)
	b.log.Info("added to a group", "chat_id", u.Chat.ID, "by_user_id", u.From.ID)
	text := l.text(msgJoinedGroup, escapeHTML("@"+b.me.Username), escapeHTML(exampleQuestions[l][0]))
	b.sendHTML(ctx, destination{chatID: u.Chat.ID}, text, nil, nil)
}

// inChat reports whether a chat member status means the bot is in the chat.
func inChat(m models.ChatMember) bool {
	switch m.Type {
	case models.ChatMemberTypeOwner, models.ChatMemberTypeAdministrator, models.ChatMemberTypeMember:
		return true
	case models.ChatMemberTypeRestricted:
		return m.Restricted != nil && m.Restricted.IsMember
	}
	return false
}

// noteMigration handles the service messages of a group migration: the old
// group's migrate_to_chat_id and the supergroup's migrate_from_chat_id. It
// reports whether m was one.
func (b *Bot) noteMigration(m *models.Message) bool {
	switch {
	case m.MigrateToChatID != 0:
		b.chatMigrated(m.Chat.ID, m.MigrateToChatID)
	case m.MigrateFromChatID != 0:
		b.chatMigrated(m.MigrateFromChatID, m.Chat.ID)
	default:
		return false
	}
	return true
}

// chatMigrated moves the per-chat state of group from to supergroup to.
// Both service messages and a refused send may report one migration; the
// moves after the first find nothing left to move.
func (b *Bot) chatMigrated(from, to int64) {
	if from == to || to == 0 {
		return
	}
	if b.migrations.add(from, to) {
		b.log.Info("group became a supergroup; its state moves along", "from_chat_id", from, "to_chat_id", to)
	}
	b.answers.moveChat(from, to)
	b.answered.moveChat(from, to)
	b.outbox.moveChat(from, to)
}

// migratedTo reports the supergroup a send was refused for: Telegram
// answers a message to a group that has become one with
// migrate_to_chat_id.
func migratedTo(err error) (int64, bool) {
	var migrate *tgbot.MigrateError
	if errors.As(err, &migrate) && migrate.MigrateToChatID != 0 {
		return int64(migrate.MigrateToChatID), true
	}
	return 0, false
}

// maxMigrations bounds the remembered migrations; a group migrates once.
const maxMigrations = 10000

// migrationLog remembers which groups became which supergroups.
type migrationLog struct {
	mu      sync.Mutex
	targets map[int64]int64 // supergroup → the group it was
	sources map[int64]int64 // group → the supergroup it became
}

// add records that from became to and reports whether it was new.
func (l *migrationLog) add(from, to int64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.targets == nil || len(l.targets) >= maxMigrations {
		l.targets, l.sources = map[int64]int64{}, map[int64]int64{}
	}
	if _, ok := l.targets[to]; ok {
		return false
	}
	l.targets[to] = from
	l.sources[from] = to
	return true
}

// current is the chat to send to for chatID: the supergroup a known group
// became, or chatID itself.
func (l *migrationLog) current(chatID int64) int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if to, ok := l.sources[chatID]; ok {
		return to
	}
	return chatID
}

// isTarget reports whether chatID is a supergroup a known group became.
func (l *migrationLog) isTarget(chatID int64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, ok := l.targets[chatID]
	return ok
}
