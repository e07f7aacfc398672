package main

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/alliancebot/alliancebot/ingest"
)

// The variables of links and feeds, read by bot and add.
const (
	envFeeds             = "FEEDS"               // comma-separated RSS or Atom URLs
	envFeedInterval      = "FEED_INTERVAL"       // default ingest.DefaultFeedInterval
	envFetchAllowPrivate = "FETCH_ALLOW_PRIVATE" // true lets links reach private addresses
	envFetchTimeout      = "FETCH_TIMEOUT"       // default ingest.DefaultFetchTimeout
	envFetchMaxBytes     = "FETCH_MAX_BYTES"     // default ingest.DefaultFetchMaxBytes
)

// feedStateFile is the feed watcher's memory inside DATA_DIR.
const feedStateFile = "feeds.json"

// removedDirName is where /remove keeps article files, inside DATA_DIR.
const removedDirName = "removed"

// minFeedInterval keeps a typo such as FEED_INTERVAL=1s from hammering the
// feeds' servers.
const minFeedInterval = time.Minute

// fetchConfig reads how links are fetched:
//
//	FETCH_ALLOW_PRIVATE  true lets links reach private and loopback addresses (default false)
//	FETCH_TIMEOUT        time limit of one fetch (default 20s)
//	FETCH_MAX_BYTES      largest page fetched, in bytes (default 5242880)
func fetchConfig(getenv func(string) string) (ingest.FetchConfig, error) {
	env := func(name string) string { return strings.TrimSpace(getenv(name)) }
	var cfg ingest.FetchConfig
	if s := env(envFetchAllowPrivate); s != "" {
		v, err := strconv.ParseBool(s)
		if err != nil {
			return cfg, &configError{envFetchAllowPrivate, fmt.Sprintf("want true or false, got %q", s)}
		}
		cfg.AllowPrivate = v
	}
	if s := env(envFetchTimeout); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return cfg, &configError{envFetchTimeout, fmt.Sprintf("want a positive duration such as 20s, got %q", s)}
		}
		cfg.Timeout = d
	}
	if s := env(envFetchMaxBytes); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1024 {
			return cfg, &configError{envFetchMaxBytes, fmt.Sprintf("want a number of bytes of at least 1024, got %q", s)}
		}
		cfg.MaxBytes = n
	}
	return cfg, nil
}

// feedSettings reads the feeds to follow and how often:
//
//	FEEDS          comma-separated RSS or Atom URLs (default none)
//	FEED_INTERVAL  time between checks (default 30m, at least 1m)
func feedSettings(getenv func(string) string) ([]string, time.Duration, error) {
	var feeds []string
	for _, item := range strings.Split(getenv(envFeeds), ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		u, err := url.Parse(item)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, 0, &configError{envFeeds, fmt.Sprintf("%q is not an http(s) URL", ingest.RedactURL(item))}
		}
		feeds = append(feeds, item)
	}
	interval := ingest.DefaultFeedInterval
	if s := strings.TrimSpace(getenv(envFeedInterval)); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d < minFeedInterval {
			return nil, 0, &configError{envFeedInterval, fmt.Sprintf("want a duration of at least %v such as 30m, got %q", minFeedInterval, s)}
		}
		interval = d
	}
	return feeds, interval, nil
}
