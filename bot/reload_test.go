package bot

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/alliancebot/alliancebot/retrieval"
)

func TestFolderReloaderWithoutArticlesIsErrNoPassages(t *testing.T) {
	for _, tc := range []struct {
		name       string
		files      map[string][]byte
		fileErrors int
	}{
		{"empty folder", nil, 0},
		{"only a broken article", map[string][]byte{"broken.txt": {0, 1, 2, 3}, "notes.pdf": []byte("%PDF")}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for file, data := range tc.files {
				os.WriteFile(filepath.Join(dir, file), data, 0o644)
			}
			rep, err := FolderReloader{Dir: dir, Loader: newTestEngine(t)}.Reload(context.Background())
			if !errors.Is(err, retrieval.ErrNoPassages) {
				t.Errorf("Reload: %v, want an error wrapping retrieval.ErrNoPassages", err)
			}
			if len(rep.Errors) != tc.fileErrors {
				t.Errorf("%d file errors reported, want %d: %v", len(rep.Errors), tc.fileErrors, rep.Errors)
			}
		})
	}
}
