package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// More of the fake Bot API: the profile and menu methods, chat actions,
// forum topics, deleted messages, edits that change nothing, and groups
// that became supergroups. The fake keeps this state per chat:
//
//   - forums: chats with topics, where a message_thread_id is allowed;
//   - deleted: messages deleted meanwhile, which a reply must not need;
//   - migrated: groups that became a supergroup, refused as Telegram does;
//   - texts: the visible text of the bot's messages, for edits.

// messageRef names one message of one chat.
type messageRef struct {
	chatID int64
	id     int
}

// fakeChats is the per-chat state of fakeTelegram; its zero value is ready.
type fakeChats struct {
	forums   map[int64]bool
	deleted  map[messageRef]bool
	migrated map[int64]int64
	texts    map[messageRef]string
}

// apiMigrateError is Telegram's refusal of a message to a group that has
// become a supergroup: 400 with parameters.migrate_to_chat_id.
type apiMigrateError struct{ to int64 }

func (e apiMigrateError) Error() string {
	return "group chat was upgraded to a supergroup chat"
}

func writeMigrateError(w http.ResponseWriter, err error) {
	var m apiMigrateError
	errors.As(err, &m)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(map[string]any{"ok": false, "error_code": http.StatusBadRequest,
		"description": "Bad Request: " + m.Error(), "parameters": map[string]int64{"migrate_to_chat_id": m.to}})
}

// makeForum turns chatID into a chat with topics.
func (f *fakeTelegram) makeForum(chatID int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.chats.forums == nil {
		f.chats.forums = map[int64]bool{}
	}
	f.chats.forums[chatID] = true
}

// deleteMessage deletes a message, as its author may do at any time.
func (f *fakeTelegram) deleteMessage(chatID int64, id int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.chats.deleted == nil {
		f.chats.deleted = map[messageRef]bool{}
	}
	f.chats.deleted[messageRef{chatID, id}] = true
}

// migrate turns the group from into the supergroup to: messages to from
// are refused from now on.
func (f *fakeTelegram) migrate(from, to int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.chats.migrated == nil {
		f.chats.migrated = map[int64]int64{}
	}
	f.chats.migrated[from] = to
}

// checkDestinationLocked refuses a sendMessage or editMessageText as
// Telegram would for the chat's state; visible is the text after parsing.
func (f *fakeTelegram) checkDestinationLocked(c apiCall, chatID int64, visible string) error {
	if to, ok := f.chats.migrated[chatID]; ok {
		return apiMigrateError{to: to}
	}
	if thread := c.Params["message_thread_id"]; thread != "" && !f.chats.forums[chatID] {
		return fmt.Errorf("message thread not found (chat %d has no topics)", chatID)
	}
	if raw := c.Params["reply_parameters"]; raw != "" {
		var rp models.ReplyParameters
		if err := json.Unmarshal([]byte(raw), &rp); err != nil {
			return fmt.Errorf("can't parse reply parameters: %w", err)
		}
		if f.chats.deleted[messageRef{chatID, rp.MessageID}] && !rp.AllowSendingWithoutReply {
			return apiStateError("message to be replied not found")
		}
	}
	if c.Method == "editMessageText" {
		id, _ := strconv.Atoi(c.Params["message_id"])
		ref := messageRef{chatID, id}
		if f.chats.deleted[ref] {
			return apiStateError("message to edit not found")
		}
		if old, ok := f.chats.texts[ref]; ok && old == visible && c.Params["reply_markup"] == "" {
			return errors.New("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
		}
	}
	return nil
}

// recordMessageLocked keeps the text of a message the bot sent or edited
// and puts it in its topic.
func (f *fakeTelegram) recordMessageLocked(c apiCall, m models.Message) models.Message {
	if f.chats.texts == nil {
		f.chats.texts = map[messageRef]string{}
	}
	f.chats.texts[messageRef{m.Chat.ID, m.ID}] = m.Text
	if thread, err := strconv.Atoi(c.Params["message_thread_id"]); err == nil && thread != 0 {
		m.MessageThreadID, m.IsTopicMessage = thread, true
		m.Chat.IsForum = true
	}
	return m
}

var (
	botCommandName   = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	languageCode     = regexp.MustCompile(`^[a-z]{2}$`)
	startParameter   = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	chatActions      = map[string]bool{"typing": true, "upload_photo": true, "record_video": true, "upload_video": true, "record_voice": true, "upload_voice": true, "upload_document": true, "choose_sticker": true, "find_location": true, "record_video_note": true, "upload_video_note": true}
	commandScopeType = map[string]bool{"default": true, "all_private_chats": true, "all_group_chats": true, "all_chat_administrators": true, "chat": true, "chat_administrators": true, "chat_member": true}
)

// handleMoreLocked serves the methods of this file; f.mu is held.
func (f *fakeTelegram) handleMoreLocked(c apiCall) (any, error) {
	if code, ok := c.Params["language_code"]; ok && code != "" && !languageCode.MatchString(code) {
		return nil, fmt.Errorf("LANG_CODE_INVALID: %q", code)
	}
	switch c.Method {
	case "setMyCommands":
		return true, checkCommands(c.Params)
	case "setMyDescription":
		if n := utf8.RuneCountInString(c.Params["description"]); n > 512 {
			return nil, fmt.Errorf("description is too long (%d characters)", n)
		}
		return true, nil
	case "setMyShortDescription":
		if n := utf8.RuneCountInString(c.Params["short_description"]); n > 120 {
			return nil, fmt.Errorf("short description is too long (%d characters)", n)
		}
		return true, nil
	case "sendChatAction":
		if !chatActions[c.Params["action"]] {
			return nil, fmt.Errorf("wrong parameter action in request: %q", c.Params["action"])
		}
		chatID, err := strconv.ParseInt(c.Params["chat_id"], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("chat_id %q: %w", c.Params["chat_id"], err)
		}
		if c.Params["message_thread_id"] != "" && !f.chats.forums[chatID] {
			return nil, fmt.Errorf("message thread not found (chat %d has no topics)", chatID)
		}
		return true, nil
	}
	return nil, fmt.Errorf("method %s is not served by the fake", c.Method)
}

// checkCommands accepts setMyCommands parameters as the Bot API does.
func checkCommands(params map[string]string) error {
	var commands []models.BotCommand
	if err := json.Unmarshal([]byte(params["commands"]), &commands); err != nil {
		return fmt.Errorf("can't parse commands: %w", err)
	}
	if len(commands) == 0 || len(commands) > 100 {
		return fmt.Errorf("BOT_COMMANDS_TOO_MUCH or none: %d", len(commands))
	}
	for _, c := range commands {
		if !botCommandName.MatchString(c.Command) {
			return fmt.Errorf("BOT_COMMAND_INVALID: %q", c.Command)
		}
		if n := utf8.RuneCountInString(c.Description); n == 0 || n > 256 {
			return fmt.Errorf("BOT_COMMAND_DESCRIPTION_INVALID: %q", c.Description)
		}
	}
	if raw := params["scope"]; raw != "" {
		var scope struct {
			Type   string          `json:"type"`
			ChatID json.RawMessage `json:"chat_id"`
		}
		if err := json.Unmarshal([]byte(raw), &scope); err != nil || !commandScopeType[scope.Type] {
			return fmt.Errorf("can't parse BotCommandScope %s", raw)
		}
		if scope.Type == "chat" && len(scope.ChatID) == 0 {
			return errors.New("BotCommandScopeChat without chat_id")
		}
	}
	return nil
}

// checkInlineButton accepts the button of answerInlineQuery: text and a
// start parameter of 1-64 characters of A-Z, a-z, 0-9, _ and -, or a web
// app (null counts as absent, as the Bot API treats it).
func checkInlineButton(raw string) error {
	if raw == "" {
		return nil
	}
	var button struct {
		Text           string          `json:"text"`
		StartParameter string          `json:"start_parameter"`
		WebApp         json.RawMessage `json:"web_app"`
	}
	if err := json.Unmarshal([]byte(raw), &button); err != nil {
		return fmt.Errorf("can't parse inline query results button: %w", err)
	}
	hasWebApp := len(button.WebApp) > 0 && string(button.WebApp) != "null"
	switch {
	case button.Text == "":
		return errors.New("inline query results button text is empty")
	case hasWebApp == (button.StartParameter != ""):
		return errors.New("inline query results button needs exactly one of start_parameter and web_app")
	case !hasWebApp && !startParameter.MatchString(button.StartParameter):
		return fmt.Errorf("START_PARAM_INVALID: %q", button.StartParameter)
	}
	return nil
}

// inlineButton is the results button of an answerInlineQuery call.
func (c apiCall) inlineButton() models.InlineQueryResultsButton {
	var b models.InlineQueryResultsButton
	json.Unmarshal([]byte(c.Params["button"]), &b)
	return b
}

// threadID is the message_thread_id of the call, or 0.
func (c apiCall) threadID() int {
	id, _ := strconv.Atoi(c.Params["message_thread_id"])
	return id
}

// topicMessage is a message from u in topic thread of the forum chatID.
func (f *fakeTelegram) topicMessage(u testUser, chatID int64, thread int, text string) *models.Message {
	m := f.groupMessage(u, chatID, text)
	m.Chat.IsForum = true
	m.MessageThreadID, m.IsTopicMessage = thread, true
	return m
}
