package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

func TestReadLogSettings(t *testing.T) {
	for _, tc := range []struct {
		name      string
		environ   env
		wantJSON  bool
		wantLevel slog.Level
		wantVar   string
	}{
		{name: "defaults", environ: env{}, wantLevel: slog.LevelInfo},
		{name: "text", environ: env{envLogFormat: "text"}, wantLevel: slog.LevelInfo},
		{name: "json", environ: env{envLogFormat: "json"}, wantJSON: true, wantLevel: slog.LevelInfo},
		{name: "JSON in capitals", environ: env{envLogFormat: " JSON "}, wantJSON: true, wantLevel: slog.LevelInfo},
		{name: "debug", environ: env{envLogLevel: "debug"}, wantLevel: slog.LevelDebug},
		{name: "warn", environ: env{envLogLevel: "WARN"}, wantLevel: slog.LevelWarn},
		{name: "error", environ: env{envLogLevel: "error"}, wantLevel: slog.LevelError},
		{name: "unknown format", environ: env{envLogFormat: "logfmt"}, wantVar: envLogFormat},
		{name: "unknown level", environ: env{envLogLevel: "trace"}, wantVar: envLogLevel},
		{name: "numeric level", environ: env{envLogLevel: "-4"}, wantVar: envLogLevel},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := readLogSettings(tc.environ.get)
			if tc.wantVar != "" {
				var ce *configError
				if !errors.As(err, &ce) || ce.Var != tc.wantVar || strings.Contains(err.Error(), "\n") {
					t.Fatalf("error %v, want one line naming %s", err, tc.wantVar)
				}
				return
			}
			if err != nil || s.JSON != tc.wantJSON || s.Level != tc.wantLevel {
				t.Errorf("readLogSettings = %+v, %v; want JSON %v, level %v", s, err, tc.wantJSON, tc.wantLevel)
			}
		})
	}
}

func TestNewLoggerWritesTheFormatAndLevelAsked(t *testing.T) {
	var out bytes.Buffer
	log := newLogger(&out, logSettings{JSON: true, Level: slog.LevelWarn})
	log.Info("hidden")
	log.Warn("shown", "channel", "inline")
	var rec map[string]any
	if err := json.Unmarshal(out.Bytes(), &rec); err != nil {
		t.Fatalf("not one JSON line: %q", out.String())
	}
	if rec["msg"] != "shown" || rec["level"] != "WARN" || rec["channel"] != "inline" {
		t.Errorf("logged %v", rec)
	}
}
