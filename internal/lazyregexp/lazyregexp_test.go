package lazyregexp

import (
	"regexp"
	"slices"
	"sync"
	"testing"
)

// TestSameAsRegexp checks that each method gives what the compiled
// expression's does.
func TestSameAsRegexp(t *testing.T) {
	const expr = `(?i)\b(\d{1,2})\s+(june|июня)\b`
	lazy, re := New(expr), regexp.MustCompile(expr)
	texts := []string{"", "on 14 June 2024 and 15 june", "14 июня", "no date here", "114 junebug"}
	for _, s := range texts {
		if lazy.MatchString(s) != re.MatchString(s) ||
			lazy.FindString(s) != re.FindString(s) ||
			!slices.Equal(lazy.FindStringIndex(s), re.FindStringIndex(s)) ||
			!slices.Equal(lazy.FindStringSubmatch(s), re.FindStringSubmatch(s)) ||
			!slices.Equal(lazy.FindAllString(s, -1), re.FindAllString(s, -1)) ||
			lazy.ReplaceAllString(s, "[$1]") != re.ReplaceAllString(s, "[$1]") ||
			lazy.ReplaceAllStringFunc(s, func(string) string { return "x" }) != re.ReplaceAllStringFunc(s, func(string) string { return "x" }) ||
			!slices.Equal(lazy.Split(s, -1), re.Split(s, -1)) {
			t.Errorf("%q: the lazy expression answers otherwise", s)
		}
		if !slices.EqualFunc(lazy.FindAllStringIndex(s, -1), re.FindAllStringIndex(s, -1), slices.Equal) ||
			!slices.EqualFunc(lazy.FindAllStringSubmatchIndex(s, -1), re.FindAllStringSubmatchIndex(s, -1), slices.Equal) {
			t.Errorf("%q: the lazy expression's indexes differ", s)
		}
	}
	if lazy.String() != expr || lazy.Regexp().String() != expr {
		t.Errorf("String() = %q, Regexp().String() = %q; want %q", lazy.String(), lazy.Regexp().String(), expr)
	}
}

// TestCompiledOnce checks that concurrent first uses share one compiled
// expression.
func TestCompiledOnce(t *testing.T) {
	r := &Regexp{expr: `a+`}
	compiles := 0
	r.re = sync.OnceValue(func() *regexp.Regexp { compiles++; return regexp.MustCompile(r.expr) })
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if !r.MatchString("caab") {
				t.Error("a+ does not match caab")
			}
		})
	}
	wg.Wait()
	if compiles != 1 {
		t.Errorf("compiled %d times, want once", compiles)
	}
}

// TestBadExpressionFailsInTests checks that a test binary compiles an
// expression at New, so a bad one fails there.
func TestBadExpressionFailsInTests(t *testing.T) {
	if !inTest {
		t.Fatal("a test binary is not recognised as one")
	}
	defer func() {
		if recover() == nil {
			t.Error("New accepted a bad expression in a test binary")
		}
	}()
	New(`(`)
}
