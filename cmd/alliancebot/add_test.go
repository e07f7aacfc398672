package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// startPages serves the web page fixtures on 127.0.0.1.
func startPages(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	page, err := os.ReadFile(filepath.Join("..", "..", "testdata", "html", "csto_exercise.html"))
	if err != nil {
		t.Fatal(err)
	}
	login, err := os.ReadFile(filepath.Join("..", "..", "testdata", "html", "no_article.html"))
	if err != nil {
		t.Fatal(err)
	}
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		switch r.URL.Path {
		case "/news/csto-drills-tajikistan":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		case "/login":
			w.Header().Set("Content-Type", "text/html")
			w.Write(login)
		case "/report.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4\n"))
		case "/big":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(strings.Repeat("<p>CSTO news.</p>\n", 10_000)))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &requests
}

func TestAddStoresALink(t *testing.T) {
	srv, _ := startPages(t)
	dir := t.TempDir()
	env := map[string]string{"FETCH_ALLOW_PRIVATE": "true"}
	code, out, errOut := runCLI(t, "", env, "add", "--corpus", dir, srv.URL+"/news/csto-drills-tajikistan")
	t.Logf("stdout:\n%s", out)
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"stored csto-drills-tajikistan.txt in " + dir, "title:     CSTO rapid reaction force ends drills in Tajikistan",
		"outlet:    Steppe Herald", "published: 2023-10-14", "url:       https://steppe-herald.example/world/2023/10/14/csto-drills-tajikistan",
		"passages:  6", "The Collective Rapid Reaction Force"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// The stored file answers questions.
	code, answer, _ := runCLI(t, "", nil, "ask", "--corpus", dir, "Which region of Tajikistan hosted the CSTO drills?")
	if code != exitOK || !strings.Contains(answer, "Khatlon") {
		t.Errorf("ask after add: exit %d\n%s", code, answer)
	}
	code, out, _ = runCLI(t, "", env, "add", "--corpus", dir, srv.URL+"/news/csto-drills-tajikistan")
	if code != exitOK || !strings.Contains(out, "already in "+dir+" as csto-drills-tajikistan.txt; nothing stored") {
		t.Errorf("second add: exit %d, %q", code, out)
	}
}

func TestAddFailuresAreOneLine(t *testing.T) {
	srv, requests := startPages(t)
	dir := t.TempDir()
	allow := map[string]string{"FETCH_ALLOW_PRIVATE": "true", "FETCH_MAX_BYTES": "65536"}
	tests := []struct {
		name string
		env  map[string]string
		arg  string
		want string
		code int
	}{
		{"refused address", nil, srv.URL + "/news/csto-drills-tajikistan", "refused: the address is private, loopback, link-local, multicast or unspecified: 127.0.0.1", exitFailed},
		{"too large", allow, srv.URL + "/big", "the page is too large (the limit is 65536 bytes)", exitFailed},
		{"not html", allow, srv.URL + "/report.pdf", "the page is not HTML or plain text (it is application/pdf)", exitFailed},
		{"nothing extractable", allow, srv.URL + "/login", "the page has no article text that could be extracted", exitFailed},
		{"not found", allow, srv.URL + "/gone", "the site answered 404 Not Found", exitFailed},
		{"credentials in the URL", allow, strings.Replace(srv.URL, "://", "://user:s3cret-pass@", 1) + "/gone?apikey=s3cret-key", "add http://***@", exitFailed},
		{"bad setting", map[string]string{"FETCH_TIMEOUT": "soon"}, srv.URL + "/login", "FETCH_TIMEOUT: want a positive duration", exitUsage},
		{"no argument", nil, "", "add needs one URL or file", exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := requests.Load()
			args := []string{"add", "--corpus", dir}
			if tt.arg != "" {
				args = append(args, tt.arg)
			}
			code, out, errOut := runCLI(t, "", tt.env, args...)
			t.Logf("stderr: %s", errOut)
			if code != tt.code || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d and one line with %q", code, out, errOut, tt.code, tt.want)
			}
			if strings.Contains(errOut, "s3cret") {
				t.Errorf("a password or key of the URL is shown: %q", errOut)
			}
			if tt.name == "refused address" && requests.Load() != before {
				t.Errorf("the refused address was contacted")
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed adds left %d files", len(entries))
	}
}

func TestAddFiles(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join("..", "..", "testdata", "html", "odkb_minsk_cp1251.html")
	code, out, errOut := runCLI(t, "", nil, "add", "--corpus", dir, page)
	if code != exitOK || !strings.Contains(out, "stored odkb_minsk_cp1251.txt") || !strings.Contains(out, "outlet:    Вестник Евразии") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	wire := filepath.Join("..", "..", "testdata", "syndicated", "wire_original.txt")
	copyOf := filepath.Join("..", "..", "testdata", "syndicated", "syndicated_copy.txt")
	runCLI(t, "", nil, "add", "--corpus", dir, wire)
	code, out, _ = runCLI(t, "", nil, "add", "--corpus", dir, copyOf)
	if code != exitOK || !strings.Contains(out, "copy of:   wire_original") || !strings.Contains(out, "passages:  0") {
		t.Errorf("a syndicated copy: exit %d\n%s", code, out)
	}
	code, _, errOut = runCLI(t, "", nil, "add", "--corpus", dir, filepath.Join(dir, "missing.txt"))
	if code != exitFailed || strings.Count(errOut, "\n") != 1 {
		t.Errorf("a missing file: exit %d, %q", code, errOut)
	}
	// A page that never names the CSTO is stored, with a note that
	// answers will not quote it; one that does gets no note.
	if strings.Contains(out, "never names the CSTO") {
		t.Errorf("a note for a page about the CSTO:\n%s", out)
	}
	sports := filepath.Join(t.TempDir(), "hockey.txt")
	if err := os.WriteFile(sports, []byte("Hockey final\n\nKairat Almaty won the national hockey championship, beating Barys 3-1 in the final in Astana on Sunday evening."), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, "", nil, "add", "--corpus", dir, sports)
	if code != exitOK || !strings.Contains(out, "never names the CSTO") {
		t.Errorf("a page off the topic: exit %d\n%s", code, out)
	}
}

func TestAskNamesOtherOutlets(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "syndicated")
	code, out, errOut := runCLI(t, "", nil, "ask", "--corpus", dir, "What did Kyrgyz officials ask the CSTO to finance in Batken?")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	if !strings.Contains(out, "    also reported by Pamir Times Online, 2024-03-04; Eurasia Daily Digest, 2024-03-05\n") {
		t.Errorf("output:\n%s", out)
	}
	code, out, _ = runCLI(t, "", nil, "ask", "--json", "--corpus", dir, "What did Kyrgyz officials ask the CSTO to finance in Batken?")
	if code != exitOK || !strings.Contains(out, `"also_reported_by":[{"source":"Pamir Times Online","published":"2024-03-04"},{"source":"Eurasia Daily Digest","published":"2024-03-05"}]`) {
		t.Errorf("JSON:\n%s", out)
	}
}

func TestIngestSettings(t *testing.T) {
	tests := []struct {
		env     map[string]string
		feeds   int
		wantErr string
	}{
		{map[string]string{}, 0, ""},
		{map[string]string{"FEEDS": " https://a.example/rss , https://b.example/atom.xml,", "FEED_INTERVAL": "10m"}, 2, ""},
		{map[string]string{"FEEDS": "ftp://a.example/rss"}, 0, "FEEDS: \"ftp://a.example/rss\" is not an http(s) URL"},
		{map[string]string{"FEED_INTERVAL": "5s"}, 0, "FEED_INTERVAL: want a duration of at least 1m0s"},
		{map[string]string{"FETCH_ALLOW_PRIVATE": "maybe"}, 0, "FETCH_ALLOW_PRIVATE: want true or false"},
		{map[string]string{"FETCH_MAX_BYTES": "12"}, 0, "FETCH_MAX_BYTES: want a number of bytes of at least 1024"},
		{map[string]string{"FETCH_TIMEOUT": "-3s"}, 0, "FETCH_TIMEOUT: want a positive duration"},
	}
	for _, tt := range tests {
		getenv := func(k string) string { return tt.env[k] }
		_, ferr := fetchConfig(getenv)
		feeds, _, serr := feedSettings(getenv)
		err := ferr
		if err == nil {
			err = serr
		}
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%v: %v", tt.env, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%v: error %v; want %q", tt.env, err, tt.wantErr)
		case tt.wantErr == "" && len(feeds) != tt.feeds:
			t.Errorf("%v: feeds %v", tt.env, feeds)
		}
	}
}
