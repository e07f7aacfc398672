package main

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// dockerInstruction is one instruction of a Dockerfile, its continuation
// lines joined.
type dockerInstruction struct {
	keyword string // upper case: FROM, COPY, ...
	args    []string
}

// parseDockerfile splits a Dockerfile into instructions, dropping comments
// and blank lines and joining lines that end in a backslash.
func parseDockerfile(text string) []dockerInstruction {
	var (
		out     []dockerInstruction
		pending strings.Builder
	)
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") || (line == "" && pending.Len() == 0) {
			continue
		}
		if cont, ok := strings.CutSuffix(line, `\`); ok {
			pending.WriteString(cont + " ")
			continue
		}
		pending.WriteString(line)
		fields := strings.Fields(pending.String())
		pending.Reset()
		if len(fields) > 0 {
			out = append(out, dockerInstruction{keyword: strings.ToUpper(fields[0]), args: fields[1:]})
		}
	}
	return out
}

// pinnedImage is an image reference that names its content by digest.
var pinnedImage = regexp.MustCompile(`@sha256:[0-9a-f]{64}$`)

// dockerArgRef is $NAME or ${NAME} in a FROM line.
var dockerArgRef = regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?`)

// unpinnedBaseImages lists the images a Dockerfile's FROM lines name that
// are neither scratch nor pinned by digest. A FROM may name an earlier
// stage; ARG defaults declared before the first FROM are substituted, and
// an image that depends on an ARG without a default counts as unpinned
// (its value is chosen at build time).
func unpinnedBaseImages(dockerfile string) (unpinned []string, froms int) {
	globalArgs := map[string]string{}
	var stages []string
	for _, in := range parseDockerfile(dockerfile) {
		switch in.keyword {
		case "ARG":
			if froms > 0 {
				continue // a stage's ARG cannot change a FROM line
			}
			for _, a := range in.args {
				name, value, _ := strings.Cut(a, "=")
				globalArgs[name] = strings.Trim(value, `"'`)
			}
		case "FROM":
			froms++
			args := slices.DeleteFunc(slices.Clone(in.args), func(a string) bool { return strings.HasPrefix(a, "--") })
			if len(args) == 0 {
				unpinned = append(unpinned, "(empty FROM)")
				continue
			}
			image := dockerArgRef.ReplaceAllStringFunc(args[0], func(ref string) string {
				return globalArgs[dockerArgRef.FindStringSubmatch(ref)[1]]
			})
			switch {
			case image == "scratch", pinnedImage.MatchString(image):
			case slices.Contains(stages, strings.ToLower(image)):
			default:
				unpinned = append(unpinned, args[0])
			}
			if len(args) == 3 && strings.EqualFold(args[1], "AS") {
				stages = append(stages, strings.ToLower(args[2]))
			}
		}
	}
	return unpinned, froms
}

func TestUnpinnedBaseImages(t *testing.T) {
	const digest = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	tests := []struct {
		name       string
		dockerfile string
		want       []string
	}{
		{"scratch", "FROM scratch\nCOPY x /x\n", nil},
		{"tag only", "FROM golang:1.26.11-bookworm AS build\nFROM scratch\n", []string{"golang:1.26.11-bookworm"}},
		{"latest", "FROM alpine\n", []string{"alpine"}},
		{"digest", "FROM golang:1.26.11-bookworm" + digest + " AS build\nFROM build\n", nil},
		{"short digest", "FROM alpine@sha256:0123\n", []string{"alpine@sha256:0123"}},
		{"platform flag", "FROM --platform=$BUILDPLATFORM golang:1.26 AS b\n", []string{"golang:1.26"}},
		{"arg default", "ARG IMG=debian:12\nFROM ${IMG}\n", []string{"${IMG}"}},
		{"arg default pinned", "ARG IMG=debian:12" + digest + "\nFROM $IMG\n", nil},
		{"arg without default", "ARG IMG\nFROM ${IMG}\n", []string{"${IMG}"}},
		{"stage arg ignored", "FROM scratch AS a\nARG IMG=x" + digest + "\nFROM ${IMG}\n", []string{"${IMG}"}},
		{"earlier stage", "FROM scratch AS base\nFROM base\n", nil},
		{"stage naming itself", "FROM base AS base\n", []string{"base"}},
		{"continued line", "FROM \\\n  node:22 \\\n  AS web\n", []string{"node:22"}},
		{"lower case", "from ubuntu:24.04\n", []string{"ubuntu:24.04"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, froms := unpinnedBaseImages(tt.dockerfile)
			if froms == 0 {
				t.Fatalf("no FROM found in %q", tt.dockerfile)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("unpinned = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDockerfileBaseImagesArePinned: the image is built from scratch or
// from images named by digest, never by a tag alone (a tag can move).
func TestDockerfileBaseImagesArePinned(t *testing.T) {
	data, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	unpinned, froms := unpinnedBaseImages(string(data))
	if froms == 0 {
		t.Fatal("Dockerfile has no FROM")
	}
	for _, image := range unpinned {
		t.Errorf("Dockerfile: FROM %s: not scratch and not pinned by @sha256: digest", image)
	}
}

// dockerIgnored reports whether .dockerignore patterns keep path (slash
// separated, relative to the context) out of the build context, as Docker
// reads them: the last pattern that matches the path or one of its parent
// folders decides, and a pattern starting with ! lets it in.
func dockerIgnored(patterns []string, path string) bool {
	ignored := false
	for _, p := range patterns {
		include := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(filepath.Clean(strings.TrimPrefix(p, "!")), "/")
		matched := false
		parts := strings.Split(path, "/")
		for i := range parts {
			if ok, _ := filepath.Match(p, strings.Join(parts[:i+1], "/")); ok {
				matched = true
				break
			}
		}
		if matched {
			ignored = !include
		}
	}
	return ignored
}

// TestDockerignoreSendsOnlyTheBuild: the build context holds what the
// Dockerfile copies and never secrets, state or history.
func TestDockerignoreSendsOnlyTheBuild(t *testing.T) {
	data, err := os.ReadFile("../../.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for line := range strings.Lines(string(data)) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			patterns = append(patterns, line)
		}
	}
	dockerfile, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	var copied []string
	for _, in := range parseDockerfile(string(dockerfile)) {
		if in.keyword != "COPY" && in.keyword != "ADD" {
			continue
		}
		if slices.ContainsFunc(in.args, func(a string) bool { return strings.HasPrefix(a, "--from=") }) {
			continue // from another stage or image, not the context
		}
		args := slices.DeleteFunc(slices.Clone(in.args), func(a string) bool { return strings.HasPrefix(a, "--") })
		for _, src := range args[:len(args)-1] {
			copied = append(copied, strings.TrimSuffix(src, "/"))
		}
	}
	if len(copied) == 0 {
		t.Fatal("the Dockerfile copies nothing from the context")
	}
	for _, path := range copied {
		// A folder's contents must come along too.
		if dockerIgnored(patterns, path) || dockerIgnored(patterns, path+"/file") {
			t.Errorf(".dockerignore keeps out %s, which the Dockerfile copies", path)
		}
	}
	for _, path := range []string{".env", ".env.local", "data/index.gob", "data/articles/a.txt", ".git/config", "cmd/alliancebot/main.go"} {
		if !dockerIgnored(patterns, path) {
			t.Errorf(".dockerignore lets %s into the build context", path)
		}
	}
}
