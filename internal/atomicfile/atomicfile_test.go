package atomicfile

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplacesWholeOrNotAtAll(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "state.json")
	if err := Write(path, func(w *bufio.Writer) error { _, err := w.WriteString("one"); return err }); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("disk full")
	if err := Write(path, func(w *bufio.Writer) error { w.WriteString("half"); return failed }); !errors.Is(err, failed) {
		t.Fatalf("a failing write returned %v", err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "one" {
		t.Errorf("after a failed write the file holds %q (%v), want the old contents", got, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only the file itself (no temporary left)", len(entries))
	}
}
