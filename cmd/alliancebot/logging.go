package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// The logging variables of the bot.
const (
	envLogFormat = "LOG_FORMAT" // text (default) or json
	envLogLevel  = "LOG_LEVEL"  // debug, info (default), warn or error
)

// logSettings is how the bot logs.
type logSettings struct {
	JSON  bool
	Level slog.Level
}

// logLevels are the values LOG_LEVEL accepts.
func logLevels() map[string]slog.Level {
	return map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}
}

// readLogSettings reads LOG_FORMAT and LOG_LEVEL; a bad value is a
// *configError naming the variable.
func readLogSettings(getenv func(string) string) (logSettings, error) {
	var s logSettings
	switch format := strings.ToLower(strings.TrimSpace(getenv(envLogFormat))); format {
	case "", "text":
	case "json":
		s.JSON = true
	default:
		return s, &configError{envLogFormat, fmt.Sprintf("want text or json, got %q", format)}
	}
	s.Level = slog.LevelInfo
	if name := strings.ToLower(strings.TrimSpace(getenv(envLogLevel))); name != "" {
		level, ok := logLevels()[name]
		if !ok {
			return s, &configError{envLogLevel, fmt.Sprintf("want debug, info, warn or error, got %q", name)}
		}
		s.Level = level
	}
	return s, nil
}

// newLogger makes the bot's logger: text or JSON lines on w, from s.Level
// up. The bot removes its token from every record itself.
func newLogger(w io.Writer, s logSettings) *slog.Logger {
	opts := &slog.HandlerOptions{Level: s.Level}
	if s.JSON {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
