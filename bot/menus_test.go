package bot

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// waitLogCount waits up to waitLimit until the logs hold want lines
// containing substr, and returns how many they hold.
func (h *harness) waitLogCount(substr string, want int) int {
	deadline := time.Now().Add(waitLimit)
	for {
		got := strings.Count(h.logs.String(), substr)
		if got >= want || time.Now().After(deadline) {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// menuCall is one setMyCommands call, decoded.
type menuCall struct {
	scopeType string
	chatID    int64
	language  string
	commands  []models.BotCommand
}

func decodeMenu(t *testing.T, c apiCall) menuCall {
	t.Helper()
	var scope struct {
		Type   string `json:"type"`
		ChatID int64  `json:"chat_id"`
	}
	if err := json.Unmarshal([]byte(c.Params["scope"]), &scope); err != nil {
		t.Fatalf("setMyCommands without a scope: %v", c.Params)
	}
	m := menuCall{scopeType: scope.Type, chatID: scope.ChatID, language: c.Params["language_code"]}
	if err := json.Unmarshal([]byte(c.Params["commands"]), &m.commands); err != nil {
		t.Fatal(err)
	}
	return m
}

func commandNames(cs []models.BotCommand) []string {
	var names []string
	for _, c := range cs {
		names = append(names, c.Command)
	}
	return names
}

func TestMenusByScopeAndLanguage(t *testing.T) {
	secondAdmin := testUser{id: 1002, lang: "kk"}
	h := startBot(t, func(s *botSetup) { s.cfg.AdminIDs = []int64{adminUser.id, secondAdmin.id} })
	languages := profileLanguages()
	const scopes = 4 // private chats, groups, two admin chats
	h.tg.waitCount(0, scopes*len(languages), func(c apiCall) bool { return c.Method == "setMyCommands" && c.Refused == "" })

	wantRussian := []string{"ru", "be", "uk", "kk", "ky", "tg"}
	for _, code := range wantRussian {
		if !slices.Contains(languages, code) {
			t.Errorf("the menus are not set for %q, a language answered in Russian", code)
		}
	}
	seen := map[string]bool{}
	for _, c := range h.sentAfter(0, "setMyCommands") {
		m := decodeMenu(t, c)
		seen[m.scopeType+"/"+m.language] = true
		var want []string
		switch {
		case m.scopeType == "all_private_chats":
			want = []string{"start", "help"}
		case m.scopeType == "all_group_chats":
			want = []string{"ask", "help"}
		case m.scopeType == "chat" && (m.chatID == adminUser.id || m.chatID == secondAdmin.id):
			want = []string{"start", "help", "reload"}
		default:
			t.Errorf("unexpected menu scope %s (chat %d)", m.scopeType, m.chatID)
			continue
		}
		if got := commandNames(m.commands); !slices.Equal(got, want) {
			t.Errorf("menu %s/%q = %v, want %v", m.scopeType, m.language, got, want)
		}
		wantLang := langFor(m.language)
		for _, cmd := range m.commands {
			if cmd.Description != wantLang.text(commandDescriptions[cmd.Command]) {
				t.Errorf("menu %s/%q: /%s is described %q, not in the language answered to %q",
					m.scopeType, m.language, cmd.Command, cmd.Description, m.language)
			}
		}
	}
	for _, scope := range []string{"all_private_chats", "all_group_chats", "chat"} {
		for _, code := range languages {
			if !seen[scope+"/"+code] {
				t.Errorf("no %s menu for language %q", scope, code)
			}
		}
	}
	if slices.Contains(languages, "rue") {
		t.Errorf("rue is not a two-letter code; the Bot API refuses it")
	}
}
