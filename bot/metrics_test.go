package bot

import (
	"net/http"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"golang.org/x/time/rate"

	"github.com/go-telegram/bot/models"
)

// scraped is one /metrics response, as text and parsed.
type scraped struct {
	t        *testing.T
	text     string
	families map[string]*dto.MetricFamily
}

// scrape fetches and parses the bot's /metrics.
func (h *harness) scrape() scraped {
	h.t.Helper()
	code, body := h.get("/metrics")
	if code != http.StatusOK {
		h.t.Fatalf("/metrics = %d", code)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		h.t.Fatalf("/metrics is not the Prometheus text format: %v\n%s", err, body)
	}
	return scraped{t: h.t, text: body, families: families}
}

// value is the value of the sample of family name whose labels include the
// given name-value pairs: a counter's or gauge's value, a histogram's count.
// It fails the test when there is no such sample.
func (s scraped) value(name string, labels ...string) float64 {
	s.t.Helper()
	f, ok := s.families[name]
	if !ok {
		s.t.Fatalf("no metric %s", name)
	}
	for _, m := range f.GetMetric() {
		if !hasLabels(m, labels) {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	s.t.Fatalf("no sample of %s with labels %v", name, labels)
	return 0
}

func hasLabels(m *dto.Metric, pairs []string) bool {
	for i := 0; i+1 < len(pairs); i += 2 {
		found := false
		for _, l := range m.GetLabel() {
			found = found || (l.GetName() == pairs[i] && l.GetValue() == pairs[i+1])
		}
		if !found {
			return false
		}
	}
	return true
}

// alliancebotLines is the bot's own part of the exposition, without the
// histogram buckets: what an operator reads first.
func (s scraped) alliancebotLines() string {
	var out []string
	for _, line := range strings.Split(s.text, "\n") {
		name := strings.TrimPrefix(strings.TrimPrefix(line, "# HELP "), "# TYPE ")
		if strings.HasPrefix(name, "alliancebot_") && !strings.Contains(line, "_bucket{") {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

func TestMetricsAfterTenQuestions(t *testing.T) {
	h := startBot(t, func(s *botSetup) {
		// Three questions each, then the slow-down note.
		s.cfg.RateLimit, s.cfg.RateBurst = rate.Every(time.Hour), 3
		s.tg.failNext("setMyCommands", http.StatusInternalServerError, 0)
		s.tg.failNext("getUpdates", http.StatusBadGateway, 0) // go-telegram/bot polls again by itself
	})
	h.tg.waitCall(func(c apiCall) bool { return c.Method == "setMyCommands" && c.Refused == "" })
	group := func(u testUser, text string) apiCall {
		from := h.mark()
		h.tg.push(models.Update{Message: h.tg.groupMessage(u, testGroup, text)})
		return h.waitSent(from, testGroup)
	}

	// plainUser: answered, not found, refused (empty /ask), rate-limited.
	answer := h.sendPrivate(plainUser, membersQuestion)
	h.sendPrivate(plainUser, borschtQuestion)
	h.sendPrivate(plainUser, "/ask")
	if slow := h.sendPrivate(plainUser, allianceQuestion); !strings.Contains(slow.Params["text"], "wait a few seconds") {
		t.Fatalf("the fourth question should be rate-limited: %q", slow.Params["text"])
	}
	// russianUser: refused (too long), answered in the group and inline.
	h.sendPrivate(russianUser, strings.Repeat("ОДКБ ", 250))
	h.tg.failNext("sendMessage", http.StatusTooManyRequests, 1) // waited out and retried
	group(russianUser, "/ask@"+h.tg.me.Username+" "+membersQuestion)
	h.askInline(russianUser, allianceQuestion)
	// adminUser: not found in the group and inline, answered inline.
	group(adminUser, "@"+h.tg.me.Username+" "+borschtQuestion)
	h.askInline(adminUser, borschtQuestion)
	h.askInline(adminUser, membersQuestion)

	// Feedback and a reload.
	up, _ := answer.button("v:")
	h.press(plainUser, plainUser.id, answer.MessageID, up.CallbackData)
	h.press(plainUser, plainUser.id, answer.MessageID, strings.TrimSuffix(up.CallbackData, ":u")+":d")
	if reply := h.sendPrivate(adminUser, "/reload"); !strings.Contains(reply.Params["text"], "Reloaded") {
		t.Fatalf("/reload: %q", reply.Params["text"])
	}

	m := h.scrape()
	t.Logf("/metrics after ten questions (buckets left out):\n%s", m.alliancebotLines())
	for _, tc := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"alliancebot_questions_total", []string{"channel", "private", "outcome", "answered"}, 1},
		{"alliancebot_questions_total", []string{"channel", "private", "outcome", "not_found"}, 1},
		{"alliancebot_questions_total", []string{"channel", "private", "outcome", "refused"}, 2},
		{"alliancebot_questions_total", []string{"channel", "private", "outcome", "rate_limited"}, 1},
		{"alliancebot_questions_total", []string{"channel", "group", "outcome", "answered"}, 1},
		{"alliancebot_questions_total", []string{"channel", "group", "outcome", "not_found"}, 1},
		{"alliancebot_questions_total", []string{"channel", "group", "outcome", "rate_limited"}, 0},
		{"alliancebot_questions_total", []string{"channel", "inline", "outcome", "answered"}, 2},
		{"alliancebot_questions_total", []string{"channel", "inline", "outcome", "not_found"}, 1},
		{"alliancebot_questions_total", []string{"channel", "inline", "outcome", "refused"}, 0},
		// Timed: every question the engine saw, the refused ones included
		// (not the rate-limited one).
		{"alliancebot_answer_duration_seconds", []string{"channel", "private"}, 4},
		{"alliancebot_answer_duration_seconds", []string{"channel", "group"}, 2},
		{"alliancebot_answer_duration_seconds", []string{"channel", "inline"}, 3},
		{"alliancebot_feedback_votes_total", []string{"vote", "up"}, 1},
		{"alliancebot_feedback_votes_total", []string{"vote", "down"}, 1},
		{"alliancebot_reloads_total", []string{"outcome", "ok"}, 1},
		{"alliancebot_reloads_total", []string{"outcome", "failed"}, 0},
		{"alliancebot_telegram_api_errors_total", []string{"method", "setMyCommands"}, 1},
		{"alliancebot_telegram_api_errors_total", []string{"method", "sendMessage"}, 1},
		{"alliancebot_telegram_api_errors_total", []string{"method", "getUpdates"}, 1},
		{"alliancebot_index_ready", nil, 1},
		{"alliancebot_index_articles", nil, 3},
		{"alliancebot_index_passages", nil, float64(h.engine.Stats().Passages)},
	} {
		if got := m.value(tc.name, tc.labels...); got != tc.want {
			t.Errorf("%s%v = %v, want %v", tc.name, tc.labels, got, tc.want)
		}
	}
	total := 0.0
	for _, s := range m.families["alliancebot_questions_total"].GetMetric() {
		total += s.GetCounter().GetValue()
	}
	if total != 10 {
		t.Errorf("%v questions counted, want 10", total)
	}
	if loaded := m.value("alliancebot_index_loaded_timestamp_seconds"); loaded < float64(time.Now().Add(-time.Hour).Unix()) {
		t.Errorf("index_loaded_timestamp_seconds = %v, want the time of the last load", loaded)
	}
	if _, ok := m.families["go_goroutines"]; !ok {
		t.Errorf("the Go runtime metrics are missing")
	}
}
