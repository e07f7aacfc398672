package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"
)

// fakeTelegram is an in-process Bot API server for tests. It serves the
// methods the bot uses, queues updates for getUpdates (long polling like the
// real server), records every call, checks what Telegram would refuse (HTML
// that does not parse, texts over 4096 characters, bad buttons, duplicate
// inline result IDs) and can be told to fail a method once, e.g. with 429.
type fakeTelegram struct {
	t      testing.TB
	token  string
	server *httptest.Server
	me     models.User

	mu          sync.Mutex
	changed     chan struct{} // closed and replaced on every new call or update
	updates     []*models.Update
	nextUpdate  int64
	nextMessage int
	calls       []apiCall
	// polls holds, for each getUpdates request, how many other calls had
	// been made before it.
	polls    []int
	failures map[string][]apiFailure
	files    map[string]fakeFile // by file_id
	faults   fakeFaults
	chats    fakeChats // telegram_fake_more_test.go
}

// fakeFaults are the misbehaviours tests switch on beyond failNext: slow
// answers, floods, lost responses, bodies that are not JSON, updates that
// do not decode.
type fakeFaults struct {
	// chatDelay holds every call to a chat for this long before answering.
	chatDelay map[int64]time.Duration
	// chatHold holds every call to a chat until the channel is closed.
	chatHold map[int64]chan struct{}
	// flood answers the next n calls to a chat with 429 and retry_after.
	flood map[int64]*floodFault
	// reset makes the next calls of a method take effect and then lose the
	// response: the connection is closed before anything is written.
	reset map[string]int
	// garble answers the next calls of a method with an HTML 502 page.
	garble map[string]int
	// rawUpdates replaces the JSON of an update in getUpdates.
	rawUpdates map[int64]string
	// confirmed is the highest update_id a getUpdates offset confirmed.
	confirmed int64
	// fileRedirect, when set, answers file downloads with a redirect there.
	fileRedirect string
}

type floodFault struct{ left, retryAfter int }

// apiCall is one request the bot made: the method and its form parameters
// (complex ones are JSON, as the client sends them).
type apiCall struct {
	Method string
	Params map[string]string
	// Refused is the error description when the fake refused the call.
	Refused string
	// MessageID is the message_id the fake gave a sent message.
	MessageID int
	// At is when the fake recorded the call.
	At time.Time
}

// apiStateError is a refusal that is not the bot's fault, such as an
// unknown file_id; every other refusal fails the test.
type apiStateError string

func (e apiStateError) Error() string { return string(e) }

type apiFailure struct {
	code        int
	retryAfter  int
	description string
}

type fakeFile struct {
	path string
	data []byte
}

// waitLimit is how long a test waits for the bot to make a call before it
// fails: a deadline for a broken bot, not a measurement.
const waitLimit = 10 * time.Second

func newFakeTelegram(t testing.TB, token string) *fakeTelegram {
	f := &fakeTelegram{
		t:           t,
		token:       token,
		me:          models.User{ID: 777000111, IsBot: true, FirstName: "Alliance", Username: "AllianceTestBot", SupportInlineQueries: true},
		changed:     make(chan struct{}),
		nextUpdate:  100,
		nextMessage: 5000,
		failures:    map[string][]apiFailure{},
		files:       map[string]fakeFile{},
		faults: fakeFaults{chatDelay: map[int64]time.Duration{}, chatHold: map[int64]chan struct{}{}, flood: map[int64]*floodFault{},
			reset: map[string]int{}, garble: map[string]int{}, rawUpdates: map[int64]string{}},
	}
	f.server = httptest.NewServer(f)
	t.Cleanup(f.server.Close)
	return f
}

// URL is the server's address, for Config.APIURL.
func (f *fakeTelegram) URL() string { return f.server.URL }

// notifyLocked wakes everyone waiting for a change; f.mu must be held.
func (f *fakeTelegram) notifyLocked() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// push queues an update for getUpdates and returns its update_id.
func (f *fakeTelegram) push(u models.Update) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextUpdate++
	u.ID = f.nextUpdate
	f.updates = append(f.updates, &u)
	f.notifyLocked()
	return u.ID
}

// pushRaw queues an update whose JSON is raw with "update_id" set to its
// id, such as one go-telegram/bot's models cannot decode, and returns the id.
func (f *fakeTelegram) pushRaw(raw string) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextUpdate++
	f.updates = append(f.updates, &models.Update{ID: f.nextUpdate})
	f.faults.rawUpdates[f.nextUpdate] = fmt.Sprintf(`{"update_id":%d,%s`, f.nextUpdate, strings.TrimPrefix(raw, "{"))
	f.notifyLocked()
	return f.nextUpdate
}

// holdChat holds every call to chatID, as a slow Bot API would, until the
// returned release is called; the test's end releases it too.
func (f *fakeTelegram) holdChat(chatID int64) (release func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	gate := make(chan struct{})
	f.faults.chatHold[chatID] = gate
	var once sync.Once
	release = func() { once.Do(func() { close(gate) }) }
	f.t.Cleanup(release)
	return release
}

// floodChat answers the next n calls to chatID with 429 and retry_after.
func (f *fakeTelegram) floodChat(chatID int64, n, retryAfter int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults.flood[chatID] = &floodFault{left: n, retryAfter: retryAfter}
}

// resetNext makes the next n calls of method take effect (a message is
// sent) and then closes the connection without a response.
func (f *fakeTelegram) resetNext(method string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults.reset[method] += n
}

// garbleNext answers the next n calls of method with a proxy's HTML error
// page instead of the Bot API's JSON.
func (f *fakeTelegram) garbleNext(method string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults.garble[method] += n
}

// failNextWith makes the next call of method fail with code and the
// given description, such as one that echoes a parameter.
func (f *fakeTelegram) failNextWith(method string, code int, description string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures[method] = append(f.failures[method], apiFailure{code: code, description: description})
}

// redirectFiles answers every file download with a redirect to target, as
// a misconfigured proxy or a hostile server might.
func (f *fakeTelegram) redirectFiles(target string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults.fileRedirect = target
}

// confirmedUpTo is the highest update_id a getUpdates offset confirmed.
func (f *fakeTelegram) confirmedUpTo() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.faults.confirmed
}

// failNext makes the next call of method fail with code; retryAfter > 0
// adds parameters.retry_after as Telegram does for 429.
func (f *fakeTelegram) failNext(method string, code, retryAfter int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	desc := fmt.Sprintf("%s: simulated failure of %s", http.StatusText(code), method)
	if code == http.StatusTooManyRequests {
		desc = fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)
	}
	f.failures[method] = append(f.failures[method], apiFailure{code: code, retryAfter: retryAfter, description: desc})
}

// addFile makes content downloadable through getFile and returns the
// Document a message carrying it would have.
func (f *fakeTelegram) addFile(name string, content []byte) *models.Document {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := fmt.Sprintf("file-%d", len(f.files)+1)
	f.files[id] = fakeFile{path: "documents/" + id + ".bin", data: content}
	return &models.Document{FileID: id, FileUniqueID: "u" + id, FileName: name, MimeType: "text/plain", FileSize: int64(len(content))}
}

// allCalls returns a copy of the calls made so far.
func (f *fakeTelegram) allCalls() []apiCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

// waitCall returns the first call that match accepts, waiting for it up to
// waitLimit.
func (f *fakeTelegram) waitCall(match func(apiCall) bool) apiCall {
	f.t.Helper()
	return f.waitCallFrom(0, match)
}

// waitCount waits until n calls after the first from match.
func (f *fakeTelegram) waitCount(from, n int, match func(apiCall) bool) {
	f.t.Helper()
	deadline := time.NewTimer(waitLimit)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		seen := 0
		for _, c := range f.calls[min(from, len(f.calls)):] {
			if match(c) {
				seen++
			}
		}
		changed := f.changed
		f.mu.Unlock()
		if seen >= n {
			return
		}
		select {
		case <-changed:
		case <-deadline.C:
			f.t.Fatalf("%d of %d matching calls within %v; calls: %v", seen, n, waitLimit, f.allCalls())
		}
	}
}

// waitPoll waits for the first getUpdates and returns how many calls came
// before it.
func (f *fakeTelegram) waitPoll() int {
	f.t.Helper()
	deadline := time.NewTimer(waitLimit)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		polls, changed := slices.Clone(f.polls), f.changed
		f.mu.Unlock()
		if len(polls) > 0 {
			return polls[0]
		}
		select {
		case <-changed:
		case <-deadline.C:
			f.t.Fatalf("the bot did not poll within %v; calls: %v", waitLimit, f.allCalls())
		}
	}
}

// pollCount is how many getUpdates requests the bot made.
func (f *fakeTelegram) pollCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.polls)
}

// waitCallFrom is waitCall for the calls after the first from.
func (f *fakeTelegram) waitCallFrom(from int, match func(apiCall) bool) apiCall {
	f.t.Helper()
	deadline := time.NewTimer(waitLimit)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		for _, c := range f.calls[min(from, len(f.calls)):] {
			if match(c) {
				f.mu.Unlock()
				return c
			}
		}
		changed := f.changed
		f.mu.Unlock()
		select {
		case <-changed:
		case <-deadline.C:
			f.t.Fatalf("the bot made no matching call within %v; calls: %v", waitLimit, f.allCalls())
			return apiCall{}
		}
	}
}

func (f *fakeTelegram) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		f.serveFile(w, rest)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, _ := strings.Cut(rest, "/")
	if !ok || token != f.token {
		writeAPIError(w, http.StatusUnauthorized, "Unauthorized", 0)
		return
	}
	params := map[string]string{}
	parseErr := r.ParseMultipartForm(8 << 20)
	if parseErr == nil {
		for k, v := range r.MultipartForm.Value {
			params[k] = v[0]
		}
	}
	// Read the body to EOF: only then does net/http watch the connection and
	// cancel r.Context() when the client hangs up on a long poll.
	io.Copy(io.Discard, r.Body)
	if parseErr != nil && r.ContentLength != 0 && !errors.Is(parseErr, io.EOF) {
		// A body cut short (the bot stopping mid-request) is a transport
		// failure, not a bad call: go-telegram/bot builds the forms.
		writeAPIError(w, http.StatusBadRequest, "Bad Request: the request body did not parse", 0)
		return
	}
	f.mu.Lock()
	garbled := f.faults.garble[method] > 0
	if garbled {
		f.faults.garble[method]--
	}
	f.mu.Unlock()
	if garbled {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		return
	}
	if method == "getUpdates" {
		f.mu.Lock()
		var failure *apiFailure
		if q := f.failures[method]; len(q) > 0 {
			failure, f.failures[method] = &q[0], q[1:]
		}
		f.mu.Unlock()
		if failure != nil {
			writeAPIError(w, failure.code, failure.description, failure.retryAfter)
			return
		}
		f.serveUpdates(w, r, params)
		return
	}
	call := apiCall{Method: method, Params: params}
	f.mu.Lock()
	delay, hold := f.faults.chatDelay[call.chatID()], f.faults.chatHold[call.chatID()]
	f.mu.Unlock()
	if params["chat_id"] != "" && (delay > 0 || hold != nil) {
		var wait <-chan time.Time
		if delay > 0 {
			wait = time.After(delay)
		}
		select {
		case <-wait:
		case <-hold:
		case <-r.Context().Done():
			return
		}
	}
	f.mu.Lock()
	var failure *apiFailure
	if q := f.failures[method]; len(q) > 0 {
		failure, f.failures[method] = &q[0], q[1:]
		call.Refused = failure.description
	} else if fl := f.faults.flood[call.chatID()]; fl != nil && fl.left > 0 && params["chat_id"] != "" {
		fl.left--
		failure = &apiFailure{code: http.StatusTooManyRequests, retryAfter: fl.retryAfter,
			description: fmt.Sprintf("Too Many Requests: retry after %d", fl.retryAfter)}
		call.Refused = failure.description
	}
	reset := failure == nil && f.faults.reset[method] > 0
	if reset {
		f.faults.reset[method]--
	}
	var result any
	var err error
	if failure == nil {
		result, err = f.handleLocked(call)
		if err != nil {
			call.Refused = err.Error()
		}
		if m, ok := result.(models.Message); ok {
			call.MessageID = m.ID
		}
	}
	call.At = time.Now()
	f.calls = append(f.calls, call)
	f.notifyLocked()
	f.mu.Unlock()

	if reset {
		// The call took effect; its response is lost on the way back.
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
		}
		return
	}
	switch {
	case failure != nil:
		writeAPIError(w, failure.code, failure.description, failure.retryAfter)
	case errors.As(err, new(apiMigrateError)):
		writeMigrateError(w, err)
	case err != nil:
		var state apiStateError
		if !errors.As(err, &state) {
			f.t.Errorf("Telegram would refuse %s: %v\nparams: %v", method, err, params)
		}
		writeAPIError(w, http.StatusBadRequest, "Bad Request: "+err.Error(), 0)
	default:
		writeAPIResult(w, result)
	}
}

// handleLocked validates one call and returns its result; f.mu is held.
func (f *fakeTelegram) handleLocked(c apiCall) (any, error) {
	switch c.Method {
	case "getMe":
		return f.me, nil
	case "deleteWebhook", "answerCallbackQuery":
		return true, nil
	case "setWebhook":
		return true, checkWebhook(c.Params)
	case "sendMessage", "editMessageText":
		return f.messageLocked(c)
	case "answerInlineQuery":
		if err := checkInlineButton(c.Params["button"]); err != nil {
			return nil, err
		}
		return true, checkInlineResults(c.Params["results"])
	case "getFile":
		file, ok := f.files[c.Params["file_id"]]
		if !ok {
			return nil, apiStateError("wrong file_id or the file is temporarily unavailable")
		}
		return models.File{FileID: c.Params["file_id"], FileUniqueID: "u" + c.Params["file_id"], FileSize: int64(len(file.data)), FilePath: file.path}, nil
	}
	return f.handleMoreLocked(c)
}

func (f *fakeTelegram) messageLocked(c apiCall) (any, error) {
	chatID, err := strconv.ParseInt(c.Params["chat_id"], 10, 64)
	if err != nil {
		return nil, fmt.Errorf("chat_id %q: %w", c.Params["chat_id"], err)
	}
	text := c.Params["text"]
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("message text is empty")
	}
	if c.Params["parse_mode"] == "HTML" {
		visible, err := parseTelegramHTML(text)
		if err != nil {
			return nil, fmt.Errorf("can't parse entities: %w", err)
		}
		text = visible
	}
	if n := utf16Len(text); n > maxMessageLen {
		return nil, fmt.Errorf("message is too long (%d characters)", n)
	}
	if m := c.Params["reply_markup"]; m != "" {
		if err := checkKeyboard(m); err != nil {
			return nil, err
		}
	}
	if err := f.checkDestinationLocked(c, chatID, text); err != nil {
		return nil, err
	}
	id := f.nextMessage
	if c.Method == "editMessageText" {
		if id, err = strconv.Atoi(c.Params["message_id"]); err != nil {
			return nil, fmt.Errorf("message_id: %w", err)
		}
	} else {
		f.nextMessage++
	}
	chatType := models.ChatTypePrivate
	if chatID < 0 {
		chatType = models.ChatTypeSupergroup
	}
	return f.recordMessageLocked(c, models.Message{ID: id, Date: int(time.Now().Unix()), Chat: models.Chat{ID: chatID, Type: chatType}, From: &f.me, Text: text}), nil
}

// serveUpdates answers getUpdates with the queued updates from offset on,
// holding the request up to its timeout while there are none.
func (f *fakeTelegram) serveUpdates(w http.ResponseWriter, r *http.Request, params map[string]string) {
	offset, _ := strconv.ParseInt(params["offset"], 10, 64)
	timeout, _ := strconv.Atoi(params["timeout"])
	limit, _ := strconv.Atoi(params["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	f.mu.Lock()
	f.polls = append(f.polls, len(f.calls))
	f.faults.confirmed = max(f.faults.confirmed, offset-1)
	f.notifyLocked()
	f.mu.Unlock()
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		var pending []json.RawMessage
		for _, u := range f.updates {
			// Telegram forgets an update once an offset confirmed it.
			if u.ID >= offset && u.ID > f.faults.confirmed && len(pending) < limit {
				raw, ok := f.faults.rawUpdates[u.ID]
				if !ok {
					data, _ := json.Marshal(u)
					raw = string(data)
				}
				pending = append(pending, json.RawMessage(raw))
			}
		}
		changed := f.changed
		f.mu.Unlock()
		if len(pending) > 0 {
			writeAPIResult(w, pending)
			return
		}
		select {
		case <-changed:
		case <-deadline.C:
			writeAPIResult(w, []*models.Update{})
			return
		case <-r.Context().Done():
			return
		}
	}
}

func (f *fakeTelegram) serveFile(w http.ResponseWriter, rest string) {
	token, path, _ := strings.Cut(rest, "/")
	if token != f.token {
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if target := f.faults.fileRedirect; target != "" {
		w.Header().Set("Location", target+"/"+path)
		w.WriteHeader(http.StatusFound)
		return
	}
	for _, file := range f.files {
		if file.path == path {
			w.Write(file.data)
			return
		}
	}
	http.NotFound(w, nil)
}

func writeAPIResult(w http.ResponseWriter, result any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

func writeAPIError(w http.ResponseWriter, code int, description string, retryAfter int) {
	body := map[string]any{"ok": false, "error_code": code, "description": description}
	if retryAfter > 0 {
		body["parameters"] = map[string]int{"retry_after": retryAfter}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(body)
}

// checkWebhook accepts setWebhook parameters as the Bot API does: a URL,
// and a secret_token, when given, of 1-256 characters of A-Za-z0-9_-.
func checkWebhook(params map[string]string) error {
	if params["url"] == "" {
		return errors.New("bad webhook: an HTTPS URL must be provided for webhook")
	}
	if secret, ok := params["secret_token"]; ok && !regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`).MatchString(secret) {
		return errors.New("bad webhook: secret token contains unallowed characters")
	}
	return nil
}

// checkKeyboard accepts an inline keyboard whose buttons each have text and
// exactly one action, as the Bot API requires; callback_data is 1-64 bytes.
func checkKeyboard(markup string) error {
	var kb struct {
		InlineKeyboard [][]map[string]json.RawMessage `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(markup), &kb); err != nil {
		return fmt.Errorf("can't parse reply keyboard markup JSON object: %w", err)
	}
	for _, row := range kb.InlineKeyboard {
		for _, button := range row {
			actions := 0
			for k := range button {
				if k != "text" {
					actions++
				}
			}
			var text, data string
			json.Unmarshal(button["text"], &text)
			json.Unmarshal(button["callback_data"], &data)
			switch {
			case text == "":
				return errors.New("can't parse inline keyboard button: text is empty")
			case actions != 1:
				return fmt.Errorf("can't parse inline keyboard button: %d actions in %v", actions, button)
			case button["callback_data"] != nil && (data == "" || len(data) > 64):
				return fmt.Errorf("BUTTON_DATA_INVALID: %q", data)
			}
		}
	}
	return nil
}

// inlineResultJSON is the part of an InlineQueryResultArticle tests read.
type inlineResultJSON struct {
	Type                string `json:"type"`
	ID                  string `json:"id"`
	Title               string `json:"title"`
	Description         string `json:"description"`
	InputMessageContent struct {
		MessageText string `json:"message_text"`
		ParseMode   string `json:"parse_mode"`
	} `json:"input_message_content"`
}

func checkInlineResults(raw string) error {
	var results []inlineResultJSON
	if err := json.Unmarshal([]byte(raw), &results); err != nil {
		return fmt.Errorf("can't parse inline query results: %w", err)
	}
	if len(results) > 50 {
		return errors.New("RESULTS_TOO_MUCH")
	}
	seen := map[string]bool{}
	for _, r := range results {
		switch {
		case r.ID == "" || len(r.ID) > 64:
			return fmt.Errorf("RESULT_ID_INVALID: %q", r.ID)
		case seen[r.ID]:
			return fmt.Errorf("RESULT_ID_DUPLICATE: %q", r.ID)
		case r.Title == "":
			return errors.New("RESULT_TITLE_EMPTY")
		}
		seen[r.ID] = true
		text := r.InputMessageContent.MessageText
		if r.InputMessageContent.ParseMode == "HTML" {
			visible, err := parseTelegramHTML(text)
			if err != nil {
				return fmt.Errorf("can't parse entities in result %s: %w", r.ID, err)
			}
			text = visible
		}
		if strings.TrimSpace(text) == "" || utf16Len(text) > maxMessageLen {
			return fmt.Errorf("MESSAGE_TEXT_INVALID in result %s (%d characters)", r.ID, utf16Len(text))
		}
	}
	return nil
}

// Telegram's HTML parse mode: these tags only, entities only &lt; &gt;
// &amp; &quot; and numeric ones, every tag closed in order.
var (
	telegramTags = map[string]bool{
		"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true, "s": true, "strike": true,
		"del": true, "span": true, "tg-spoiler": true, "a": true, "code": true, "pre": true,
		"blockquote": true, "tg-emoji": true,
	}
	telegramEntity = regexp.MustCompile(`^&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);`)
)

// parseTelegramHTML checks s the way the Bot API parses parse_mode HTML and
// returns the visible text.
func parseTelegramHTML(s string) (string, error) {
	var visible strings.Builder
	var open []string
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return "", fmt.Errorf("unclosed start tag at byte offset %d", i)
			}
			tag := s[i+1 : i+end]
			closing := strings.HasPrefix(tag, "/")
			name := strings.ToLower(strings.Fields(strings.TrimPrefix(tag, "/") + " ")[0])
			if !telegramTags[name] {
				return "", fmt.Errorf("unsupported start tag %q at byte offset %d", name, i)
			}
			if closing {
				if len(open) == 0 || open[len(open)-1] != name {
					return "", fmt.Errorf("unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", i, last(open), name)
				}
				open = open[:len(open)-1]
			} else {
				if name == "blockquote" && slices.Contains(open, "blockquote") {
					return "", errors.New("blockquote entities can't be nested")
				}
				open = append(open, name)
			}
			i += end + 1
		case '>':
			return "", fmt.Errorf("unescaped '>' at byte offset %d", i)
		case '&':
			m := telegramEntity.FindString(s[i:])
			if m == "" {
				return "", fmt.Errorf("unsupported entity at byte offset %d", i)
			}
			visible.WriteString("x") // one character however it is written
			i += len(m)
		default:
			visible.WriteByte(s[i])
			i++
		}
	}
	if len(open) > 0 {
		return "", fmt.Errorf("can't find end tag corresponding to start tag %q", last(open))
	}
	return visible.String(), nil
}

func last(tags []string) string {
	if len(tags) == 0 {
		return ""
	}
	return tags[len(tags)-1]
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// Decoding helpers for the parameters of recorded calls.

func (c apiCall) chatID() int64 {
	id, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
	return id
}

// replyTo is the message_id of reply_parameters, or 0.
func (c apiCall) replyTo() int {
	var rp models.ReplyParameters
	json.Unmarshal([]byte(c.Params["reply_parameters"]), &rp)
	return rp.MessageID
}

// buttons returns the inline keyboard of the call as rows of buttons.
func (c apiCall) buttons() [][]keyboardButton {
	var kb inlineKeyboard
	json.Unmarshal([]byte(c.Params["reply_markup"]), &kb)
	return kb.InlineKeyboard
}

// button returns the first button whose callback data starts with prefix.
func (c apiCall) button(prefix string) (keyboardButton, bool) {
	for _, row := range c.buttons() {
		for _, b := range row {
			if strings.HasPrefix(b.CallbackData, prefix) {
				return b, true
			}
		}
	}
	return keyboardButton{}, false
}

func (c apiCall) inlineResults() []inlineResultJSON {
	var rs []inlineResultJSON
	json.Unmarshal([]byte(c.Params["results"]), &rs)
	return rs
}

func (c apiCall) linkPreviewDisabled() bool {
	var lp models.LinkPreviewOptions
	json.Unmarshal([]byte(c.Params["link_preview_options"]), &lp)
	return lp.IsDisabled != nil && *lp.IsDisabled
}

func (c apiCall) String() string {
	if c.Refused != "" {
		return fmt.Sprintf("%s(refused: %s)", c.Method, c.Refused)
	}
	return fmt.Sprintf("%s(chat %s: %.60q)", c.Method, c.Params["chat_id"], c.Params["text"])
}

// Update builders. Entities are computed the way Telegram does: a command at
// the start, and @mentions, with UTF-16 offsets.

var (
	commandAtStart = regexp.MustCompile(`^/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?`)
	mentionPattern = regexp.MustCompile(`@[A-Za-z0-9_]{5,}`)
)

func textEntities(text string) []models.MessageEntity {
	var es []models.MessageEntity
	if loc := commandAtStart.FindStringIndex(text); loc != nil {
		es = append(es, models.MessageEntity{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: utf16Len(text[:loc[1]])})
	}
	for _, loc := range mentionPattern.FindAllStringIndex(text, -1) {
		if loc[0] > 0 && text[loc[0]-1] != ' ' && text[loc[0]-1] != '\n' {
			continue // part of a command: "/ask@bot"
		}
		es = append(es, models.MessageEntity{Type: models.MessageEntityTypeMention, Offset: utf16Len(text[:loc[0]]), Length: utf16Len(text[loc[0]:loc[1]])})
	}
	return es
}

// testUser is a Telegram user in tests.
type testUser struct {
	id   int64
	lang string
}

func (u testUser) user() *models.User {
	return &models.User{ID: u.id, FirstName: fmt.Sprintf("User%d", u.id), LanguageCode: u.lang}
}

// privateMessage is a message from u in their private chat with the bot.
func (f *fakeTelegram) privateMessage(u testUser, text string) *models.Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextMessage++
	return &models.Message{ID: f.nextMessage, Date: int(time.Now().Unix()), From: u.user(),
		Chat: models.Chat{ID: u.id, Type: models.ChatTypePrivate}, Text: text, Entities: textEntities(text)}
}

// groupMessage is a message from u in the group chatID (negative).
func (f *fakeTelegram) groupMessage(u testUser, chatID int64, text string) *models.Message {
	m := f.privateMessage(u, text)
	m.Chat = models.Chat{ID: chatID, Type: models.ChatTypeSupergroup, Title: "CSTO watchers"}
	return m
}
