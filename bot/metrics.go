package bot

import (
	"runtime"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Question channels: where a question was asked. They are the values of the
// "channel" label and of the "channel" attribute of the per-question log line.
const (
	channelPrivate = "private"
	channelGroup   = "group"
	channelInline  = "inline"
)

// Question outcomes, the values of the "outcome" label.
const (
	// outcomeAnswered is a question answered with citations.
	outcomeAnswered = "answered"
	// outcomeNotFound is a question the articles do not cover.
	outcomeNotFound = "not_found"
	// outcomeRefused is a question not searched for: empty, too long, or
	// asked while no index was loaded.
	outcomeRefused = "refused"
	// outcomeRateLimited is a question dropped by the per-user rate limit.
	outcomeRateLimited = "rate_limited"
)

// Buttons that count against the rate limit, the values of the "button"
// label of rate-limited presses.
const (
	buttonPassage = "passage"
	buttonMore    = "more"
)

// Reload outcomes, the values of the "outcome" label of reloads.
const (
	reloadOK     = "ok"
	reloadFailed = "failed"
)

// Webhook rejection reasons, the values of the "reason" label.
const (
	rejectSecret    = "secret"
	rejectMalformed = "malformed"
	rejectBusy      = "busy"
)

// Why a message was dropped, the values of the "reason" label of dropped
// messages.
const (
	// dropFailed: Telegram refused it, or kept failing through the retry
	// window, or asked for a longer wait than the bot waits.
	dropFailed = "failed"
	// dropMaybeDelivered: the response was lost after the request went
	// out; it is not sent again, so as not to send it twice.
	dropMaybeDelivered = "maybe_delivered"
	// dropShutdown: still waiting to be sent when the shutdown timeout
	// ran out.
	dropShutdown = "shutdown"
	// dropBacklog: too many messages already waiting for the chat.
	dropBacklog = "backlog"
)

// Why an update was skipped, the values of the "reason" label.
const (
	skipUndecodable = "undecodable"
	skipDuplicate   = "duplicate"
)

// metrics are one bot's Prometheus collectors, on a registry of its own so
// that two bots in one process (tests, replicas in one binary) never share
// or collide on counters.
type metrics struct {
	registry *prometheus.Registry

	questions       *prometheus.CounterVec
	pressesLimited  *prometheus.CounterVec
	answerSeconds   *prometheus.HistogramVec
	reloads         *prometheus.CounterVec
	votes           *prometheus.CounterVec
	apiErrors       *prometheus.CounterVec
	webhookRejected *prometheus.CounterVec
	messagesDropped *prometheus.CounterVec
	updatesSkipped  *prometheus.CounterVec
}

// newMetrics creates the collectors and registers them, with the Go runtime
// and process collectors, on a new registry. The index gauges read stats at
// scrape time, so they follow every reload without bookkeeping. build
// labels the build-info gauge.
func newMetrics(stats func() indexStats, build BuildInfo) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "alliancebot",
			Name:      "questions_total",
			Help:      "Questions by channel (private, group, inline) and outcome (answered, not_found, refused, rate_limited). Inline mode sends a query per pause in typing, so inline counts run higher than chats.",
		}, []string{"channel", "outcome"}),
		pressesLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "alliancebot",
			Name:      "button_presses_rate_limited_total",
			Help:      "Presses of the full-passage and more-sources buttons refused by the per-user rate limit, by button (passage, more); they share each user's limit with questions.",
		}, []string{"button"}),
		answerSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "alliancebot",
			Name:      "answer_duration_seconds",
			Help:      "Time the answer engine took per question, by channel, refusals included; rate-limited questions are not timed.",
			Buckets:   prometheus.DefBuckets,
		}, []string{"channel"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "alliancebot",
			Name:      "reloads_total",
			Help:      "Reloads of the articles (admin /reload and uploads) by outcome (ok, failed); after a failed one the old index keeps serving.",
		}, []string{"outcome"}),
		votes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "alliancebot",
			Name:      "feedback_votes_total",
			Help:      "Feedback button votes by vote (up, down); pressing the same button twice counts once, switching counts the new vote.",
		}, []string{"vote"}),
		apiErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "alliancebot",
			Name:      "telegram_api_errors_total",
			Help:      "Failed Bot API requests by method, every attempt counted: 429 answers that were waited out and transient failures (network, 5xx) that were retried included.",
		}, []string{"method"}),
		webhookRejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "alliancebot",
			Name:      "webhook_rejected_total",
			Help:      "Webhook requests not accepted, by reason: secret (wrong or missing secret token, 401), malformed (400), busy (not taking updates or queue full, 503; Telegram retries).",
		}, []string{"reason"}),
		messagesDropped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "alliancebot",
			Name:      "messages_dropped_total",
			Help:      "Messages to a chat the bot gave up on, by reason: failed (refused, or still failing after the retry window), maybe_delivered (response lost after sending; not repeated), shutdown (still waiting when the shutdown timeout ran out), backlog (too many waiting for one chat).",
		}, []string{"reason"}),
		updatesSkipped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "alliancebot",
			Name:      "updates_skipped_total",
			Help:      "Updates not answered, by reason: undecodable (logged with its update_id), duplicate (an update_id delivered again).",
		}, []string{"reason"}),
	}
	indexGauge := func(name, help string, value func(indexStats) float64) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: "alliancebot", Name: name, Help: help},
			func() float64 { return value(stats()) })
	}
	m.registry.MustRegister(
		m.questions, m.pressesLimited, m.answerSeconds, m.reloads, m.votes, m.apiErrors, m.webhookRejected,
		m.messagesDropped, m.updatesSkipped,
		indexGauge("index_ready", "1 when an index is loaded and serving, else 0.",
			func(s indexStats) float64 { return boolGauge(s.ready) }),
		indexGauge("index_articles", "Articles in the serving index.",
			func(s indexStats) float64 { return float64(s.articles) }),
		indexGauge("index_passages", "Passages in the serving index.",
			func(s indexStats) float64 { return float64(s.passages) }),
		indexGauge("index_loaded_timestamp_seconds", "Unix time the serving index was swapped in; 0 before the first load. Compare across replicas to see that a reload reached them all.",
			func(s indexStats) float64 { return s.loadedAt }),
		buildInfoGauge(build),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	// Every label value exists from the start, at 0, so dashboards and
	// rate() see a series before its first event.
	for _, ch := range []string{channelPrivate, channelGroup, channelInline} {
		for _, o := range []string{outcomeAnswered, outcomeNotFound, outcomeRefused, outcomeRateLimited} {
			m.questions.WithLabelValues(ch, o)
		}
		m.answerSeconds.WithLabelValues(ch)
	}
	for _, button := range []string{buttonPassage, buttonMore} {
		m.pressesLimited.WithLabelValues(button)
	}
	for _, o := range []string{reloadOK, reloadFailed} {
		m.reloads.WithLabelValues(o)
	}
	for _, v := range []string{"up", "down"} {
		m.votes.WithLabelValues(v)
	}
	for _, r := range []string{rejectSecret, rejectMalformed, rejectBusy} {
		m.webhookRejected.WithLabelValues(r)
	}
	for _, r := range []string{dropFailed, dropMaybeDelivered, dropShutdown, dropBacklog} {
		m.messagesDropped.WithLabelValues(r)
	}
	for _, r := range []string{skipUndecodable, skipDuplicate} {
		m.updatesSkipped.WithLabelValues(r)
	}
	return m
}

// buildInfoGauge is alliancebot_build_info{version,commit,goversion} 1, the
// usual way to tell which build each replica runs.
func buildInfoGauge(build BuildInfo) prometheus.Collector {
	g := prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace:   "alliancebot",
		Name:        "build_info",
		Help:        "Always 1; the labels say which build is running: version, commit and the Go version it was built with.",
		ConstLabels: prometheus.Labels{"version": orUnknown(build.Version), "commit": orUnknown(build.Commit), "goversion": runtime.Version()},
	})
	g.Set(1)
	return g
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// indexStats is what the index gauges show of retrieval.Stats.
type indexStats struct {
	ready              bool
	articles, passages int
	loadedAt           float64
}

func boolGauge(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
