package bot

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestLangFor(t *testing.T) {
	for code, want := range map[string]lang{
		"ru": langRU, "ru-RU": langRU, "RU": langRU, "be": langRU, "uk": langRU, "kk": langRU, "ky": langRU,
		"en": langEN, "en-GB": langEN, "": langEN, "de": langEN, "hy": langEN, "zh-hans": langEN,
	} {
		if got := langFor(code); got != want {
			t.Errorf("langFor(%q) = %d, want %d", code, got, want)
		}
	}
}

var formatVerb = regexp.MustCompile(`%[sdv]`)

// TestCatalogIsComplete checks every message exists in both languages with
// the same arguments in the same order, and is HTML Telegram accepts.
func TestCatalogIsComplete(t *testing.T) {
	for k := msgKey(0); k < msgKeyCount; k++ {
		en, ru := catalog[k][langEN], catalog[k][langRU]
		if strings.TrimSpace(en) == "" || strings.TrimSpace(ru) == "" {
			t.Errorf("message %d is missing a language: en %q, ru %q", k, en, ru)
			continue
		}
		if ve, vr := formatVerb.FindAllString(en, -1), formatVerb.FindAllString(ru, -1); !slices.Equal(ve, vr) {
			t.Errorf("message %d: English takes %v, Russian %v", k, ve, vr)
		}
		for _, s := range []string{en, ru} {
			if _, err := parseTelegramHTML(s); err != nil {
				t.Errorf("message %d %q is not valid Telegram HTML: %v", k, s, err)
			}
		}
	}
	for _, l := range []lang{langEN, langRU} {
		if n := len(exampleQuestions[l]); n < 2 || n > 3 {
			t.Errorf("language %d has %d example questions; the refusal shows two or three", l, n)
		}
	}
}
