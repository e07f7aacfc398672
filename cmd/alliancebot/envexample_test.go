package main

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestEnvExampleHasEveryVariable: every variable of README.md's
// configuration tables has a line in .env.example, set to nothing (the
// default) or to the default the README names.
func TestEnvExampleHasEveryVariable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.Open("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	defer example.Close()
	values := map[string]string{}
	sc := bufio.NewScanner(example)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			t.Errorf(".env.example: not NAME=value: %q", line)
			continue
		}
		values[name] = value
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\| ([^|]*) \\|")
	defaultValue := regexp.MustCompile("^`([^`]+)`")
	rows := row.FindAllStringSubmatch(string(readme), -1)
	if len(rows) < 10 {
		t.Fatalf("found %d configuration rows in README.md; has the table's layout changed?", len(rows))
	}
	for _, m := range rows {
		name, cell := m[1], strings.TrimSpace(m[2])
		value, ok := values[name]
		if !ok {
			t.Errorf(".env.example lacks %s", name)
			continue
		}
		if d := defaultValue.FindStringSubmatch(cell); d != nil && value != "" && value != d[1] {
			t.Errorf(".env.example sets %s=%s, README.md's default is %s", name, value, d[1])
		}
	}
	// The values as written are accepted.
	getenv := func(name string) string { return values[name] }
	if _, err := fetchConfig(getenv); err != nil {
		t.Errorf("fetch settings of .env.example: %v", err)
	}
	if _, _, err := feedSettings(getenv); err != nil {
		t.Errorf("feed settings of .env.example: %v", err)
	}
	if _, err := engineConfig(getenv); err != nil {
		t.Errorf("engine settings of .env.example: %v", err)
	}
	if _, err := readLogSettings(getenv); err != nil {
		t.Errorf("log settings of .env.example: %v", err)
	}
}
